import { MANAGED_TAG_KEYS } from '@provision/core';
import {
  createHostDeletion,
  getIfFound,
  type HostDeletion,
  type HostDeletionParts,
  type JsonClient,
} from '@provision/provider-utils';
import { type Droplet, dropletEnvelope, type Firewall, firewallEnvelope } from './digitalocean-api.js';
import { firewallOf, removeFirewall } from './digitalocean-host-firewall.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listDropletsByTag, listFirewalls } from './digitalocean-listing.js';
import { MANAGED_TAG, parseFirewallName, releasedFirewallName } from './digitalocean-tags.js';
import { dropletTags, dropletToHost, hasFirewallTag } from './map-digitalocean-droplet.js';

const IDENTITY_TAG_PREFIX = `${MANAGED_TAG_KEYS.identity}:`;

/** The identity tag a managed droplet carries, if any. */
export function identityOf(droplet: Droplet): string | undefined {
  return droplet.tags?.find((tag) => tag.startsWith(IDENTITY_TAG_PREFIX));
}

function isManaged(droplet: Droplet): boolean {
  return dropletTags(droplet).managed !== undefined;
}

function hasPublicAddress(droplet: Droplet, ip: string): boolean {
  return (
    droplet.networks?.v4?.some((network) => network.type === 'public' && network.ip_address === ip) ?? false
  );
}

const firewallsOf = (firewallId: string | undefined) =>
  firewallId === undefined ? [] : [{ kind: 'firewall', id: firewallId }];

/**
 * What one `delete()` call by address learnt from its listings: the firewall of the droplet it
 * found (its update sends the whole firewall back), and the released firewalls that still guard a
 * droplet being destroyed.
 */
interface Seen {
  firewall?: Firewall | undefined;
  readonly guarding: Set<string>;
}

function deletionParts(client: JsonClient, seen: Seen): HostDeletionParts<Droplet> {
  return {
    machineKind: 'droplet',
    decode(id) {
      const { dropletId, firewallId } = digitaloceanIds.decode(id, 'delete');
      return { machineId: dropletId as string, secondaries: firewallsOf(firewallId) };
    },
    read: async (dropletId, options) =>
      (
        await getIfFound(client, {
          path: `/v2/droplets/${dropletId}`,
          operation: 'delete',
          schema: dropletEnvelope,
          signal: options?.signal,
        })
      )?.droplet,
    isManaged,
    machineIdOf: (droplet) => String(droplet.id),
    // DigitalOcean shows no deleting state: a repeated DELETE of a droplet being destroyed is harmless.
    async destroy(droplet, options) {
      await client.request({
        method: 'DELETE',
        path: `/v2/droplets/${droplet.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    // One request, skipped for a droplet without the identity tag.
    async duplicatesOf(droplet, options) {
      const identity = identityOf(droplet);
      if (identity === undefined) return [];
      const same = await listDropletsByTag(client, identity, 'delete', options);
      return same.filter((other) => other.id !== droplet.id && isManaged(other));
    },
    // DigitalOcean deletes a firewall that still guards droplets: one that does is kept (in use)
    // until the droplet's destroy drops it from the firewall, so it is never open meanwhile.
    remove: async (firewall, options) =>
      seen.guarding.has(firewall.id) ? 'in-use' : removeFirewall(client, firewall.id, 'delete', options),
    async findByAddress(ip, options) {
      const droplets = await listDropletsByTag(client, MANAGED_TAG, 'delete', options);
      const droplet = droplets.find((item) => hasPublicAddress(item, ip) && isManaged(item));
      if (droplet === undefined) return undefined;
      const firewalls = hasFirewallTag(droplet) ? await listFirewalls(client, 'delete', options) : [];
      const host = dropletToHost(droplet, String(droplet.id), false);
      seen.firewall =
        firewalls.length > 0 ? firewallOf(firewalls, host.owner, host.name, droplet.id) : undefined;
      const firewallId = seen.firewall?.id;
      const id = digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId });
      return { machine: droplet, id, secondaries: firewallsOf(firewallId) };
    },
    /**
     * Renames the firewall to carry the address, before the droplet's destroy begins. The API's
     * update replaces the whole firewall, so its rules and tags are sent back unchanged, and the
     * droplet is named among its droplets too: DigitalOcean removes a destroyed droplet from them,
     * so later calls see in `droplet_ids` whether it still guards a droplet shutting down (its
     * identity tag alone would not say).
     * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_update
     */
    async release({ machine: droplet }, ip, options) {
      const firewall = seen.firewall;
      if (firewall === undefined || parseFirewallName(firewall.name)?.released !== undefined) return;
      const host = dropletToHost(droplet, String(droplet.id), false);
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
      // DigitalOcean drops a destroyed droplet from its firewalls: one still listed is shutting down.
      for (const firewall of released)
        if ((firewall.droplet_ids ?? []).length > 0) seen.guarding.add(firewall.id);
      const dropletId = String(parseFirewallName(first.name)?.released?.dropletId);
      return {
        id: digitaloceanIds.encode({ dropletId, firewallId: first.id }),
        secondaries: released.map((firewall) => ({ kind: 'firewall', id: firewall.id })),
      };
    },
  };
}

/**
 * `delete()` of DigitalOcean hosts (see `createHostDeletion`). Destroying a droplet is
 * asynchronous, so a host takes several calls, each answering `done: false` with what remains:
 * - the droplet of the host is destroyed last among the droplets of its identity (`duplicatesOf`):
 *   while a duplicate left by racing `provision()` calls is still listed, the call destroys that
 *   one and keeps the host's droplet, whose tags are the only way to find the duplicates;
 * - the firewall goes only once the droplet is gone, so the host is never open on every port
 *   while it shuts down;
 * - by IP, the call that destroys the droplet first renames its firewall to carry the address
 *   (`releasedFirewallName`), so later calls, which no longer find the address on any droplet,
 *   find the firewall in the listing and delete it once it guards nothing.
 */
export function digitaloceanDeletion(client: JsonClient): HostDeletion {
  const call = () => createHostDeletion(deletionParts(client, { guarding: new Set() }));
  return {
    byId: (id, options) => call().byId(id, options),
    byAddress: (ip, options) => call().byAddress(ip, options),
  };
}
