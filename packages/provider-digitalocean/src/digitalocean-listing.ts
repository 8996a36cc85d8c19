import type { CallOptions, Operation } from '@provision/core';
import { collectPages, type JsonClient } from '@provision/provider-utils';
import type { z } from 'zod';
import { type Droplet, dropletPage, type Firewall, firewallPage, PAGE_SIZE } from './digitalocean-api.js';

// DigitalOcean pages with `links.pages.next`, an absolute URL. Only its page number is taken, and
// the request goes to our own endpoint: a link to another host must never receive the token.
export function nextPage(next: string | null | undefined): number | undefined {
  if (!next) return undefined;
  const page = Number(new URL(next).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : undefined;
}

type Paged = {
  links?: { pages?: { next?: string | null | undefined } | null | undefined } | null | undefined;
};

/** Every item of a listing, all pages of DigitalOcean's maximum size. */
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
  return collectPages(1, async (page) => {
    const { data } = await client.request({
      method: 'GET',
      path: request.path,
      query: { ...request.query, per_page: PAGE_SIZE, page },
      operation: request.operation,
      schema: request.schema,
      signal: options?.signal,
    });
    return { items: request.items(data), next: nextPage(data.links?.pages?.next) };
  });
}

/** Every droplet carrying `tag`, all pages. */
export function listDropletsByTag(
  client: JsonClient,
  tag: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Droplet[]> {
  const request = { path: '/v2/droplets', query: { tag_name: tag }, operation, schema: dropletPage };
  return listAll(client, { ...request, items: (data) => data.droplets }, options);
}

/** Every firewall of the account, all pages (the API has no filter). */
export function listFirewalls(
  client: JsonClient,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall[]> {
  const request = { path: '/v2/firewalls', operation, schema: firewallPage };
  return listAll(client, { ...request, items: (data) => data.firewalls }, options);
}
