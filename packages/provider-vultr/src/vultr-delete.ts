import { type CallOptions, decodeManagedTags, type Operation } from '@provision/core';
import {
  createHostDeletion,
  getIfFound,
  type HostDeletion,
  type JsonClient,
} from '@provision/provider-utils';
import { hostIdOf, instanceToHost } from './map-vultr-instance.js';
import { type Instance, instanceEnvelope, instancePage, PAGE_SIZE } from './vultr-api.js';
import { listGroups, removeGroup } from './vultr-firewall-group.js';
import { vultrIds } from './vultr-ids.js';
import { groupDescription, groupDescriptions, vultrTags } from './vultr-tags.js';

function isManaged(instance: Instance): boolean {
  return decodeManagedTags(vultrTags.decode(instance.tags ?? [])).managed !== undefined;
}

const groupsOf = (groupId: string | null | undefined) =>
  !groupId ? [] : [{ kind: 'firewall group', id: groupId }];

/** An instance, or undefined once Vultr answers 404. */
export async function readInstance(
  client: JsonClient,
  instanceId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Instance | undefined> {
  const path = `/v2/instances/${instanceId}`;
  return (await getIfFound(client, { path, operation, schema: instanceEnvelope, signal: options?.signal }))
    ?.instance;
}

/**
 * `delete()` of Vultr hosts (see `createHostDeletion`): the instance first (one DELETE), then,
 * once it answers 404, its firewall group, which Vultr refuses to delete while an instance still
 * sits in it. By IP, the call that destroys the instance first gives its group the address in its
 * description (`released <ip>`), so later calls, which no longer find the address on any
 * instance, find the group by listing.
 */
export function vultrDeletion(client: JsonClient): HostDeletion {
  return createHostDeletion<Instance>({
    machineKind: 'instance',
    decode(id) {
      const { instanceId, groupId } = vultrIds.decode(id, 'delete');
      return { machineId: instanceId, secondaries: groupsOf(groupId) };
    },
    read: (instanceId, options) => readInstance(client, instanceId, 'delete', options),
    isManaged,
    machineIdOf: (instance) => instance.id,
    async destroy(instance, options) {
      await client.request({
        method: 'DELETE',
        path: `/v2/instances/${instance.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
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
      const instance = data.instances.find((item) => item.main_ip === ip && isManaged(item));
      if (instance === undefined) return undefined;
      return { machine: instance, id: hostIdOf(instance), secondaries: groupsOf(instance.firewall_group_id) };
    },
    async release(found, ip, options) {
      const [group] = found.secondaries;
      if (group === undefined) return;
      const host = instanceToHost(found.machine);
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
  });
}
