import type { CallOptions, Operation } from '@provision/core';
import { collectPages, type JsonClient } from '@provision/provider-utils';
import type * as z from 'zod/mini';
import {
  type Firewall,
  firewallListSchema,
  type Instance,
  instanceAggregatedListSchema,
  MAX_RESULTS,
} from './gcp-api.js';

/** Every page of a list call (`nextPageToken` to `pageToken`), at the most a page holds. */
async function listAll<Data extends { nextPageToken?: string | null | undefined }, Item>(
  client: JsonClient,
  request: {
    path: string;
    filter: string;
    operation: Operation;
    schema: z.ZodMiniType<Data>;
    items: (data: Data) => Item[];
  },
  options?: CallOptions,
): Promise<Item[]> {
  return collectPages<Item, string>(
    '',
    async (pageToken) => {
      const { data } = await client.request({
        method: 'GET',
        path: request.path,
        query: {
          filter: request.filter,
          maxResults: MAX_RESULTS,
          ...(pageToken === '' ? {} : { pageToken }),
        },
        operation: request.operation,
        schema: request.schema,
        signal: options?.signal,
      });
      return { items: request.items(data), next: data.nextPageToken || undefined };
    },
    { provider: 'gcp' },
  );
}

/**
 * Every instance of the project matching `filter`, in every zone: `instances.aggregatedList`
 * (one request per 500). https://cloud.google.com/compute/docs/reference/rest/v1/instances/aggregatedList
 */
export function listInstances(
  client: JsonClient,
  project: string,
  filter: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Instance[]> {
  return listAll(
    client,
    {
      path: `/projects/${project}/aggregated/instances`,
      filter,
      operation,
      schema: instanceAggregatedListSchema,
      items: (data) => Object.values(data.items ?? {}).flatMap((scope) => scope.instances ?? []),
    },
    options,
  );
}

/** Every firewall rule of the project matching `filter` (`firewalls.list`). */
export function listFirewalls(
  client: JsonClient,
  project: string,
  filter: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall[]> {
  return listAll(
    client,
    {
      path: `/projects/${project}/global/firewalls`,
      filter,
      operation,
      schema: firewallListSchema,
      items: (data) => data.items ?? [],
    },
    options,
  );
}
