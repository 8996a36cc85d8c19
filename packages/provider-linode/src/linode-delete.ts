import { type CallOptions, encodeManagedTags, MANAGED_TAG_KEYS } from '@provision/core';
import {
  createHostDeletion,
  getIfFound,
  type HostDeletion,
  type JsonClient,
} from '@provision/provider-utils';
import { firewallPage, type Linode, linodePage, linodeSchema } from './linode-api.js';
import { listAll } from './linode-client.js';
import { removeFirewall } from './linode-firewall.js';
import { linodeIds } from './linode-ids.js';
import { linodeTags, MANAGED_TAG, readLinodeTags, releasedTag } from './linode-tags.js';
import { hostIdOf } from './map-linode-instance.js';

const isManaged = (linode: Linode) => readLinodeTags(linode.label, linode.tags ?? []).managed !== undefined;

const firewallsOf = (firewallId: string | undefined) =>
  firewallId === undefined ? [] : [{ kind: 'firewall', id: firewallId }];

/**
 * `delete()` of Linode hosts (see `createHostDeletion`): the Linode goes first (one DELETE; it
 * answers `deleting` a while); its Cloud Firewall only once the Linode is gone, so the host is
 * never open while it shuts down. By IP, the call that deletes the Linode first tags its firewall
 * with the address (`provision-released:<ip>`), so later calls, which no longer find the address
 * on any Linode, find the firewall by that tag.
 */
export function linodeDeletion(client: JsonClient): HostDeletion {
  return createHostDeletion<Linode>({
    machineKind: 'linode',
    decode(id) {
      const { linodeId, firewallId } = linodeIds.decode(id, 'delete');
      return { machineId: linodeId, secondaries: firewallsOf(firewallId) };
    },
    read: (linodeId, options) =>
      getIfFound(client, {
        path: `/v4/linode/instances/${linodeId}`,
        operation: 'delete',
        schema: linodeSchema,
        signal: options?.signal,
      }),
    isManaged,
    machineIdOf: (linode) => String(linode.id),
    isDeleting: (linode) => linode.status === 'deleting',
    async destroy(linode, options) {
      await client.request({
        method: 'DELETE',
        path: `/v4/linode/instances/${linode.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    remove: (firewall, options) => removeFirewall(client, firewall.id, 'delete', options),
    // One filtered listing: the managed Linode holding the public IPv4.
    async findByAddress(ip, options) {
      const linodes = await listAll(
        client,
        {
          path: '/v4/linode/instances',
          filter: { ipv4: ip, tags: MANAGED_TAG },
          operation: 'delete',
          schema: linodePage,
        },
        options,
      );
      const linode = linodes.find((candidate) => (candidate.ipv4 ?? []).includes(ip) && isManaged(candidate));
      if (linode === undefined) return undefined;
      const id = hostIdOf(linode);
      return { machine: linode, id, secondaries: firewallsOf(linodeIds.decode(id, 'delete').firewallId) };
    },
    async release(found, ip, options) {
      const [firewall] = found.secondaries;
      if (firewall !== undefined) await release(client, found.machine, firewall.id, ip, options);
    },
    async releasedFor(ip, options) {
      const released = await listAll(
        client,
        {
          path: '/v4/networking/firewalls',
          filter: { tags: releasedTag(ip) },
          operation: 'delete',
          schema: firewallPage,
        },
        options,
      );
      return released.map((firewall) => ({ kind: 'firewall', id: String(firewall.id) }));
    },
  });
}

/**
 * Tags the host's firewall with the address it is deleted by. The update replaces the tags, so
 * the firewall's managed tags are sent again with it.
 * https://techdocs.akamai.com/linode-api/reference/put-firewall
 */
async function release(
  client: JsonClient,
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
  await client.request({
    method: 'PUT',
    path: `/v4/networking/firewalls/${firewallId}`,
    body: { tags: [...linodeTags.encode(tags), releasedTag(ip)] },
    operation: 'delete',
    allowStatus: [404],
    signal: options?.signal,
  });
}
