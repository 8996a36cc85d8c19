import { type HttpHandler, HttpResponse, http } from 'msw';
import type { FakeCloud } from './fake-cloud.js';
import { NETWORK_ERROR } from './network-error.js';

/**
 * msw handlers that route every request to `fake`'s origin through `fake.handle()`. A dropped
 * connection becomes `HttpResponse.error()`, so `fetch` rejects as it would on a reset.
 */
export function toMswHandlers(fake: FakeCloud): HttpHandler[] {
  const origin = new URL(fake.baseUrl).origin;
  return [
    http.all(
      ({ request }) => new URL(request.url).origin === origin,
      async ({ request }) => {
        const result = await fake.handle(request);
        return result === NETWORK_ERROR ? HttpResponse.error() : result;
      },
    ),
  ];
}
