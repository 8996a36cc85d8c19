import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeCloud, NETWORK_ERROR, selfDelimited } from '@provision/testkit/fake-cloud';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** Set while `withFakes` runs to add latency to every request, or to keep a copy of each one. */
export interface Wire {
  /** Added before the fake answers each request, like a cloud's round trip (ms). */
  latencyMs: number;
  /** When set, a copy of every request is pushed here (to replay them without the client). */
  recorded?: Request[];
}

/** msw handlers routing every request to one of `fake`'s origins through `fake.handle()`. */
function fakeHandlers(fake: FakeCloud): HttpHandler[] {
  const origins = new Set(Object.values(fake.baseUrls).map((url) => new URL(url).origin));
  return [
    http.all(
      ({ request }) => origins.has(new URL(request.url).origin),
      async ({ request }) => {
        const result = await fake.handle(request);
        // A dropped connection: `fetch` and node:http reject as on a reset.
        return result === NETWORK_ERROR ? HttpResponse.error() : selfDelimited(result);
      },
    ),
  ];
}

/**
 * Runs `work` with `fakes` answering through msw; any request no fake answers fails instead of
 * reaching the network. The interception ends when `work` settles, so later sections can use
 * real HTTP to the emulator. With `wire`, every request first passes a handler that copies it
 * and waits the latency, then falls through to the fakes.
 */
export async function withFakes<T>(
  fakes: readonly FakeCloud[],
  work: () => Promise<T>,
  wire?: Wire,
): Promise<T> {
  const front =
    wire === undefined
      ? []
      : [
          http.all('*', async ({ request }) => {
            wire.recorded?.push(request.clone());
            if (wire.latencyMs > 0) await sleep(wire.latencyMs);
            // No response: msw goes on to the next handler, the fake's.
            return undefined;
          }),
        ];
  const server = setupServer(...front, ...fakes.flatMap((fake) => fakeHandlers(fake)));
  server.listen({ onUnhandledFrame: 'error' });
  try {
    return await work();
  } finally {
    server.close();
  }
}
