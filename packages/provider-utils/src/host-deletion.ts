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

/** What `releasedFor` found for an address: the resources, and the host id where they name it. */
export interface ReleasedHost {
  readonly id?: string | undefined;
  readonly secondaries: readonly SecondaryRef[];
  /**
   * Those of `secondaries` that still guard a machine the cloud is destroying, where the cloud
   * would remove them all the same (DigitalOcean deletes a firewall that guards droplets): kept
   * `remaining`, with no removal sent, so the machine is never open while it shuts down.
   */
  readonly inUse?: readonly SecondaryRef[] | undefined;
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
  /**
   * The machine's DELETE (or terminate): one request, never awaited to completion. It may answer
   * the machine as the cloud's answer shows it (EC2 answers the new state): once that is gone
   * (`isGone`), the secondary resources are removed in the same call.
   */
  destroy(machine: Machine, options?: CallOptions): Promise<Machine | undefined>;
  /**
   * Whether a record the cloud still answers is of a machine that is gone (EC2 keeps a terminated
   * instance's record for about an hour): it is then taken as absent, and the host as found while
   * a managed record is. Default: a machine that answers is there.
   */
  isGone?(machine: Machine): boolean;
  /** One removal attempt of a secondary resource (see `removeSecondaryResource`). */
  remove(secondary: SecondaryRef, options?: CallOptions): Promise<RemovalOutcome>;
  /**
   * Removes the secondary resources one after another, in the order given, instead of all at
   * once: for a cloud that refuses one while an earlier one still exists (Neutron's security group
   * while its port is in it). Default: all at once.
   */
  readonly removeInOrder?: boolean;
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
  /**
   * The managed secondary resources released for `ip` (by `release`, or labelled so at creation),
   * with the host id they were released for where the resources say it (then the answers carry it).
   */
  releasedFor?(ip: string, options?: CallOptions): Promise<readonly SecondaryRef[] | ReleasedHost>;
  /**
   * The other machines of the same host (duplicates that racing `provision()` calls left on a cloud
   * without an idempotency token), one request at most. While any is listed, they get the DELETEs
   * and the host's own machine is kept, since its tags are how they are found; so once it answers
   * 404, none was left when its DELETE began. Default: none.
   */
  duplicatesOf?(machine: Machine, options?: CallOptions): Promise<readonly Machine[]>;
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
 * - once the machine answers 404, each secondary resource's removal (all at once, or in order
 *   with `removeInOrder`); one a host still uses (the cloud refuses) is `remaining`, removed by a
 *   later call;
 * - by address, the listing finds the machine; the call that destroys it first releases its
 *   secondary resources for that address (`release`), so that later calls, which find the
 *   address on no machine, still find them (`releasedFor`);
 * - with `duplicatesOf`, the duplicates a host's machine has go before it;
 * - with `isGone`, a record the cloud keeps of a gone machine counts as its absence.
 * `done: true` only once nothing of the host is left.
 */
export function createHostDeletion<Machine>(parts: HostDeletionParts<Machine>): HostDeletion {
  const gone = (machine: Machine) => parts.isGone?.(machine) === true;
  const going = (machine: Machine) => parts.isDeleting?.(machine) === true;

  // `found` says a managed record of the host was read already (a gone machine's).
  // `inUse` are kept as the cloud would refuse them, without a request.
  const removeAll = async (
    secondaries: readonly SecondaryRef[],
    named: { id?: string },
    options: CallOptions | undefined,
    found = false,
    inUse: readonly SecondaryRef[] = [],
  ): Promise<DeleteResult> => {
    const remove = async (secondary: SecondaryRef): Promise<RemovalOutcome> =>
      inUse.some((busy) => busy.kind === secondary.kind && busy.id === secondary.id)
        ? 'in-use'
        : parts.remove(secondary, options);
    const outcomes: RemovalOutcome[] = [];
    if (parts.removeInOrder === true)
      for (const secondary of secondaries) outcomes.push(await remove(secondary));
    else outcomes.push(...(await Promise.all(secondaries.map(remove))));
    const busy = secondaries.filter((_, index) => outcomes[index] === 'in-use');
    if (busy.length > 0) return { done: false, ...named, remaining: busy.map(label), found: true };
    return { done: true, ...named, found: found || outcomes.includes('deleted') };
  };

  // One call while the machine exists: the duplicates' DELETEs if any are listed, else (after
  // `release`, by address) the machine's own; never a DELETE of one the cloud is deleting.
  const step = async (
    machine: Machine,
    id: string,
    secondaries: readonly SecondaryRef[],
    options: CallOptions | undefined,
    release?: () => Promise<void>,
  ): Promise<DeleteResult> => {
    if (gone(machine)) return removeAll(secondaries, { id }, options, true);
    const duplicates = (await parts.duplicatesOf?.(machine, options)) ?? [];
    let now = machine;
    if (duplicates.length > 0)
      await Promise.all(duplicates.filter((one) => !going(one)).map((one) => parts.destroy(one, options)));
    else if (!going(machine)) {
      await release?.();
      now = (await parts.destroy(machine, options)) ?? machine;
      if (gone(now)) return removeAll(secondaries, { id }, options, true);
    }
    const machines = [...duplicates, now].map((one) => `${parts.machineKind} ${parts.machineIdOf(one)}`);
    return { done: false, id, remaining: [...machines, ...secondaries.map(label)], found: true };
  };

  return {
    async byId(id, options) {
      const { machineId, secondaries } = parts.decode(id);
      const machine = await parts.read(machineId, options);
      if (machine !== undefined && !gone(machine))
        return parts.isManaged(machine)
          ? step(machine, id, parts.secondariesOf?.(machine, secondaries) ?? secondaries, options)
          : { done: true, id, found: false };
      const record = machine !== undefined && parts.isManaged(machine);
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
      return removeAll(owned, { id }, options, record);
    },

    async byAddress(ip, options) {
      const found = await parts.findByAddress?.(ip, options);
      if (found !== undefined) {
        const release = parts.release;
        return step(
          found.machine,
          found.id,
          found.secondaries,
          options,
          release === undefined ? undefined : () => release(found, ip, options),
        );
      }
      const released = (await parts.releasedFor?.(ip, options)) ?? [];
      if (!('secondaries' in released)) return removeAll(released, {}, options);
      const named = released.id === undefined ? {} : { id: released.id };
      return removeAll(released.secondaries, named, options, false, released.inUse);
    },
  };
}
