import type { CallOptions, Operation } from '@provision/core';
import { collectPages, type JsonClient, type ResponseSchema } from '@provision/provider-utils';
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
  meta?: { total?: number | null | undefined } | null | undefined;
};

// With `meta.total` on page 1 the other pages are known, and read in parallel (under the limiter):
// 5,000 droplets cost 1 + 24 requests in about 2 round trips instead of 25 one after another.
function remainingPages(page: number, data: Paged): number[] | undefined {
  const total = data.meta?.total;
  if (page !== 1 || typeof total !== 'number' || total <= PAGE_SIZE) return undefined;
  return Array.from({ length: Math.ceil(total / PAGE_SIZE) - 1 }, (_, index) => index + 2);
}

// Pages at once after the first: all of a 5,000-droplet listing. DigitalOcean allows bursts of 250
// requests a minute, and the shared limiter paces anything beyond what the account allows.
const LISTING_OPTIONS = { provider: 'digitalocean', concurrency: 25 } as const;

/** Every item of a listing, all pages of DigitalOcean's maximum size. */
export function listAll<Data extends Paged, Item>(
  client: JsonClient,
  request: {
    path: string;
    query?: Record<string, string>;
    operation: Operation;
    schema: ResponseSchema<Data>;
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
      return {
        items: request.items(data),
        next: nextPage(data.links?.pages?.next),
        rest: remainingPages(page, data),
      };
    },
    LISTING_OPTIONS,
  );
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
