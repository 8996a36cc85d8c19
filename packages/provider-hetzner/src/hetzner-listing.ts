import type { CallOptions, Operation } from '@provision/core';
import { collectPages, type JsonClient } from '@provision/provider-utils';
import type { z } from 'zod';
import {
  type Firewall,
  firewallPage,
  PAGE_SIZE,
  type Paged,
  type Server,
  serverPage,
} from './hetzner-api.js';

// With `meta.pagination.last_page` on page 1 the other pages are known and read in parallel.
function remainingPages(page: number, data: Paged): number[] | undefined {
  const last = data.meta?.pagination?.last_page;
  if (page !== 1 || typeof last !== 'number' || last <= 1) return undefined;
  return Array.from({ length: last - 1 }, (_, index) => index + 2);
}

/** Every item of a listing, all pages of Hetzner's maximum size (`meta.pagination`). */
export function listAll<Data extends Paged, Item>(
  client: JsonClient,
  request: {
    path: string;
    query?: Record<string, string>;
    operation: Operation;
    schema: z.ZodType<Data>;
    items: (data: Data) => Item[];
  },
  options?: CallOptions,
): Promise<Item[]> {
  return collectPages(
    1,
    async (page) => {
      const { data } = await client.request({
        method: 'GET',
        path: request.path,
        query: { ...request.query, per_page: PAGE_SIZE, page },
        operation: request.operation,
        schema: request.schema,
        signal: options?.signal,
      });
      const next = data.meta?.pagination?.next_page;
      return {
        items: request.items(data),
        next: typeof next === 'number' && next > page ? next : undefined,
        rest: remainingPages(page, data),
      };
    },
    { provider: 'hetzner', concurrency: 10 },
  );
}

/** Every server matching a label selector, all pages. */
export function listServers(
  client: JsonClient,
  query: Record<string, string>,
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  const request = { path: '/servers', query, operation, schema: serverPage };
  return listAll(client, { ...request, items: (data) => data.servers }, options);
}

/** Every firewall matching a query (`name`, `label_selector`), all pages. */
export function listFirewalls(
  client: JsonClient,
  query: Record<string, string>,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall[]> {
  const request = { path: '/firewalls', query, operation, schema: firewallPage };
  return listAll(client, { ...request, items: (data) => data.firewalls }, options);
}
