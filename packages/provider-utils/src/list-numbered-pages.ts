import type { Operation } from '@provision/core';
import { type CollectPagesOptions, collectPages } from './collect-pages.js';
import type { HttpClient } from './http-client-options.js';
import type { ResponseSchema } from './response-schema.js';

/** What one answer of a page-numbered listing says. */
export interface NumberedPage<Item> {
  readonly items: readonly Item[];
  /**
   * The last page's number, when the cloud tells it (Linode's `pages`, Hetzner's
   * `meta.pagination.last_page`, DigitalOcean's `ceil(meta.total / per_page)`). Read from page 1,
   * it lets the other pages be asked in parallel.
   */
  readonly lastPage?: number | undefined;
  /**
   * The next page's number, when the cloud names it (Hetzner's `next_page`, the `page` of a next
   * link). When undefined: `page + 1` while below `lastPage`, else the listing ends.
   */
  readonly next?: number | undefined;
}

/** A listing whose pages are asked by number, 1 first. */
export interface NumberedListing<Data, Item> {
  /** Path under the client's base URL, e.g. `'/servers'`. */
  readonly path: string;
  /** Query sent with every page (filters). */
  readonly query?: Readonly<Record<string, string | number | undefined>> | undefined;
  /** Headers sent with every page (Linode's `X-Filter`). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly operation: Operation;
  readonly schema: ResponseSchema<Data>;
  /** The query that asks for page `page`, e.g. `{ page, per_page: 50 }`; merged over `query`. */
  readonly pageQuery: (page: number) => Readonly<Record<string, string | number | undefined>>;
  /** Reads one page's answer; may throw when it is not the page asked for. */
  readonly read: (data: Data, page: number) => NumberedPage<Item>;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Every item of a listing paged by number (Hetzner, Linode, DigitalOcean and most JSON clouds), in
 * the cloud's order: page 1 first; when it tells the last page, the others are read in parallel
 * (see `collectPages`, whose `concurrency` and `maxPages` apply), then any page named after them
 * if the listing grew meanwhile. A cursor-paged listing uses `collectPages` directly.
 * @throws ProviderApiError when the listing does not end within `maxPages`; else the first page's failure.
 */
export function listNumberedPages<Data, Item>(
  client: Pick<HttpClient, 'request'>,
  listing: NumberedListing<Data, Item>,
  options: CollectPagesOptions = {},
): Promise<Item[]> {
  return collectPages(
    1,
    async (page: number) => {
      const { data } = await client.request({
        method: 'GET',
        path: listing.path,
        query: { ...listing.query, ...listing.pageQuery(page) },
        headers: listing.headers,
        operation: listing.operation,
        schema: listing.schema,
        signal: listing.signal,
      });
      const { items, lastPage, next } = listing.read(data, page);
      const hasLast = typeof lastPage === 'number' && Number.isFinite(lastPage);
      const following =
        next !== undefined
          ? next > page
            ? next
            : undefined
          : hasLast && page < lastPage
            ? page + 1
            : undefined;
      const rest =
        page === 1 && hasLast && lastPage > 1
          ? // Capped one past `maxPages`, so a wild `lastPage` is refused by `collectPages`, not allocated.
            Array.from(
              { length: Math.min(Math.floor(lastPage), (options.maxPages ?? 1000) + 1) - 1 },
              (_, index) => index + 2,
            )
          : undefined;
      return { items, next: following, rest };
    },
    options,
  );
}
