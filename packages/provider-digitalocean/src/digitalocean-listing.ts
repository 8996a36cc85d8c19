import type { CallOptions, Operation } from '@provision/core';
import { collectPages, type JsonClient } from '@provision/provider-utils';
import { type Droplet, dropletPage, type Firewall, firewallPage, PAGE_SIZE } from './digitalocean-api.js';

// DigitalOcean pages with `links.pages.next`, an absolute URL. Only its page number is taken, and
// the request goes to our own endpoint: a link to another host must never receive the token.
function nextPage(next: string | null | undefined): number | undefined {
  if (!next) return undefined;
  const page = Number(new URL(next).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : undefined;
}

/** Every droplet carrying `tag`, all pages. */
export function listDropletsByTag(
  client: JsonClient,
  tag: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Droplet[]> {
  return collectPages(1, async (page) => {
    const { data } = await client.request({
      method: 'GET',
      path: '/v2/droplets',
      query: { tag_name: tag, per_page: PAGE_SIZE, page },
      operation,
      schema: dropletPage,
      signal: options?.signal,
    });
    return { items: data.droplets, next: nextPage(data.links?.pages?.next) };
  });
}

/** Every firewall of the account, all pages (the API has no filter). */
export function listFirewalls(
  client: JsonClient,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall[]> {
  return collectPages(1, async (page) => {
    const { data } = await client.request({
      method: 'GET',
      path: '/v2/firewalls',
      query: { per_page: PAGE_SIZE, page },
      operation,
      schema: firewallPage,
      signal: options?.signal,
    });
    return { items: data.firewalls, next: nextPage(data.links?.pages?.next) };
  });
}

export { nextPage };
