import type { HostDeletionParts, JsonClient } from '@provision/provider-utils';
import { hostIdOf, vultrHosts } from './map-vultr-instance.js';
import { type Instance, instancePage, PAGE_SIZE } from './vultr-api.js';
import { listGroups, removeGroup } from './vultr-firewall-group.js';
import { vultrIds } from './vultr-ids.js';
import { groupDescription, groupDescriptions } from './vultr-tags.js';

const groupsOf = (groupId: string | null | undefined) =>
  !groupId ? [] : [{ kind: 'firewall group', id: groupId }];

/**
 * What `delete()` of Vultr hosts adds to the REST kit's (see `createHostDeletion`): the instance
 * first (the kit's one DELETE), then, once it answers 404, its firewall group, which Vultr refuses
 * to delete while an instance still sits in it. By IP (one listing filtered by `main_ip`), the call that destroys the instance first gives its group the address in its
 * description (`released <ip>`), so later calls, which no longer find the address on any
 * instance, find the group by listing.
 */
export function vultrDeletion(client: JsonClient): Partial<HostDeletionParts<Instance>> {
  return {
    decode(id) {
      const { instanceId, groupId } = vultrIds.decode(id, 'delete');
      return { machineId: instanceId, secondaries: groupsOf(groupId) };
    },
    remove: (group, options) => removeGroup(client, group.id, 'delete', options),
    async findByAddress(ip, options) {
      const { data } = await client.request({
        method: 'GET',
        path: '/v2/instances',
        query: { main_ip: ip, per_page: PAGE_SIZE },
        operation: 'delete',
        schema: instancePage,
        signal: options?.signal,
      });
      const instance = data.instances.find((item) => item.main_ip === ip && vultrHosts.isManaged(item));
      if (instance === undefined) return undefined;
      return { machine: instance, id: hostIdOf(instance), secondaries: groupsOf(instance.firewall_group_id) };
    },
    async release(found, ip, options) {
      const [group] = found.secondaries;
      if (group === undefined) return;
      const host = vultrHosts.toHost(found.machine);
      await client.request({
        method: 'PUT',
        path: `/v2/firewalls/${group.id}`,
        body: { description: groupDescription(host.owner, host.name, ip) },
        operation: 'delete',
        signal: options?.signal,
      });
    },
    async releasedFor(ip, options) {
      const groups = await listGroups(client, 'delete', options);
      return groups
        .filter((group) => groupDescriptions.parse(group.description ?? undefined)?.ip === ip)
        .map((group) => ({ kind: 'firewall group', id: group.id }));
    },
  };
}
