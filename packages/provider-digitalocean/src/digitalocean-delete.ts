import { type CallOptions, type DeleteResult, MANAGED_TAG_KEYS } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
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

/**
 * `delete()` of DigitalOcean hosts. Destroying a droplet is asynchronous, so a host takes several
 * calls, each answering `done: false` with what remains until nothing of it does:
 * - The droplet of the host is destroyed last among the droplets of its identity: while a
 *   duplicate left by racing `provision()` calls is still listed, the call destroys that one (again;
 *   harmless) and keeps the host's droplet, whose tags are the only way to find the duplicates.
 *   So once the host's droplet answers 404, no duplicate was left when its destroy began.
 * - The firewall goes only once the droplet is gone, so the host is never open on every port
 *   while it shuts down.
 * - By IP, the call that destroys the droplet first renames its firewall to carry the address
 *   (`releasedFirewallName`), so later calls, which no longer find the address on any droplet,
 *   find the firewall in the listing they already read and delete it once it guards nothing.
 */
export class DigitalOceanDeletion {
  constructor(private readonly client: JsonClient) {}

  /** By id: a GET, then (while the droplet exists) its identity's listing and a DELETE; then the firewall. */
  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { dropletId, firewallId } = digitaloceanIds.decode(id, 'delete');
    const droplet = await this.dropletIfAny(dropletId as string, options);
    // Only a droplet provision made is destroyed: a mistyped id of another droplet is not found.
    if (droplet !== undefined && !isManaged(droplet)) return { done: true, id, found: false };
    if (droplet !== undefined) return this.destroy(droplet, id, firewallId, options);
    if (firewallId === undefined) return { done: true, id, found: false };
    const deleted = await this.deleteFirewall(firewallId, options);
    return { done: true, id, found: deleted };
  }

  /**
   * By public IPv4: the managed droplets' listing finds the droplet; once it is gone, the firewall
   * listing finds the firewall renamed for that address (one request more than before the rename
   * existed, also for an address that names nothing).
   */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const droplets = await listDropletsByTag(this.client, MANAGED_TAG, 'delete', options);
    const droplet = droplets.find((item) => hasPublicAddress(item, ip) && isManaged(item));
    if (droplet !== undefined) {
      const firewalls = hasFirewallTag(droplet) ? await listFirewalls(this.client, 'delete', options) : [];
      const host = dropletToHost(droplet, String(droplet.id), false);
      const firewall =
        firewalls.length > 0 ? firewallOf(firewalls, host.owner, host.name, droplet.id) : undefined;
      const id = digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId: firewall?.id });
      return this.destroy(droplet, id, firewall?.id, options, { ip, firewall });
    }
    const released = (await listFirewalls(this.client, 'delete', options)).filter(
      (firewall) => parseFirewallName(firewall.name)?.released?.ip === ip,
    );
    const [first] = released;
    if (first === undefined) return { done: true, found: false };
    const id = digitaloceanIds.encode({
      dropletId: String(parseFirewallName(first.name)?.released?.dropletId),
      firewallId: first.id,
    });
    // DigitalOcean drops a destroyed droplet from its firewalls: one still listed is shutting down.
    const guarding = released.filter((firewall) => (firewall.droplet_ids ?? []).length > 0);
    if (guarding.length > 0) {
      const remaining = guarding.flatMap((firewall) => [
        ...(firewall.droplet_ids ?? []).map((dropletId) => `droplet ${dropletId}`),
        `firewall ${firewall.id}`,
      ]);
      return { done: false, id, remaining, found: true };
    }
    await Promise.all(released.map((firewall) => this.deleteFirewall(firewall.id, options)));
    return { done: true, id, found: true };
  }

  /**
   * One step of destroying a managed droplet that still exists: its duplicates first, else (by IP,
   * after renaming its firewall) the droplet itself. Always `done: false`: the droplet still exists.
   */
  private async destroy(
    droplet: Droplet,
    id: string,
    firewallId: string | undefined,
    options: CallOptions | undefined,
    byAddress?: { ip: string; firewall: Firewall | undefined },
  ): Promise<DeleteResult> {
    const duplicates = await this.duplicatesOf(droplet, options);
    const remaining = [
      ...duplicates.map((duplicate) => `droplet ${duplicate.id}`),
      `droplet ${droplet.id}`,
      ...(firewallId === undefined ? [] : [`firewall ${firewallId}`]),
    ];
    if (duplicates.length > 0) {
      await Promise.all(duplicates.map((duplicate) => this.destroyDroplet(duplicate.id, options)));
      return { done: false, id, remaining, found: true };
    }
    const firewall = byAddress?.firewall;
    if (
      byAddress !== undefined &&
      firewall !== undefined &&
      parseFirewallName(firewall.name)?.released === undefined
    )
      await this.release(firewall, droplet, byAddress.ip, options);
    await this.destroyDroplet(droplet.id, options);
    return { done: false, id, remaining, found: true };
  }

  /**
   * The other managed droplets of the same identity (racers of `provision()` whose destroy has not
   * finished, or that a crashed caller left): one request, skipped for a droplet without the tag.
   */
  private async duplicatesOf(droplet: Droplet, options?: CallOptions): Promise<Droplet[]> {
    const identity = identityOf(droplet);
    if (identity === undefined) return [];
    const same = await listDropletsByTag(this.client, identity, 'delete', options);
    return same.filter((other) => other.id !== droplet.id && isManaged(other));
  }

  /**
   * Renames the firewall to carry the address, before the droplet's destroy begins. The API's
   * update replaces the whole firewall, so its rules, droplets and tags are sent back unchanged:
   * it keeps guarding the droplet until DigitalOcean removes the droplet from it.
   * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_update
   */
  private async release(
    firewall: Firewall,
    droplet: Droplet,
    ip: string,
    options?: CallOptions,
  ): Promise<void> {
    const host = dropletToHost(droplet, String(droplet.id), false);
    await this.client.request({
      method: 'PUT',
      path: `/v2/firewalls/${firewall.id}`,
      body: {
        name: releasedFirewallName(host.owner, host.name, droplet.id, ip),
        inbound_rules: firewall.inbound_rules ?? [],
        outbound_rules: firewall.outbound_rules ?? [],
        droplet_ids: firewall.droplet_ids ?? [],
        tags: firewall.tags ?? [],
      },
      operation: 'delete',
      schema: firewallEnvelope,
      signal: options?.signal,
    });
  }

  private async destroyDroplet(dropletId: number, options?: CallOptions): Promise<void> {
    await this.client.request({
      method: 'DELETE',
      path: `/v2/droplets/${dropletId}`,
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
  }

  /** Deletes a firewall; `false` when it was already gone. */
  private async deleteFirewall(firewallId: string, options?: CallOptions): Promise<boolean> {
    return (await removeFirewall(this.client, firewallId, 'delete', options)) === 'deleted';
  }

  private async dropletIfAny(dropletId: string, options?: CallOptions): Promise<Droplet | undefined> {
    const response = await this.client.request({
      method: 'GET',
      path: `/v2/droplets/${dropletId}`,
      operation: 'delete',
      schema: dropletEnvelope,
      allowStatus: [404],
      signal: options?.signal,
    });
    return response.status === 404 ? undefined : response.data.droplet;
  }
}
