import type { CallOptions, DeleteResult } from '@provision/core';
import type { RemovalOutcome } from './secondary-resources.js';

/** A resource a host keeps until its machine is gone: a firewall, a group, an address. */
export interface SecondaryRef {
  /** In the cloud's words, as `remaining` shows it: `'firewall'`, `'firewall group'`. */
  readonly kind: string;
  readonly id: string;
  /** Where it lives when its id alone does not say (a region, a zone, a project); not shown. */
  readonly scope?: string;
}

/** A host found by its address: its machine, its id as `provision()` gave it, what it keeps. */
export interface FoundHost<Machine> {
  readonly machine: Machine;
  readonly id: string;
  readonly secondaries: readonly SecondaryRef[];
}

/** What one cloud supplies to `createHostDeletion`; every call is one request at most. */
export interface HostDeletionParts<Machine> {
  /** What `remaining` calls the machine: `'server'`, `'linode'`, `'instance'`. */
  readonly machineKind: string;
  /** The machine id and the secondary resources a host id names (throws the id's typed error). */
  decode(id: string): { readonly machineId: string; readonly secondaries: readonly SecondaryRef[] };
  /** The machine, or `undefined` once the cloud answers 404. */
  read(machineId: string, options?: CallOptions): Promise<Machine | undefined>;
  /** Whether provision made it: a mistyped id of another machine is never deleted. */
  isManaged(machine: Machine): boolean;
  /** The machine's own id, for `remaining`. */
  machineIdOf(machine: Machine): string;
  /**
   * Which of the secondary resources its id names a machine that still exists has (for
   * `remaining`), where the machine says it and the id cannot (an instance carries the network tag
   * of its firewall rules only when it was made with `inbound`). Default: all the id names.
   */
  secondariesOf?(machine: Machine, named: readonly SecondaryRef[]): readonly SecondaryRef[];
  /** Whether the cloud is deleting it already (then no second DELETE is sent). Default: never. */
  isDeleting?(machine: Machine): boolean;
  /** The machine's DELETE (or terminate): one request, never awaited to completion. */
  destroy(machine: Machine, options?: CallOptions): Promise<void>;
  /** One removal attempt of a secondary resource (see `removeSecondaryResource`). */
  remove(secondary: SecondaryRef, options?: CallOptions): Promise<RemovalOutcome>;
  /**
   * Whether a secondary resource named by a host id whose machine is gone is one provision made,
   * read before its removal (one request each); without it, the id's word is taken.
   */
  owns?(secondary: SecondaryRef, options?: CallOptions): Promise<boolean>;
  /** The managed host holding `ip`, machines the cloud is deleting included. Without it, no delete by address. */
  findByAddress?(ip: string, options?: CallOptions): Promise<FoundHost<Machine> | undefined>;
  /**
   * Marks the host's secondary resources with `ip` before its machine's DELETE (a label, a name, a
   * description), so that `releasedFor` finds them once no machine holds the address.
   */
  release?(found: FoundHost<Machine>, ip: string, options?: CallOptions): Promise<void>;
  /** The managed secondary resources released for `ip` (by `release`, or labelled so at creation). */
  releasedFor?(ip: string, options?: CallOptions): Promise<readonly SecondaryRef[]>;
}

/** `delete()` by id and by address, converging over calls. */
export interface HostDeletion {
  byId(id: string, options?: CallOptions): Promise<DeleteResult>;
  byAddress(ip: string, options?: CallOptions): Promise<DeleteResult>;
}

const label = (secondary: SecondaryRef) => `${secondary.kind} ${secondary.id}`;

/**
 * The delete of a host with a machine and secondary resources, over calls that each send a few
 * requests and answer `done: false` with what remains:
 * - while the machine exists, its DELETE (once: not while the cloud is deleting it), nothing else,
 *   so the host is never open on every port while it shuts down;
 * - once the machine answers 404, each secondary resource's removal; one a host still uses (the
 *   cloud refuses) is `remaining`, removed by a later call;
 * - by address, the listing finds the machine; the call that destroys it first releases its
 *   secondary resources for that address (`release`), so that later calls, which find the
 *   address on no machine, still find them (`releasedFor`).
 * `done: true` only once nothing of the host is left.
 */
export function createHostDeletion<Machine>(parts: HostDeletionParts<Machine>): HostDeletion {
  const step = async (
    machine: Machine,
    id: string,
    secondaries: readonly SecondaryRef[],
    options: CallOptions | undefined,
  ): Promise<DeleteResult> => {
    if (parts.isDeleting?.(machine) !== true) await parts.destroy(machine, options);
    const remaining = [`${parts.machineKind} ${parts.machineIdOf(machine)}`, ...secondaries.map(label)];
    return { done: false, id, remaining, found: true };
  };

  const removeAll = async (
    secondaries: readonly SecondaryRef[],
    named: { id?: string },
    options: CallOptions | undefined,
  ): Promise<DeleteResult> => {
    const outcomes = await Promise.all(secondaries.map((secondary) => parts.remove(secondary, options)));
    const busy = secondaries.filter((_, index) => outcomes[index] === 'in-use');
    if (busy.length > 0) return { done: false, ...named, remaining: busy.map(label), found: true };
    return { done: true, ...named, found: outcomes.includes('deleted') };
  };

  return {
    async byId(id, options) {
      const { machineId, secondaries } = parts.decode(id);
      const machine = await parts.read(machineId, options);
      if (machine !== undefined)
        return parts.isManaged(machine)
          ? step(machine, id, parts.secondariesOf?.(machine, secondaries) ?? secondaries, options)
          : { done: true, id, found: false };
      const owned =
        parts.owns === undefined
          ? secondaries
          : (
              await Promise.all(
                secondaries.map(async (secondary) =>
                  (await parts.owns?.(secondary, options)) === true ? [secondary] : [],
                ),
              )
            ).flat();
      return removeAll(owned, { id }, options);
    },

    async byAddress(ip, options) {
      const found = await parts.findByAddress?.(ip, options);
      if (found !== undefined) {
        if (parts.release !== undefined && parts.isDeleting?.(found.machine) !== true)
          await parts.release(found, ip, options);
        return step(found.machine, found.id, found.secondaries, options);
      }
      const released = (await parts.releasedFor?.(ip, options)) ?? [];
      return removeAll(released, {}, options);
    },
  };
}
