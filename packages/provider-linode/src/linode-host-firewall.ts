import { type CallOptions, encodeManagedTags, MANAGED_TAG_KEYS } from '@provision/core';
import type {
  HostDeletionParts,
  JsonClient,
  RestHostFirewall,
  SecondaryRef,
} from '@provision/provider-utils';
import { firewallPage, type Linode, linodePage } from './linode-api.js';
import { listAll } from './linode-client.js';
import { ensureFirewall, removeFirewall } from './linode-firewall.js';
import { linodeIds } from './linode-ids.js';
import { firewallIdOf, linodeTags, MANAGED_TAG, readLinodeTags, releasedTag } from './linode-tags.js';
import { hostIdOf, linodeHosts } from './map-linode-instance.js';

const firewallRef = (firewallId: string | undefined): SecondaryRef | undefined =>
  firewallId === undefined ? undefined : { kind: 'firewall', id: firewallId };

/**
 * The host's Cloud Firewall for the REST kit (see `RestHostFirewall`): made before the Linode
 * (`ensureFirewall`), named by the host id and by the Linode's `provision-firewall` tag. The
 * Linode goes first (it answers `deleting` a while); its firewall only once the Linode is gone,
 * so the host is never open while it shuts down. By IP, the call that deletes the Linode first
 * tags its firewall with the address (`provision-released:<ip>`), so later calls, which no longer
 * find the address on any Linode, find the firewall by that tag.
 */
export function linodeHostFirewall(client: JsonClient): RestHostFirewall<Linode, undefined> {
  return {
    kind: 'firewall',
    async ensure(spec, _prepared, options) {
      const { firewall, created } = await ensureFirewall(client, spec, options);
      return { ref: { kind: 'firewall', id: String(firewall.id) }, created };
    },
    named: (id) => firewallRef(linodeIds.decode(id, 'delete').firewallId),
    of: (linode) => firewallRef(firewallIdOf(linode.tags)),
    remove: (firewall, operation, options) => removeFirewall(client, firewall.id, operation, options),
    release: (found, firewall, ip, options) => release(client, found.machine, firewall.id, ip, options),
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
  };
}

/**
 * What Linode's `delete()` sets on top of the kit's: the host of an address is found by one
 * filtered listing (the managed Linode holding the public IPv4).
 */
export function linodeDeletion(client: JsonClient): Partial<HostDeletionParts<Linode>> {
  return {
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
      const linode = linodes.find(
        (candidate) => (candidate.ipv4 ?? []).includes(ip) && linodeHosts.isManaged(candidate),
      );
      if (linode === undefined) return undefined;
      const firewall = firewallRef(firewallIdOf(linode.tags));
      return { machine: linode, id: hostIdOf(linode), secondaries: firewall === undefined ? [] : [firewall] };
    },
  };
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
