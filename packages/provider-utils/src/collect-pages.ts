import { ProviderApiError } from '@provision/core';

/** One page of a listing and the cursor of the next (undefined on the last page). */
export interface Page<Item, Cursor> {
  readonly items: readonly Item[];
  readonly next: Cursor | undefined;
  /**
   * From the first page only: the cursors of every remaining page, when the cloud tells the total
   * (page numbers, offsets). They are then fetched in parallel instead of one after another.
   */
  readonly rest?: readonly Cursor[] | undefined;
}

const DEFAULT_CONCURRENCY = 16;

/** How `collectPages` runs. */
export interface CollectPagesOptions {
  /** Pages beyond which the listing is refused (a cloud that never ends one). Default 1000. */
  readonly maxPages?: number | undefined;
  readonly provider?: string | undefined;
  /**
   * Pages fetched at once after the first, when it gives `rest`. Default 16: every page of most
   * listings, so they cost 2 round trips; the client's shared rate limiter paces them to what the
   * account allows. A cloud with a low burst passes less.
   */
  readonly concurrency?: number | undefined;
}

/**
 * Follows a paginated listing to its end, items in the cloud's order. Reads the first page; when it
 * names the remaining pages (`rest`) reads those in parallel, at most `concurrency` at a time, then
 * follows the last one's `next` if the listing grew meanwhile; otherwise follows `next` page by page.
 * @param first the first page's cursor (a page number, a token, a URL).
 * @throws ProviderApiError when more than `maxPages` pages come back; the first failure of a page otherwise.
 */
export async function collectPages<Item, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<Item, Cursor>>,
  options: CollectPagesOptions = {},
): Promise<Item[]> {
  const maxPages = options.maxPages ?? 1000;
  const tooMany = () =>
    new ProviderApiError(`A listing did not end after ${maxPages} pages.`, {
      provider: options.provider,
      operation: 'list',
    });
  const firstPage = await fetchPage(first);
  const items: Item[] = [...firstPage.items];
  let pages = 1;
  let cursor = firstPage.next;
  const rest = firstPage.rest ?? [];
  if (rest.length > 0) {
    if (1 + rest.length > maxPages) throw tooMany();
    const fetched = await mapBounded(
      rest,
      Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY),
      fetchPage,
    );
    for (const page of fetched) items.push(...page.items);
    pages += rest.length;
    cursor = fetched.at(-1)?.next;
  }
  for (; cursor !== undefined; pages++) {
    if (pages >= maxPages) throw tooMany();
    const page: Page<Item, Cursor> = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next;
  }
  return items;
}

// Runs `work` over `inputs`, at most `limit` at once, results in input order; stops starting new
// work after the first failure and rejects with it.
async function mapBounded<Input, Output>(
  inputs: readonly Input[],
  limit: number,
  work: (input: Input) => Promise<Output>,
): Promise<Output[]> {
  const results = new Array<Output>(inputs.length);
  let nextIndex = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && nextIndex < inputs.length) {
      const index = nextIndex++;
      try {
        results[index] = await work(inputs[index] as Input);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
