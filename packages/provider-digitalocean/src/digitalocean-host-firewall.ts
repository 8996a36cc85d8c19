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
import {
  firewallName,
  firewallTag,
  identityTag,
  parseFirewallName,
  releasedFirewallName,
} from './digitalocean-tags.js';
import { behindFirewall, dropletHosts, hasFirewallTag } from './map-digitalocean-droplet.js';

/**
 * Whether `firewall` guards the droplets of `(owner, name)`: by the tag its firewalled droplets
 * carry (`firewallTag`), by their identity tag (firewalls of earlier versions), or by `dropletId`.
 */
function guardsHost(firewall: Firewall, owner: string, name: string, dropletId?: number): boolean {
  const tags = firewall.tags ?? [];
  if (tags.includes(firewallTag(owner, name)) || tags.includes(identityTag(owner, name))) return true;
  return dropletId !== undefined && (firewall.droplet_ids ?? []).includes(dropletId);
}

/**
 * The tag a firewall of `droplet`'s host must target to guard it: `firewallTag`, or the identity
 * tag for a droplet an earlier version made (`provision-firewall:yes`).
 */
function targetTagOf(droplet: Droplet, owner: string, name: string): string {
  const tag = firewallTag(owner, name);
  return (droplet.tags ?? []).includes(tag) ? tag : identityTag(owner, name);
}

/**
 * The firewall of `(owner, name)` among `firewalls`: by its name, or by the name `delete({ ip })`
 * gives it while the droplet is destroyed (`releasedFirewallName`), and only while it guards the
 * host (its firewall tag or identity tag; firewalls made before 0.1.1 name `dropletId` instead).
 */
function firewallOf(
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
 * Makes the tag a firewall targets, which it can only target once it exists (a firewall's `tags`
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

/** A host's firewall as found: its reference, and the firewall as listed (its rules, droplets and tags). */
export type DropletFirewall = SecondaryRef & { readonly firewall: Firewall };

const found = (firewall: Firewall | undefined): DropletFirewall | undefined =>
  firewall === undefined ? undefined : { kind: 'firewall', id: firewall.id, firewall };

/** The firewall among `firewalls` that guards `droplet`'s host, when the droplet was made with one. */
function firewallOfDroplet(firewalls: readonly Firewall[], droplet: Droplet): Firewall | undefined {
  if (!hasFirewallTag(droplet)) return undefined;
  const { managed } = dropletHosts.readTags(droplet);
  return managed === undefined ? undefined : firewallOf(firewalls, managed.owner, managed.name, droplet.id);
}

/**
 * The host's firewall, made BEFORE its droplet (`RestHostFirewall`): it targets the tag only
 * the host's droplets made with `inbound` carry (`firewallTag`), which the droplet is created
 * with, so DigitalOcean applies it to the droplet from its creation (and never to a later droplet
 * of the same name made without `inbound`, were this firewall left over) and no droplet is ever open on a port it did not ask for. Two requests: the tag
 * (`ensureTag`), then the firewall, on the shared secondary-resource policy
 * (`ensureSecondaryResource`): the name is unique per account, so a second create answers 409
 * `duplicate name` and the one that exists is adopted, with this spec's rules if it had others (a
 * leftover of an earlier host of the same name: one request more); a firewall of that name that
 * guards nothing and targets no tag (the orphan of a host made before firewalls targeted tags)
 * is reclaimed. Racers of one identity share the firewall (`sharedByIdentity`), so a droplet
 * that loses a race leaves it to the winner. A droplet's tags say only that it has a firewall,
 * not which: the listing of the firewalls does (`resolve`, `complete`; the API has no filter).
 * delete: the droplet first, the firewall once it is gone, so the host is never open while it
 * shuts down; by IP, `release` renames the firewall for the address (`releasedFirewallName`) and
 * `releasedFor` finds it again once no droplet holds the address.
 */
export function digitaloceanHostFirewall(
  client: JsonClient,
): RestHostFirewall<Droplet, undefined, DropletFirewall> {
  /** The firewall that guards the host of `spec` (and `dropletId`, for one an earlier version made). */
  const find = async (
    spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
    dropletId: number,
    options?: CallOptions,
  ) => firewallOf(await listFirewalls(client, 'provision', options), spec.owner, spec.name, dropletId);
  /** The host's firewall, targeting `tag` (by default the tag a new droplet made with `inbound` carries). */
  async function ensure(
    spec: ResolvedHostSpec,
    options?: CallOptions,
    tag: string = firewallTag(spec.owner, spec.name),
  ) {
    const identity = identityTag(spec.owner, spec.name);
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
        const targets = existing?.tags ?? [];
        const targeted = targets.includes(tag) && (tag === identity || !targets.includes(identity));
        if (existing === undefined || (targeted && sameInboundRules(existing, inbound))) return existing;
        // The update replaces the whole firewall: its droplets and tags are sent back with the rules,
        // moved off the identity tag (which a later droplet made without `inbound` carries too).
        const { data } = await client.request({
          method: 'PUT',
          path: `/v2/firewalls/${existing.id}`,
          body: {
            ...body,
            droplet_ids: existing.droplet_ids ?? [],
            tags: [
              ...new Set([
                ...(existing.tags ?? []).filter((other) => other === tag || other !== identity),
                tag,
              ]),
            ],
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
  }
  return {
    kind: 'firewall',
    sharedByIdentity: true,
    ensure: (spec, _prepared, options) => ensure(spec, options),
    named: (id) => firewallRef(digitaloceanIds.decode(id, 'delete').firewallId),
    of: () => undefined,
    remove: (firewall, operation, options) => removeFirewall(client, firewall.id, operation, options),
    // One listing of the firewalls for all the droplets, none when no droplet has one.
    async resolve(droplets, operation, options) {
      if (!droplets.some(hasFirewallTag)) return () => undefined;
      const firewalls = await listFirewalls(client, operation, options);
      return (droplet) => found(firewallOfDroplet(firewalls, droplet));
    },
    async complete(droplet, spec, options) {
      if (!hasFirewallTag(droplet)) return undefined;
      const firewall = await find(spec, droplet.id, options);
      if (firewall !== undefined || spec.inbound === undefined) return found(firewall);
      // Gone since (deleted by hand, or made by an earlier version that attached it afterwards and
      // was interrupted): made again, targeting the tag the droplet carries.
      await ensure(spec, options, targetTagOf(droplet, spec.owner, spec.name));
      return found(await find(spec, droplet.id, options));
    },
    behind: (host, firewall) => behindFirewall(host, firewall.id),
    /**
     * Renames the firewall to carry the address, before the droplet's destroy begins. The API's
     * update replaces the whole firewall, so its rules and tags are sent back unchanged, and the
     * droplet is named among its droplets too: DigitalOcean removes a destroyed droplet from them,
     * so later calls see in `droplet_ids` whether it still guards a droplet shutting down (its
     * identity tag alone would not say).
     * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_update
     */
    async release({ machine: droplet }, { firewall }, ip, options) {
      if (parseFirewallName(firewall.name)?.released !== undefined) return;
      const host = dropletHosts.toHost(droplet);
      await client.request({
        method: 'PUT',
        path: `/v2/firewalls/${firewall.id}`,
        body: {
          name: releasedFirewallName(host.owner, host.name, droplet.id, ip),
          inbound_rules: firewall.inbound_rules ?? [],
          outbound_rules: firewall.outbound_rules ?? [],
          droplet_ids: [...new Set([...(firewall.droplet_ids ?? []), droplet.id])],
          tags: firewall.tags ?? [],
        },
        operation: 'delete',
        schema: firewallEnvelope,
        signal: options?.signal,
      });
    },
    async releasedFor(ip, options) {
      const released = (await listFirewalls(client, 'delete', options)).filter(
        (firewall) => parseFirewallName(firewall.name)?.released?.ip === ip,
      );
      const [first] = released;
      if (first === undefined) return [];
      const dropletId = String(parseFirewallName(first.name)?.released?.dropletId);
      const refs = (firewalls: readonly Firewall[]) =>
        firewalls.map((firewall): SecondaryRef => ({ kind: 'firewall', id: firewall.id }));
      return {
        id: digitaloceanIds.encode({ dropletId, firewallId: first.id }),
        secondaries: refs(released),
        // DigitalOcean deletes a firewall that still guards droplets, and drops a destroyed droplet
        // from its firewalls: one still naming a droplet guards it while it shuts down, and stays.
        inUse: refs(released.filter((firewall) => (firewall.droplet_ids ?? []).length > 0)),
      };
    },
  };
}
