import { type HttpHandler, HttpResponse, http } from 'msw';
import type { FakeCloud } from './fake-cloud.js';
import { NETWORK_ERROR } from './network-error.js';
import { selfDelimited } from './self-delimited.js';

/**
 * msw handlers that route every request to any of `fake`'s origins (all its base URLs) through
 * `fake.handle()`. A dropped connection becomes `HttpResponse.error()`, so `fetch` rejects as it
 * would on a reset; every other answer is framed (`selfDelimited`), so a long run keeps no answer
 * in memory.
 */
export function toMswHandlers(fake: FakeCloud): HttpHandler[] {
  const origins = new Set(Object.values(fake.baseUrls).map((url) => new URL(url).origin));
  return [
    http.all(
      ({ request }) => origins.has(new URL(request.url).origin),
      ({ request }) => answerFrom(fake, request),
    ),
  ];
}

/** `fake`'s answer to `request` as an msw handler gives it (a dropped connection as an error). */
export async function answerFrom(fake: FakeCloud, request: Request): Promise<Response> {
  const result = await fake.handle(request);
  return result === NETWORK_ERROR ? HttpResponse.error() : selfDelimited(result);
}
