import {
  type CallOptions,
  ProvisionError,
  type ProvisionerContext,
  type ResolvedHostSpec,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { type Firewall, firewallEnvelope } from './digitalocean-api.js';
import { firewallBody } from './digitalocean-firewall-rules.js';
import { listFirewalls } from './digitalocean-listing.js';
import { retireDroplet } from './digitalocean-retire.js';
import { firewallName, identityTag, parseFirewallName } from './digitalocean-tags.js';

/**
 * The firewall of `(owner, name)` that guards `dropletId`, among `firewalls`: by its name, or by
 * the name `delete({ ip })` gives it while the droplet is destroyed (`releasedFirewallName`).
 */
export function firewallOf(
  firewalls: readonly Firewall[],
  owner: string,
  name: string,
  dropletId: number,
): Firewall | undefined {
  const wanted = firewallName(owner, name);
  return firewalls.find((firewall) => {
    if (!(firewall.droplet_ids ?? []).includes(dropletId)) return false;
    if (firewall.name === wanted) return true;
    const parts = parseFirewallName(firewall.name);
    return parts?.owner === owner && parts.name === name && parts.released?.dropletId === dropletId;
  });
}

function isConflict(error: unknown): boolean {
  return ProvisionError.isInstance(error) && (error as { status?: number }).status === 409;
}

/**
 * The per-host firewalls of DigitalOcean droplets: created once per host even when several
 * callers race (the firewall name is unique per account, so the API answers a second create
 * with 409 `duplicate name`, and the one that exists is found by name).
 */
export class HostFirewalls {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
  ) {}

  /** The firewall guarding `dropletId` for `spec`, if one exists. */
  async find(
    spec: ResolvedHostSpec,
    dropletId: number,
    options?: CallOptions,
  ): Promise<Firewall | undefined> {
    return firewallOf(
      await listFirewalls(this.client, 'provision', options),
      spec.owner,
      spec.name,
      dropletId,
    );
  }

  /**
   * Creates the firewall of `spec` for `dropletId`, or finds the one a concurrent caller made
   * for it (409 `duplicate name`). A firewall of that name that guards nothing (the orphan of a
   * deleted host, which `gc` would remove) is deleted and the create tried once more; one that
   * guards another droplet is a conflict to report.
   */
  async create(
    dropletId: number,
    spec: ResolvedHostSpec,
    options?: CallOptions,
    reclaimed = false,
  ): Promise<Firewall> {
    try {
      const { data } = await this.client.request({
        method: 'POST',
        path: '/v2/firewalls',
        body: firewallBody(firewallName(spec.owner, spec.name), dropletId, spec.inbound ?? 'all'),
        operation: 'provision',
        schema: firewallEnvelope,
        signal: options?.signal,
      });
      return data.firewall;
    } catch (error) {
      if (!isConflict(error)) throw error;
      const named = (await listFirewalls(this.client, 'provision', options)).filter(
        (firewall) => firewall.name === firewallName(spec.owner, spec.name),
      );
      const existing = firewallOf(named, spec.owner, spec.name, dropletId);
      if (existing !== undefined) return existing;
      const orphan = named.find(
        (firewall) => (firewall.droplet_ids ?? []).length === 0 && (firewall.tags ?? []).length === 0,
      );
      if (orphan === undefined || reclaimed) throw error;
      await this.client.request({
        method: 'DELETE',
        path: `/v2/firewalls/${orphan.id}`,
        operation: 'provision',
        allowStatus: [404],
        signal: options?.signal,
      });
      return this.create(dropletId, spec, options, true);
    }
  }

  /**
   * Puts a new droplet behind its firewall. A firewall request that may have been committed (no
   * answer, 5xx) is checked by name and tried once more, so one lost answer costs two calls, not
   * a host without its firewall. A refusal rolls the droplet back (`retireDroplet`: its identity
   * tag first, so no retry adopts the droplet while DigitalOcean still lists it): no host is ever
   * left open on ports it did not ask for. Whatever a failed rollback leaves is tagged or named
   * for `list()`, `delete()` and `gc`.
   */
  async guard(dropletId: number, spec: ResolvedHostSpec, options?: CallOptions): Promise<Firewall> {
    try {
      return await this.create(dropletId, spec, options);
    } catch (error) {
      if (ProvisionError.isInstance(error) && error.retryable) {
        const found = await this.find(spec, dropletId, options).catch(() => undefined);
        if (found !== undefined) return found;
        try {
          return await this.create(dropletId, spec, options);
        } catch {
          // The droplet keeps its firewall tag: the caller's retry of provision() completes it.
          throw error;
        }
      }
      // An abort leaves the droplet for the repeat of provision() to complete (it is reported
      // with `firewalled: false` until then); a refusal removes it.
      if (options?.signal?.aborted) throw error;
      await retireDroplet(
        this.client,
        this.context.logger,
        dropletId,
        identityTag(spec.owner, spec.name),
        'a droplet whose firewall was refused',
      );
      throw error;
    }
  }
}
