import { type CallOptions, type DeleteResult, encodeManagedTags, MANAGED_TAG_KEYS } from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { firewallPage, type Linode, linodePage, linodeSchema } from './linode-api.js';
import { listAll } from './linode-client.js';
import { removeFirewall } from './linode-firewall.js';
import { linodeIds } from './linode-ids.js';
import { linodeTags, MANAGED_TAG, readLinodeTags, releasedTag } from './linode-tags.js';
import { hostIdOf } from './map-linode-instance.js';

/**
 * `delete()` of Linode hosts, converging over calls: the Linode goes first (one DELETE; it answers
 * `deleting` a while); its Cloud Firewall only once the Linode is gone, so the host is never open
 * while it shuts down. By IP, the call that deletes the Linode first tags its firewall with the
 * address (`provision-released:<ip>`), so later calls, which no longer find the address on any
 * Linode, find the firewall by that tag.
 */
export class LinodeDeletion {
  constructor(private readonly client: JsonClient) {}

  /** By id: the Linode's GET, then its DELETE while it exists; once it is gone, the firewall's DELETE. */
  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { linodeId, firewallId } = linodeIds.decode(id, 'delete');
    const path = `/v4/linode/instances/${linodeId}`;
    const linode = await getIfFound(this.client, {
      path,
      operation: 'delete',
      schema: linodeSchema,
      signal: options?.signal,
    });
    if (linode !== undefined) {
      // Only a Linode provision made is deleted: a mistyped id of another Linode is not found.
      if (readLinodeTags(linode.label, linode.tags ?? []).managed === undefined)
        return { done: true, id, found: false };
      return this.destroy(linode, id, firewallId, options);
    }
    if (firewallId === undefined) return { done: true, id, found: false };
    const outcome = await removeFirewall(this.client, firewallId, 'delete', options);
    return { done: true, id, found: outcome === 'deleted' };
  }

  /** By public IPv4: the managed Linode holding it (one filtered listing); once gone, its released firewall. */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const linodes = await listAll(
      this.client,
      {
        path: '/v4/linode/instances',
        filter: { ipv4: ip, tags: MANAGED_TAG },
        operation: 'delete',
        schema: linodePage,
      },
      options,
    );
    const linode = linodes.find(
      (candidate) =>
        (candidate.ipv4 ?? []).includes(ip) &&
        readLinodeTags(candidate.label, candidate.tags ?? []).managed !== undefined,
    );
    if (linode !== undefined) {
      const id = hostIdOf(linode);
      const { firewallId } = linodeIds.decode(id, 'delete');
      if (firewallId !== undefined && linode.status !== 'deleting')
        await this.release(linode, firewallId, ip, options);
      return this.destroy(linode, id, firewallId, options);
    }
    const released = await listAll(
      this.client,
      {
        path: '/v4/networking/firewalls',
        filter: { tags: releasedTag(ip) },
        operation: 'delete',
        schema: firewallPage,
      },
      options,
    );
    if (released.length === 0) return { done: true, found: false };
    await Promise.all(
      released.map((firewall) => removeFirewall(this.client, String(firewall.id), 'delete', options)),
    );
    return { done: true, found: true };
  }

  /** One step for a Linode that still exists: its DELETE, unless Linode is deleting it already. */
  private async destroy(
    linode: Linode,
    id: string,
    firewallId: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    if (linode.status !== 'deleting')
      await this.client.request({
        method: 'DELETE',
        path: `/v4/linode/instances/${linode.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    const remaining = [
      `linode ${linode.id}`,
      ...(firewallId === undefined ? [] : [`firewall ${firewallId}`]),
    ];
    return { done: false, id, remaining, found: true };
  }

  /**
   * Tags the host's firewall with the address it is deleted by. The update replaces the tags, so
   * the firewall's managed tags are sent again with it.
   * https://techdocs.akamai.com/linode-api/reference/put-firewall
   */
  private async release(
    linode: Linode,
    firewallId: string,
    ip: string,
    options?: CallOptions,
  ): Promise<void> {
    const { managed } = readLinodeTags(linode.label, linode.tags ?? []);
    if (managed === undefined) return;
    const { [MANAGED_TAG_KEYS.name]: _name, ...tags } = encodeManagedTags({
      name: managed.name,
      owner: managed.owner,
    });
    await this.client.request({
      method: 'PUT',
      path: `/v4/networking/firewalls/${firewallId}`,
      body: { tags: [...linodeTags.encode(tags), releasedTag(ip)] },
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
  }
}
