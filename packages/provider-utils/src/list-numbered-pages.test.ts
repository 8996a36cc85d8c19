import { ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TEST_CLOUD, testCloudClient, useTestServer } from '../test/test-cloud.js';
import { listNumberedPages } from './list-numbered-pages.js';

const server = useTestServer();
const BASE = TEST_CLOUD;
const PER_PAGE = 3;

/** `total` items in pages of 3, answered `{ items, last_page, next_page }` (as Hetzner pages). */
function cloud(total: number, answer: { lastPage?: (page: number) => number | undefined } = {}) {
  const asked: string[] = [];
  server.use(
    http.get(`${BASE}/items`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.search);
      const page = Number(url.searchParams.get('page'));
      const start = (page - 1) * PER_PAGE;
      const items = Array.from(
        { length: Math.max(0, Math.min(PER_PAGE, total - start)) },
        (_, i) => start + i,
      );
      const last = Math.max(1, Math.ceil(total / PER_PAGE));
      return HttpResponse.json({
        items,
        last_page: answer.lastPage === undefined ? last : answer.lastPage(page),
        next_page: page < last ? page + 1 : null,
      });
    }),
  );
  return asked;
}

const client = testCloudClient();
const schema = z.object({
  items: z.array(z.number()),
  last_page: z.number().nullish(),
  next_page: z.number().nullish(),
});

function list(read: 'last' | 'next' | 'both', maxPages?: number) {
  return listNumberedPages(
    client,
    {
      path: '/items',
      query: { label: 'managed' },
      operation: 'list',
      schema,
      pageQuery: (page) => ({ page, per_page: PER_PAGE }),
      read: (data) => ({
        items: data.items,
        ...(read === 'next' ? {} : { lastPage: data.last_page ?? undefined }),
        ...(read === 'last' ? {} : { next: data.next_page ?? undefined }),
      }),
    },
    { provider: 'testcloud', ...(maxPages === undefined ? {} : { maxPages }) },
  );
}

describe('listNumberedPages', () => {
  it('reads every page in order, sending the query and the page fields on each', async () => {
    const asked = cloud(8);
    await expect(list('both')).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...asked].sort()).toEqual([
      '?label=managed&page=1&per_page=3',
      '?label=managed&page=2&per_page=3',
      '?label=managed&page=3&per_page=3',
    ]);
  });

  it('with only the last page told, asks up to it and no further', async () => {
    const asked = cloud(7);
    await expect(list('last')).resolves.toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(asked).toHaveLength(3);
  });

  it('with only the next page named, follows it to the end', async () => {
    const asked = cloud(7);
    await expect(list('next')).resolves.toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(asked).toHaveLength(3);
  });

  it('one page asks once', async () => {
    const asked = cloud(2);
    await expect(list('both')).resolves.toEqual([0, 1]);
    expect(asked).toEqual(['?label=managed&page=1&per_page=3']);
  });

  it('a last page beyond maxPages is refused after the first request', async () => {
    const asked = cloud(3, { lastPage: () => 1_000_000_000 });
    const error = await list('last', 5).catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/did not end after 5 pages/);
    expect(asked).toHaveLength(1);
  });
});
