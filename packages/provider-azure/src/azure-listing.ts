import {
  type CallOptions,
  type Host,
  type ListFilter,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import type * as z from 'zod/mini';
import {
  API_VERSIONS,
  armPage,
  type ListedPublicIpAddress,
  listedPublicIpAddress,
  type VirtualMachine,
  virtualMachine,
} from './azure-api.js';
import { azureIds } from './azure-ids.js';
import { RESOURCE_NAMES } from './azure-names.js';
import { vmToHost } from './map-azure-vm.js';

type Operation = 'list' | 'delete';

/** Every item of an ARM list, following `nextLink` (same origin) until there is none. */
async function listAll<T extends z.ZodMiniType>(
  client: JsonClient,
  path: string,
  query: Record<string, string>,
  item: T,
  operation: Operation,
  options?: CallOptions,
): Promise<z.infer<T>[]> {
  const items: z.infer<T>[] = [];
  let next: string | undefined = path;
  let first = true;
  for (let page = 0; next !== undefined && page < 1000; page++) {
    const answer: { data: { value: unknown[]; nextLink?: string | null | undefined } } = await client.request(
      {
        method: 'GET',
        path: next,
        ...(first ? { query } : {}),
        operation,
        schema: armPage(item),
        signal: options?.signal,
      },
    );
    items.push(...(answer.data.value as z.infer<T>[]));
    next = answer.data.nextLink ?? undefined;
    first = false;
  }
  return items;
}

const isManaged = (tags: Readonly<Record<string, string>> | null | undefined) =>
  tags?.[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE;

/** The resource group of a resource id, in lower case (group names compare without case). */
export function groupOf(resourceId: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(resourceId)?.[1]?.toLowerCase();
}

/** Every managed public IP of the subscription (one page of `PublicIPAddresses_ListAll` per 1000 or so). */
export function managedAddresses(
  client: JsonClient,
  subscription: string,
  operation: Operation,
  options?: CallOptions,
): Promise<ListedPublicIpAddress[]> {
  return listAll(
    client,
    `/subscriptions/${subscription}/providers/Microsoft.Network/publicIPAddresses`,
    { 'api-version': API_VERSIONS.network },
    listedPublicIpAddress,
    operation,
    options,
  ).then((addresses) =>
    addresses.filter((address) => isManaged(address.tags) && address.name === RESOURCE_NAMES.address),
  );
}

/** The host id of a VM, with the group in lower case as provision() writes it. */
export function hostIdOfVm(vm: VirtualMachine, subscription: string): string | undefined {
  const parts = azureIds.match(vm.id);
  if (parts === undefined) return undefined;
  return azureIds.encode({ subscription, group: parts.group.toLowerCase(), vm: parts.vm });
}

/**
 * The managed hosts: the subscription's VMs with their status (`VirtualMachines_ListAll`
 * `statusOnly=true`) and its public IPs (`PublicIPAddresses_ListAll`), joined by resource group.
 */
export async function listHosts(
  client: JsonClient,
  subscription: string,
  filter: ListFilter,
  options?: CallOptions,
): Promise<Host[]> {
  const [vms, addresses] = await Promise.all([
    listAll(
      client,
      `/subscriptions/${subscription}/providers/Microsoft.Compute/virtualMachines`,
      { 'api-version': API_VERSIONS.compute, statusOnly: 'true' },
      virtualMachine,
      'list',
      options,
    ),
    managedAddresses(client, subscription, 'list', options),
  ]);
  const byGroup = new Map(addresses.map((address) => [groupOf(address.id), address]));
  return vms
    .filter((vm) => isManaged(vm.tags))
    .filter((vm) => filter.region === undefined || vm.location === filter.region)
    .filter((vm) => filter.owner === undefined || vm.tags?.[MANAGED_TAG_KEYS.owner] === filter.owner)
    .flatMap((vm) => {
      const id = hostIdOfVm(vm, subscription);
      return id === undefined ? [] : [vmToHost(vm, byGroup.get(groupOf(vm.id)), id)];
    })
    .filter((host) => Object.entries(filter.tags ?? {}).every(([key, value]) => host.tags[key] === value));
}
