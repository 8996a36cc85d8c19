import { type CallOptions, type DeleteResult, decodeManagedTags, type Operation } from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { hostIdOf, instanceToHost } from './map-vultr-instance.js';
import { type Instance, instanceEnvelope, instancePage, PAGE_SIZE } from './vultr-api.js';
import { listGroups, removeGroup } from './vultr-firewall-group.js';
import { vultrIds } from './vultr-ids.js';
import { groupDescription, groupDescriptions, vultrTags } from './vultr-tags.js';

function isManaged(instance: Instance): boolean {
  return decodeManagedTags(vultrTags.decode(instance.tags ?? [])).managed !== undefined;
}

/**
 * `delete()` of Vultr hosts, converging over calls: the instance first (one GET, one DELETE; the
 * call answers `done: false`), then, once the instance answers 404, its firewall group, which
 * Vultr refuses to delete while an instance still sits in it. So the host is never open while it
 * shuts down, and nothing is left once `done: true`.
 *
 * By IP, the call that destroys the instance first gives its group the address in its
 * description (`released <ip>`), so later calls, which no longer find the address on any
 * instance, find the group by listing.
 */
export class VultrDeletion {
  constructor(private readonly client: JsonClient) {}

  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { groupId } = vultrIds.decode(id, 'delete');
    const instance = await this.instanceIfAny(id, 'delete', options);
    // Only an instance provision made is destroyed: a mistyped id of another one is not found.
    if (instance !== undefined && !isManaged(instance)) return { done: true, id, found: false };
    if (instance !== undefined) return this.destroy(instance, id, groupId, options);
    if (groupId === undefined) return { done: true, id, found: false };
    return this.#removeGroup(groupId, options, id);
  }

  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/v2/instances',
      query: { main_ip: ip, per_page: PAGE_SIZE },
      operation: 'delete',
      schema: instancePage,
      signal: options?.signal,
    });
    const instance = data.instances.find((item) => item.main_ip === ip && isManaged(item));
    if (instance !== undefined) {
      const groupId = instance.firewall_group_id || undefined;
      if (groupId !== undefined) {
        const host = instanceToHost(instance);
        await this.client.request({
          method: 'PUT',
          path: `/v2/firewalls/${groupId}`,
          body: { description: groupDescription(host.owner, host.name, ip) },
          operation: 'delete',
          signal: options?.signal,
        });
      }
      return this.destroy(instance, hostIdOf(instance), groupId, options);
    }
    const released = (await listGroups(this.client, 'delete', options)).find(
      (group) => groupDescriptions.parse(group.description ?? undefined)?.ip === ip,
    );
    if (released === undefined) return { done: true, found: false };
    return this.#removeGroup(released.id, options);
  }

  /** The instance of a host id, or undefined once Vultr answers 404. */
  async instanceIfAny(
    id: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<Instance | undefined> {
    const { instanceId } = vultrIds.decode(id, operation);
    const path = `/v2/instances/${instanceId}`;
    return (
      await getIfFound(this.client, { path, operation, schema: instanceEnvelope, signal: options?.signal })
    )?.instance;
  }

  private async destroy(
    instance: Instance,
    id: string,
    groupId: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    await this.client.request({
      method: 'DELETE',
      path: `/v2/instances/${instance.id}`,
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
    const remaining = [
      `instance ${instance.id}`,
      ...(groupId === undefined ? [] : [`firewall group ${groupId}`]),
    ];
    return { done: false, id, remaining, found: true };
  }

  async #removeGroup(groupId: string, options?: CallOptions, id?: string): Promise<DeleteResult> {
    const outcome = await removeGroup(this.client, groupId, 'delete', options);
    const named = id === undefined ? {} : { id };
    return outcome === 'in-use'
      ? { done: false, ...named, remaining: [`firewall group ${groupId}`], found: true }
      : { done: true, ...named, found: outcome === 'deleted' };
  }
}
