import type { CallOptions, Host, ListFilter, Region } from '@provision/core';
import { type JsonClient, powerAction } from '@provision/provider-utils';
import { API_VERSIONS, resourcePaths, subscription as subscriptionAnswer } from './azure-api.js';
import { azureCatalog } from './azure-catalog.js';
import { azureIds } from './azure-ids.js';
import { listHosts } from './azure-listing.js';

type Parts = { readonly subscription: string; readonly group: string; readonly vm: string };

/** Reads a host once (the VM with its instance view, and its public IP). */
export type ReadHost = (
  parts: Parts,
  id: string,
  operation: 'status',
  options?: CallOptions,
) => Promise<Host | undefined>;

// https://learn.microsoft.com/rest/api/compute/virtual-machines (start, deallocate, restart)
const ACTIONS = { start: 'start', stop: 'deallocate', reboot: 'restart' } as const;

/**
 * The optional operations: the listing, power actions (a `POST` answered 202 and not awaited,
 * then one read), the credentials check (the subscription's `GET`) and the catalog's regions.
 */
export function azureCapabilities(client: JsonClient, subscription: () => string, read: ReadHost) {
  function power(id: string, operation: keyof typeof ACTIONS, options?: CallOptions): Promise<Host> {
    const parts = azureIds.decode(id, operation);
    return powerAction({
      provider: 'azure',
      id,
      operation,
      send: async () => {
        const answer = await client.request({
          method: 'POST',
          path: `${resourcePaths(parts.subscription, parts.group).virtualMachine(parts.vm)}/${ACTIONS[operation]}`,
          query: { 'api-version': API_VERSIONS.compute },
          operation,
          // Repeating a power action is harmless: the VM is already on its way.
          idempotent: true,
          allowStatus: [404],
          signal: options?.signal,
        });
        return answer.status === 404 ? 'gone' : undefined;
      },
      read: () => read(parts, id, 'status', options),
    });
  }

  return {
    list: (filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> =>
      listHosts(client, subscription(), filter, options),
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    /** Deallocates the VM: its compute is no longer billed (the public IP and the disk still are). */
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),
    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.request({
        method: 'GET',
        path: `/subscriptions/${subscription()}`,
        query: { 'api-version': API_VERSIONS.subscriptions },
        operation: 'verifyCredentials',
        schema: subscriptionAnswer,
        signal: options?.signal,
      });
    },
    async regions(): Promise<Region[]> {
      return azureCatalog.regions.map((region) => ({ ...region }));
    },
  };
}
