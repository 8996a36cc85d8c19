import {
  type CallOptions,
  type Operation,
  ProvisionError,
  type ProvisionerContext,
  type ResolvedHostSpec,
} from '@provision/core';
import { ensureSecondaryResource, type JsonClient, type RemovalOutcome } from '@provision/provider-utils';
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

/** One removal attempt of a firewall: absent once DigitalOcean answers 404. */
export async function removeFirewall(
  client: JsonClient,
  firewallId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  const response = await client.request({
    method: 'DELETE',
    path: `/v2/firewalls/${firewallId}`,
    operation,
    allowStatus: [404],
    signal: options?.signal,
  });
  return response.status === 404 ? 'absent' : 'deleted';
}

/**
 * The per-host firewalls of DigitalOcean droplets, on the shared secondary-resource policy
 * (`ensureSecondaryResource`): the firewall name is unique per account, so a second create
 * answers 409 `duplicate name` and the one that exists is found by name; a firewall of that name
 * that guards nothing (the orphan of a deleted host, which `gc` would remove) is reclaimed; one
 * that guards another droplet is a conflict to report.
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
   * Puts `dropletId` behind the firewall of `spec`, or finds the one a concurrent caller or a
   * lost answer made for it. With `rollBack` (a droplet this call just created), a refusal rolls
   * the droplet back (`retireDroplet`: its identity tag first, so no retry adopts the droplet
   * while DigitalOcean still lists it): no host is ever left open on ports it did not ask for.
   * An abort or an unknown outcome leaves the droplet with its firewall tag, reported as
   * `firewalled: false` until a repeat of `provision()` completes it.
   */
  async ensure(
    dropletId: number,
    spec: ResolvedHostSpec,
    options: CallOptions | undefined,
    rollBack: boolean,
  ): Promise<Firewall> {
    const name = firewallName(spec.owner, spec.name);
    let listed: readonly Firewall[] = [];
    const { resource } = await ensureSecondaryResource<Firewall>({
      create: async () => {
        const { data } = await this.client.request({
          method: 'POST',
          path: '/v2/firewalls',
          body: firewallBody(name, dropletId, spec.inbound ?? 'all'),
          operation: 'provision',
          schema: firewallEnvelope,
          signal: options?.signal,
        });
        return data.firewall;
      },
      find: async () => {
        listed = await listFirewalls(this.client, 'provision', options);
        return firewallOf(listed, spec.owner, spec.name, dropletId);
      },
      nameTaken: isConflict,
      reclaim: async () => {
        const orphan = listed.find(
          (firewall) =>
            firewall.name === name &&
            (firewall.droplet_ids ?? []).length === 0 &&
            (firewall.tags ?? []).length === 0,
        );
        if (orphan === undefined) return false;
        await removeFirewall(this.client, orphan.id, 'provision', options);
        return true;
      },
      ...(rollBack
        ? {
            rollback: () =>
              retireDroplet(
                this.client,
                this.context.logger,
                dropletId,
                identityTag(spec.owner, spec.name),
                'a droplet whose firewall was refused',
              ),
          }
        : {}),
      signal: options?.signal,
    });
    return resource;
  }
}
