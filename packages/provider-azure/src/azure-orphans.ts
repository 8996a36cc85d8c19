import { type CallOptions, MANAGED_TAG_KEYS, type Quota } from '@provision/core';
import { createOrphanScanner, getIfFound, type JsonClient } from '@provision/provider-utils';
import {
  API_VERSIONS,
  armPage,
  deployment,
  type ResourceGroup,
  resourceGroup,
  resourcePaths,
  usage,
  virtualMachine,
} from './azure-api.js';
import { groupOf } from './azure-listing.js';
import { CREATED_AT_TAG, groupNames, RESOURCE_NAMES } from './azure-names.js';

const resources = { 'api-version': API_VERSIONS.resources };

/**
 * Orphans on Azure are host resource groups (`provision-<identity>`, managed tags) that hold no
 * VM: the VM was deleted outside provision, or a delete was not repeated until done. What is left
 * in such a group (network, IP, NSG, disk) goes with it. A group whose deployment is still
 * running is a host being made, never an orphan (one more read per candidate group). Nor is one
 * made less than `ORPHAN_MIN_AGE_MS` ago: Azure's resource groups carry no creation time, so the
 * group's own `provision-created-at` tag, written when it is made, is read (a group without it,
 * made by an older version, is judged by its VM and deployment alone). It covers the moment
 * between the group's creation and its deployment's.
 * https://learn.microsoft.com/rest/api/resources/resource-groups/list
 */
export function azureOrphans(client: JsonClient, subscription: () => string, defaultRegion: string) {
  const scanner = createOrphanScanner({
    provider: 'azure',
    kind: 'resource-group',
    idPattern: /^provision-[a-z2-7]{26}$/,
    list: async (_filter, options?: CallOptions) => {
      const groups: ResourceGroup[] = [];
      let next: string | undefined = `/subscriptions/${subscription()}/resourcegroups`;
      for (let page = 0; next !== undefined && page < 100; page++) {
        const answer: { data: { value: ResourceGroup[]; nextLink?: string | null | undefined } } =
          await client.request({
            method: 'GET',
            path: next,
            ...(page === 0
              ? {
                  query: {
                    ...resources,
                    $filter: `tagName eq '${MANAGED_TAG_KEYS.managedBy}' and tagValue eq 'provision'`,
                  },
                }
              : {}),
            operation: 'orphans',
            schema: armPage(resourceGroup),
            signal: options?.signal,
          });
        groups.push(...answer.data.value);
        next = answer.data.nextLink ?? undefined;
      }
      return groups;
    },
    inUse: async (groups: readonly ResourceGroup[], options?: CallOptions) => {
      const vms = await client.request({
        method: 'GET',
        path: `/subscriptions/${subscription()}/providers/Microsoft.Compute/virtualMachines`,
        query: { 'api-version': API_VERSIONS.compute },
        operation: 'orphans',
        schema: armPage(virtualMachine),
        signal: options?.signal,
      });
      const withVm = new Set(vms.data.value.map((vm) => groupOf(vm.id)));
      const used = new Set<ResourceGroup>();
      for (const group of groups) {
        if (withVm.has(group.name.toLowerCase()) || group.properties?.provisioningState === 'Deleting') {
          used.add(group);
          continue;
        }
        const made = await getIfFound(client, {
          path: resourcePaths(subscription(), group.name).deployment(RESOURCE_NAMES.deployment),
          query: resources,
          operation: 'orphans',
          schema: deployment,
          signal: options?.signal,
        });
        const state = made?.properties?.provisioningState;
        if (state === 'Accepted' || state === 'Running') used.add(group);
      }
      return used;
    },
    describe: (group: ResourceGroup) => {
      const owner = group.tags?.[MANAGED_TAG_KEYS.owner];
      if (groupNames.parse(group.name) === undefined || owner === undefined) return undefined;
      return {
        id: group.name,
        name: group.tags?.[MANAGED_TAG_KEYS.name] ?? group.name,
        owner,
        region: group.location,
      };
    },
    createdAt: (group: ResourceGroup) => group.tags?.[CREATED_AT_TAG],
    // Deleting a group is asynchronous: "in use" (done: false) until the group is gone.
    remove: async (orphan, options) => {
      const path = resourcePaths(subscription(), orphan.id).group;
      const found = await getIfFound(client, {
        path,
        query: resources,
        operation: 'orphans',
        schema: resourceGroup,
        signal: options?.signal,
      });
      if (found === undefined) return 'absent';
      if (found.properties?.provisioningState !== 'Deleting')
        await client.request({
          method: 'DELETE',
          path,
          query: resources,
          operation: 'orphans',
          allowStatus: [404],
          signal: options?.signal,
        });
      return 'in-use';
    },
  });
  return {
    orphans: scanner.orphans,
    deleteOrphan: scanner.deleteOrphan,
    /** The vCPU quota and the VMs of the default region (`Usage_List`): Azure's quotas are per region. */
    async quota(options?: CallOptions): Promise<Quota> {
      const { data } = await client.request({
        method: 'GET',
        path: `/subscriptions/${subscription()}/providers/Microsoft.Compute/locations/${defaultRegion}/usages`,
        query: { 'api-version': API_VERSIONS.compute },
        operation: 'quota',
        schema: armPage(usage),
        signal: options?.signal,
      });
      const cores = data.value.find((item) => item.name.value === 'cores');
      const vms = data.value.find((item) => item.name.value === 'virtualMachines');
      return {
        ...(cores === undefined ? {} : { cpuLimit: cores.limit }),
        ...(vms === undefined ? {} : { hostsInUse: vms.currentValue }),
      };
    },
  };
}
