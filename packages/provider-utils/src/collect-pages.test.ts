import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { collectPages } from './collect-pages.js';
import { createHttpClient } from './http-client.js';
import { createRateLimiter } from './rate-limiter.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'https://api.cloud.test';
const PER_PAGE = 200;

/** A listing of `total` items in pages of 200, with `meta.total` and a next link (as DigitalOcean pages). */
function listing(total: number, options: { tokens?: boolean } = {}) {
  const state = { requests: [] as string[], inFlight: 0, maxInFlight: 0 };
  server.use(
    http.get(`${BASE}/items`, async ({ request }) => {
      const url = new URL(request.url);
      state.requests.push(url.search);
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      state.inFlight -= 1;
      const page = Number(url.searchParams.get('page') ?? url.searchParams.get('token') ?? '1');
      const start = (page - 1) * PER_PAGE;
      const items = Array.from(
        { length: Math.max(0, Math.min(PER_PAGE, total - start)) },
        (_, index) => start + index,
      );
      const next = start + PER_PAGE < total ? page + 1 : undefined;
      return HttpResponse.json({ items, next, ...(options.tokens ? {} : { total }) });
    }),
  );
  return state;
}

const client = createHttpClient({
  provider: 'testcloud',
  version: '1',
  baseUrl: BASE,
  credential: () => 'token',
  rateLimiter: createRateLimiter(),
});
const pageSchema = z.object({
  items: z.array(z.number()),
  next: z.number().optional(),
  total: z.number().optional(),
});

function byPageNumber(concurrency?: number) {
  return collectPages(
    1,
    async (page: number) => {
      const { data } = await client.request({
        method: 'GET',
        path: '/items',
        query: { page },
        schema: pageSchema,
        operation: 'list',
      });
      const pages = data.total === undefined ? 0 : Math.ceil(data.total / PER_PAGE);
      return {
        items: data.items,
        next: data.next,
        rest:
          page === 1 ? Array.from({ length: Math.max(0, pages - 1) }, (_, index) => index + 2) : undefined,
      };
    },
    { concurrency },
  );
}

describe('collectPages', () => {
  it('reads page 1, then the other 24 pages of 5,000 items in parallel, in order', async () => {
    const state = listing(5000);
    const items = await byPageNumber(8);
    expect(items).toEqual(Array.from({ length: 5000 }, (_, index) => index));
    expect(state.requests).toHaveLength(25);
    expect(state.maxInFlight).toBeGreaterThan(1);
    expect(state.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('by default reads up to 16 of the other pages at once', async () => {
    const state = listing(5000);
    expect(await byPageNumber()).toHaveLength(5000);
    expect(state.requests).toHaveLength(25);
    expect(state.maxInFlight).toBeGreaterThan(4);
    expect(state.maxInFlight).toBeLessThanOrEqual(16);
  });

  it('keeps one page at a time when the concurrency is 1', async () => {
    const state = listing(1000);
    await byPageNumber(1);
    expect(state.maxInFlight).toBe(1);
    expect(state.requests).toHaveLength(5);
  });

  it('costs one request for a listing of one page', async () => {
    const state = listing(150);
    expect(await byPageNumber()).toHaveLength(150);
    expect(state.requests).toHaveLength(1);
  });

  it('follows next links page by page when the total is not known', async () => {
    const state = listing(700, { tokens: true });
    const items = await collectPages(1, async (token: number) => {
      const { data } = await client.request({
        method: 'GET',
        path: '/items',
        query: { token },
        schema: pageSchema,
        operation: 'list',
      });
      return { items: data.items, next: data.next };
    });
    expect(items).toHaveLength(700);
    expect(state.requests).toHaveLength(4);
    expect(state.maxInFlight).toBe(1);
  });

  it('follows the last page’s next when the listing grew while it was read', async () => {
    const pages = new Map<number, { items: number[]; next: number | undefined }>([
      [1, { items: [1], next: 2 }],
      [2, { items: [2], next: 3 }],
      [3, { items: [3], next: 4 }],
      [4, { items: [4], next: undefined }],
    ]);
    const items = await collectPages(1, async (page: number) => ({
      ...(pages.get(page) as { items: number[]; next: number | undefined }),
      rest: page === 1 ? [2, 3] : undefined,
    }));
    expect(items).toEqual([1, 2, 3, 4]);
  });

  it('refuses a listing longer than maxPages before reading the rest', async () => {
    const asked: number[] = [];
    const error = await collectPages(
      1,
      async (page: number) => {
        asked.push(page);
        return { items: [], next: 2, rest: [2, 3, 4] };
      },
      { maxPages: 3 },
    ).catch((caught) => caught);
    expect(error.message).toContain('3 pages');
    expect(asked).toEqual([1]);
  });
});
