import type { CallOptions, Operation, ResolvedHostSpec } from '@provision/core';
import type { FoundHost, HostDeletionParts, SecondaryRef } from './host-deletion.js';
import type { RemovalOutcome } from './secondary-resources.js';

/** A host's firewall as provision holds it: where it is, and whether this call made it. */
export interface EnsuredFirewall {
  readonly ref: SecondaryRef;
  /** `false`: found, adopted or completed (made by a racer or an earlier attempt). */
  readonly created: boolean;
}

/**
 * A per-host firewall made BEFORE its machine, which the cloud creates behind it (Civo's and
 * Linode's `firewall_id`, Vultr's `firewall_group_id`): the machine is never reachable on a port
 * it did not ask for, not even while it boots. The kit runs it so:
 * - provision, only with `inbound`: `ensure` after `prepare` (throwing there sends no create),
 *   then the create with the firewall (`createRequest`'s third argument); a refused create
 *   removes the firewall this call made (one it adopted stays as it was); an unknown outcome
 *   keeps it for a repeat of `provision()`; a machine that lost a race goes, then the firewall
 *   this call made unless the winner is behind it too;
 * - delete: the machine first; the firewall, named by the host id or read from the machine, once
 *   the machine answers 404 (the cloud refuses it while the machine still uses it: `'in-use'`);
 *   by address, `release` marks it with the address before the machine's DELETE and
 *   `releasedFor` finds it again once no machine holds the address.
 * Orphans (firewalls whose machine is gone) are the plugin's `createOrphanScanner`, which may
 * share `remove`. A provisioner of its own runs the same policy with `ensure`, `dropMadeFirewall`
 * and `firewallDeletionParts`: DigitalOcean's (its firewall targets the host's identity tag
 * before any droplet carries it) and Hetzner's (the server's create names the firewall).
 */
export interface RestHostFirewall<Machine, Prepared> {
  /** What `remaining` calls it: `'firewall'`, `'firewall group'`. */
  readonly kind: string;
  /**
   * The host's firewall, found (and its rules completed) or made, with exactly the spec's
   * `inbound`: through `ensureSecondaryResource`, so a taken name adopts what a racer or a lost
   * answer made. Sent with the caller's signal.
   */
  ensure(spec: ResolvedHostSpec, prepared: Prepared, options?: CallOptions): Promise<EnsuredFirewall>;
  /** The firewall a host id names (a fresh process deletes it once the machine is gone). */
  named(id: string): SecondaryRef | undefined;
  /** The firewall a machine was made behind, as the machine says it (a tag, a field). */
  of(machine: Machine): SecondaryRef | undefined;
  /** One removal attempt (see `removeSecondaryResource`): absent on 404, in use while a machine has it. */
  remove(firewall: SecondaryRef, operation: Operation, options?: CallOptions): Promise<RemovalOutcome>;
  /** Marks the firewall with `ip` (its name, its tags) before the machine's DELETE, by address. */
  release?(
    found: FoundHost<Machine>,
    firewall: SecondaryRef,
    ip: string,
    options?: CallOptions,
  ): Promise<void>;
  /** The managed firewalls `release` marked with `ip`. */
  releasedFor?(ip: string, options?: CallOptions): Promise<readonly SecondaryRef[]>;
}

/** What provision keeps between `prepare` and the create: the plugin's part, and the firewall. */
export interface Readied<Prepared> {
  readonly prepared: Prepared;
  readonly firewall?: EnsuredFirewall | undefined;
}

/**
 * Removes the firewall this call made for a machine that is not the host (refused, or a lost
 * race), without the caller's signal: a firewall left behind is an orphan for `orphans()`.
 */
export async function dropMadeFirewall<Machine, Prepared>(
  firewall: RestHostFirewall<Machine, Prepared>,
  readied: Readied<Prepared>,
  winner?: Machine,
): Promise<void> {
  const made = readied.firewall;
  if (made?.created !== true) return;
  if (winner !== undefined && firewall.of(winner)?.id === made.ref.id) return;
  await firewall.remove(made.ref, 'provision');
}

/** The `delete()` parts a firewall adds to a lone machine's (see `createHostDeletion`). */
export function firewallDeletionParts<Machine, Prepared>(
  firewall: RestHostFirewall<Machine, Prepared>,
): Pick<HostDeletionParts<Machine>, 'remove' | 'release' | 'releasedFor'> {
  const { release, releasedFor } = firewall;
  return {
    remove: (secondary, options) => firewall.remove(secondary, 'delete', options),
    ...(release === undefined
      ? {}
      : {
          async release(found, ip, options) {
            const [named] = found.secondaries;
            if (named !== undefined) await release(found, named, ip, options);
          },
        }),
    ...(releasedFor === undefined ? {} : { releasedFor: (ip, options) => releasedFor(ip, options) }),
  };
}

/** The firewall a machine or a host id names, as a list of secondary resources. */
export function firewallsOf(ref: SecondaryRef | undefined): readonly SecondaryRef[] {
  return ref === undefined ? [] : [ref];
}
