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

/**
 * Pages read at once after the first: every page of 5,000 servers at 50 a page. Hetzner's limit
 * is 3,600 requests an hour per project, replenished one a second, so a listing's burst is well
 * within it; the shared limiter paces anything beyond what the project is allowed.
 * https://docs.hetzner.cloud/reference/cloud#rate-limiting
 */
const PAGES_AT_ONCE = 100;

/** Every item of a listing, all pages of Hetzner's maximum size (`meta.pagination`), page 1 first, then the rest at once. */
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
  return listNumberedPages(client, listing, { provider: 'hetzner', concurrency: PAGES_AT_ONCE });
}

/** Every server matching a label selector, all pages. */
export function listServers(
  client: JsonClient,
  query: Record<string, string>,
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  return listServersAs(client, query, operation, (servers) => servers, options);
}

/**
 * What `each` makes of every page of servers matching a label selector, in the cloud's order:
 * each page is read into items as it arrives, so its raw servers are not kept to the end.
 */
export function listServersAs<Item>(
  client: JsonClient,
  query: Record<string, string>,
  operation: Operation,
  each: (servers: Server[]) => Item[],
  options?: CallOptions,
): Promise<Item[]> {
  const request = { path: '/servers', query, operation, schema: serverPage };
  return listAll(client, { ...request, items: (data) => each(data.servers) }, options);
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
