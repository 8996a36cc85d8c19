import type { CallOptions } from '@provision/core';
import { createHostDeletion, getIfFound, type HostDeletion } from '@provision/provider-utils';
import { managedTagsOf } from './map-ovh-instance.js';
import { type Instance, instanceList, instanceSchema } from './ovh-api.js';
import type { OvhClient } from './ovh-client.js';
import { ovhIds } from './ovh-ids.js';

/** States in which the instance is already going: a second DELETE would add nothing. */
const GOING = new Set(['DELETING', 'DELETED', 'SOFT_DELETED']);

/** Whether OVH is deleting the instance already. */
export const isGoing = (instance: Instance) => GOING.has(instance.status);

/** The instance a host id names, or undefined once OVH answers 404. */
export function readInstance(
  client: OvhClient,
  id: string,
  operation: 'status' | 'delete',
  options?: CallOptions,
): Promise<Instance | undefined> {
  const { project, instanceId } = ovhIds.decode(id, operation);
  return getIfFound(client.http, {
    path: `/cloud/project/${project}/instance/${instanceId}`,
    operation,
    schema: instanceSchema,
    signal: options?.signal,
  });
}

/** An instance with the project it lives in. */
interface Located {
  readonly instance: Instance;
  readonly project: string;
}

/**
 * `delete()` of OVHcloud hosts (see `createHostDeletion`): an instance and nothing else (the
 * `/cloud` API has no per-instance firewall; its boot volume and public address go with it). Each
 * call reads it and sends its DELETE unless it is going already; a later call finds it gone. By
 * address, the project's instances are listed (one request: OVH does not page).
 */
export function ovhDeletion(client: OvhClient): HostDeletion {
  const instancePath = ({ project, instance }: Located) =>
    `/cloud/project/${project}/instance/${instance.id}`;
  return createHostDeletion<Located>({
    machineKind: 'instance',
    decode(id) {
      ovhIds.decode(id, 'delete');
      return { machineId: id, secondaries: [] };
    },
    async read(id, options) {
      const instance = await readInstance(client, id, 'delete', options);
      return instance === undefined ? undefined : { instance, project: ovhIds.decode(id, 'delete').project };
    },
    // Only an instance provision made is deleted: a mistyped id of another one is not found.
    isManaged: ({ instance }) => managedTagsOf(instance) !== undefined,
    machineIdOf: ({ instance }) => instance.id,
    isDeleting: ({ instance }) => isGoing(instance),
    async destroy(located, options) {
      await client.http.request({
        method: 'DELETE',
        path: instancePath(located),
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    remove: async () => 'absent',
    async findByAddress(ip, options) {
      const project = client.project();
      const { data } = await client.http.request({
        method: 'GET',
        path: `/cloud/project/${project}/instance`,
        operation: 'delete',
        schema: instanceList,
        signal: options?.signal,
      });
      const instance = data.find(
        (item) =>
          managedTagsOf(item) !== undefined &&
          (item.ipAddresses ?? []).some((address) => address.ip === ip && address.version === 4),
      );
      if (instance === undefined) return undefined;
      const id = ovhIds.encode({ project, instanceId: instance.id });
      return { machine: { instance, project }, id, secondaries: [] };
    },
  });
}
