import type { CallOptions, Host, Operation, ResolvedHostSpec } from '@provision/core';
import type { FoundHost, HostDeletionParts, ReleasedHost, SecondaryRef } from './host-deletion.js';
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
 * A firewall that selects the machines of the host's identity (a tag they are created with, which
 * it targets before any machine carries it: DigitalOcean's) is `sharedByIdentity`: racers share
 * it, and the machine does not say which firewall it is behind, so the kit asks `resolve` (one
 * listing for `list()` and `delete({ ip })`), `complete` (a host `provision()` found) and `behind`
 * (the host as its firewall shows it). `Found` is what those answer: a `SecondaryRef` that may
 * carry what the plugin read of it (its rules, for `factsOf` and `release`).
 * Orphans (firewalls whose machine is gone) are the plugin's `createOrphanScanner`, which may
 * share `remove`. A provisioner of its own runs the same policy with `ensure`, `dropMadeFirewall`
 * and `firewallDeletionParts`: Hetzner's (the server's create names the firewall) and Scaleway's
 * (on its SDK, with `createHostOnce`; the group's zone is the reference's `scope`).
 */
export interface RestHostFirewall<Machine, Prepared, Found extends SecondaryRef = SecondaryRef> {
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
  /** The firewall a machine was made behind, as the machine says it (a tag, a field); none: see `resolve`. */
  of(machine: Machine): Found | undefined;
  /** One removal attempt (see `removeSecondaryResource`): absent on 404, in use while a machine has it. */
  remove(firewall: SecondaryRef, operation: Operation, options?: CallOptions): Promise<RemovalOutcome>;
  /**
   * Marks the firewall with `ip` (its name, its tags) before the machine's DELETE, by address;
   * `firewall` is what `of` or `resolve` found for the machine.
   */
  release?(found: FoundHost<Machine>, firewall: Found, ip: string, options?: CallOptions): Promise<void>;
  /** The managed firewalls `release` marked with `ip` (and the host id, and those still in use, where they say it). */
  releasedFor?(ip: string, options?: CallOptions): Promise<readonly SecondaryRef[] | ReleasedHost>;
  /**
   * `true`: the firewall guards every machine of the host's identity (it targets their tag), so
   * the machine a racer made is behind the one this call made: a lost race never removes it.
   */
  readonly sharedByIdentity?: boolean;
  /**
   * The firewall of each of `machines` where they do not name it (`of` answers nothing): one
   * listing, or none when no machine has one. `list()` calls it once for all its hosts,
   * `delete({ ip })` for the machine it found.
   */
  resolve?(
    machines: readonly Machine[],
    operation: Operation,
    options?: CallOptions,
  ): Promise<(machine: Machine) => Found | undefined>;
  /**
   * The firewall of a machine `provision()` found (or lost a race to), made again with the spec's
   * `inbound` when the machine was made behind one that is gone; what `factsOf` is given.
   */
  complete?(machine: Machine, spec: ResolvedHostSpec, options?: CallOptions): Promise<Found | undefined>;
  /**
   * The host as its firewall makes it, where the machine alone cannot say (its id naming the
   * firewall, `firewalled`): applied to what `complete`, `resolve` and `ensure` found, and to the
   * firewall a host id names (`status`).
   */
  behind?(host: Host, firewall: SecondaryRef): Host;
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
export async function dropMadeFirewall<Machine, Prepared, Found extends SecondaryRef>(
  firewall: RestHostFirewall<Machine, Prepared, Found>,
  readied: Readied<Prepared>,
  winner?: Machine,
): Promise<void> {
  const made = readied.firewall;
  if (made?.created !== true) return;
  if (winner !== undefined && (firewall.sharedByIdentity === true || firewall.of(winner)?.id === made.ref.id))
    return;
  await firewall.remove(made.ref, 'provision');
}

/** The `delete()` parts a firewall adds to a lone machine's (see `createHostDeletion`). */
export function firewallDeletionParts<Machine, Prepared, Found extends SecondaryRef>(
  firewall: RestHostFirewall<Machine, Prepared, Found>,
): Pick<HostDeletionParts<Machine>, 'remove' | 'release' | 'releasedFor'> {
  const { release, releasedFor } = firewall;
  return {
    remove: (secondary, options) => firewall.remove(secondary, 'delete', options),
    ...(release === undefined
      ? {}
      : {
          async release(found, ip, options) {
            // What `findByAddress` found: the firewall part's own `of` or `resolve` answer.
            const [named] = found.secondaries as readonly Found[];
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
