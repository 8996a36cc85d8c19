import { ProviderApiError } from '@provision/core';

/** One page of a listing and the cursor of the next (undefined on the last page). */
export interface Page<Item, Cursor> {
  readonly items: readonly Item[];
  readonly next: Cursor | undefined;
}

/**
 * Follows a paginated listing to its end.
 * @param first the first page's cursor (a page number, a token, a URL).
 * @throws ProviderApiError when more than `maxPages` pages come back (a cloud that never ends a listing).
 */
export async function collectPages<Item, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<Item, Cursor>>,
  options: { maxPages?: number; provider?: string } = {},
): Promise<Item[]> {
  const maxPages = options.maxPages ?? 1000;
  const items: Item[] = [];
  let cursor: Cursor | undefined = first;
  for (let pages = 0; cursor !== undefined; pages++) {
    if (pages >= maxPages) {
      throw new ProviderApiError(`A listing did not end after ${maxPages} pages.`, {
        provider: options.provider,
        operation: 'list',
      });
    }
    const page: Page<Item, Cursor> = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next;
  }
  return items;
}
