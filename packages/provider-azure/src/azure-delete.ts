import { type CallOptions, type DeleteResult, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { API_VERSIONS, resourceGroup, resourcePaths } from './azure-api.js';
import { azureIds } from './azure-ids.js';
import { groupOf, managedAddresses } from './azure-listing.js';

const resources = { 'api-version': API_VERSIONS.resources };

/**
 * `delete()` of Azure hosts: the host's resource group goes as a whole (ARM deletes what it holds,
 * VM, disk, NIC, public IP, network security group and network), in one `DELETE` that is not
 * awaited; later calls read the group until it is gone.
 * - by id: the group's `GET` (only a group carrying provision's managed tag is deleted), then its
 *   `DELETE` unless it is being deleted already;
 * - by address: the managed public IPs' listing finds the group (the address stays until the
 *   group goes), then the same.
 */
export class AzureDeletion {
  constructor(
    private readonly client: JsonClient,
    private readonly subscription: () => string,
  ) {}

  byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { subscription, group } = azureIds.decode(id, 'delete');
    return this.deleteGroup(subscription, group, id, options);
  }

  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const subscription = this.subscription();
    const addresses = await managedAddresses(this.client, subscription, 'delete', options);
    const address = addresses.find((candidate) => candidate.properties?.ipAddress === ip);
    const group = address === undefined ? undefined : groupOf(address.id);
    if (address === undefined || group === undefined) return { done: true, found: false };
    const name = address.tags?.[MANAGED_TAG_KEYS.name];
    const id =
      name === undefined
        ? undefined
        : azureIds.match(
              `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${name}`,
            ) === undefined
          ? undefined
          : azureIds.encode({ subscription, group, vm: name });
    return this.deleteGroup(subscription, group, id, options);
  }

  private async deleteGroup(
    subscription: string,
    group: string,
    id: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    const path = resourcePaths(subscription, group).group;
    const named = id === undefined ? {} : { id };
    const found = await getIfFound(this.client, {
      path,
      query: resources,
      operation: 'delete',
      schema: resourceGroup,
      signal: options?.signal,
    });
    // Only a group provision made is deleted: a mistyped id of another group is not found.
    if (found === undefined || found.tags?.[MANAGED_TAG_KEYS.managedBy] !== MANAGED_BY_VALUE)
      return { done: true, ...named, found: false };
    const remaining = [`resource group ${found.name}`];
    if (found.properties?.provisioningState === 'Deleting')
      return { done: false, ...named, remaining, found: true };
    await this.client.request({
      method: 'DELETE',
      path,
      query: resources,
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
    return { done: false, ...named, remaining, found: true };
  }
}
