import type { CallOptions, Operation } from '@provision/core';
import { type JsonClient, listNumberedPages } from '@provision/provider-utils';
import type * as z from 'zod/mini';
import {
  type Firewall,
  firewallPage,
  PAGE_SIZE,
  type Paged,
  type Server,
  serverPage,
} from './hetzner-api.js';

/** Every item of a listing, all pages of Hetzner's maximum size (`meta.pagination`). */
export function listAll<Data extends Paged, Item>(
  client: JsonClient,
  request: {
    path: string;
    query?: Record<string, string>;
    operation: Operation;
    schema: z.ZodMiniType<Data>;
    items: (data: Data) => Item[];
  },
  options?: CallOptions,
): Promise<Item[]> {
  const pageQuery = (page: number) => ({ per_page: PAGE_SIZE, page });
  const read = (data: Data) => ({
    items: request.items(data),
    lastPage: data.meta?.pagination?.last_page ?? undefined,
    next: data.meta?.pagination?.next_page ?? undefined,
  });
  const listing = { ...request, pageQuery, read, signal: options?.signal };
  return listNumberedPages(client, listing, { provider: 'hetzner', concurrency: 10 });
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
