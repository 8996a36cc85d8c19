import { type CallOptions, type Operation, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import {
  ensureSecondaryResource,
  type JsonClient,
  type RemovalOutcome,
  type RestHostFirewall,
  type SecondaryRef,
} from '@provision/provider-utils';
import { type Droplet, type Firewall, firewallEnvelope } from './digitalocean-api.js';
import { firewallBody, sameInboundRules } from './digitalocean-firewall-rules.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listFirewalls } from './digitalocean-listing.js';
import { firewallName, identityTag, parseFirewallName } from './digitalocean-tags.js';

/** Whether `firewall` guards the droplets of `(owner, name)`: by their identity tag, or by `dropletId`. */
function guardsHost(firewall: Firewall, owner: string, name: string, dropletId?: number): boolean {
  if ((firewall.tags ?? []).includes(identityTag(owner, name))) return true;
  return dropletId !== undefined && (firewall.droplet_ids ?? []).includes(dropletId);
}

/**
 * The firewall of `(owner, name)` among `firewalls`: by its name, or by the name `delete({ ip })`
 * gives it while the droplet is destroyed (`releasedFirewallName`), and only while it guards the
 * host (its identity tag; firewalls made before 0.1.1 name `dropletId` instead).
 */
export function firewallOf(
  firewalls: readonly Firewall[],
  owner: string,
  name: string,
  dropletId?: number,
): Firewall | undefined {
  const wanted = firewallName(owner, name);
  return firewalls.find((firewall) => {
    if (!guardsHost(firewall, owner, name, dropletId)) return false;
    if (firewall.name === wanted) return true;
    const parts = parseFirewallName(firewall.name);
    return (
      parts?.owner === owner &&
      parts.name === name &&
      dropletId !== undefined &&
      parts.released?.dropletId === dropletId
    );
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
 * Makes the identity tag, which a firewall can only target once it exists (a firewall's `tags`
 * "must exist"; a droplet's "can either be existing or new"). The description gives 201 as the
 * one success and names no answer for a tag the account has already; a 409 or 422 (what a
 * duplicate would be) is taken as "it exists": were the tag missing after all, the firewall's
 * create would be refused with DigitalOcean's own error, and no droplet made.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/tags_create
 */
async function ensureTag(client: JsonClient, tag: string, options?: CallOptions): Promise<void> {
  await client.request({
    method: 'POST',
    path: '/v2/tags',
    body: { name: tag },
    operation: 'provision',
    allowStatus: [409, 422],
    signal: options?.signal,
  });
}

const firewallRef = (firewallId: string | undefined): SecondaryRef | undefined =>
  firewallId === undefined ? undefined : { kind: 'firewall', id: firewallId };

/**
 * The host's firewall, made BEFORE its droplet (`RestHostFirewall`): it targets the host's
 * identity tag, which the droplet is created with, so DigitalOcean applies it to the droplet from
 * its creation and no droplet is ever open on a port it did not ask for. Two requests: the tag
 * (`ensureTag`), then the firewall, on the shared secondary-resource policy
 * (`ensureSecondaryResource`): the name is unique per account, so a second create answers 409
 * `duplicate name` and the one that exists is adopted, with this spec's rules if it had others (a
 * leftover of an earlier host of the same name: one request more); a firewall of that name that
 * guards nothing and targets no tag (the orphan of a host made before firewalls targeted tags)
 * is reclaimed. Racers of one identity share the firewall, so a droplet that loses a race leaves
 * it to the winner.
 */
export function digitaloceanHostFirewall(client: JsonClient): RestHostFirewall<Droplet, undefined> & {
  /** The firewall that guards the host of `spec` (and `dropletId`, for one an earlier version made). */
  find(
    spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
    options?: CallOptions,
    dropletId?: number,
  ): Promise<Firewall | undefined>;
} {
  const find = async (
    spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
    options?: CallOptions,
    dropletId?: number,
  ) => firewallOf(await listFirewalls(client, 'provision', options), spec.owner, spec.name, dropletId);
  return {
    kind: 'firewall',
    find,
    async ensure(spec, _prepared, options) {
      const tag = identityTag(spec.owner, spec.name);
      const name = firewallName(spec.owner, spec.name);
      const inbound = spec.inbound ?? 'all';
      const body = firewallBody(name, tag, inbound);
      await ensureTag(client, tag, options);
      let listed: readonly Firewall[] = [];
      const { resource, created } = await ensureSecondaryResource<Firewall>({
        create: async () => {
          const { data } = await client.request({
            method: 'POST',
            path: '/v2/firewalls',
            body,
            operation: 'provision',
            schema: firewallEnvelope,
            signal: options?.signal,
          });
          return data.firewall;
        },
        find: async () => {
          listed = await listFirewalls(client, 'provision', options);
          const existing = listed.find(
            (firewall) => firewall.name === name && guardsHost(firewall, spec.owner, spec.name),
          );
          if (existing === undefined || sameInboundRules(existing, inbound)) return existing;
          // The update replaces the whole firewall: its droplets and tags are sent back with the rules.
          const { data } = await client.request({
            method: 'PUT',
            path: `/v2/firewalls/${existing.id}`,
            body: {
              ...body,
              droplet_ids: existing.droplet_ids ?? [],
              tags: [...new Set([...(existing.tags ?? []), tag])],
            },
            operation: 'provision',
            schema: firewallEnvelope,
            signal: options?.signal,
          });
          return data.firewall;
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
          await removeFirewall(client, orphan.id, 'provision', options);
          return true;
        },
        signal: options?.signal,
      });
      return { ref: { kind: 'firewall', id: resource.id }, created };
    },
    named: (id) => firewallRef(digitaloceanIds.decode(id, 'delete').firewallId),
    // A droplet's tags say only that it has a firewall, not which: the listing does (`firewallOf`).
    of: () => undefined,
    remove: (firewall, operation, options) => removeFirewall(client, firewall.id, operation, options),
  };
}
