import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeCloud, NETWORK_ERROR } from '@provision/testkit/fake-cloud';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** Set while `withFakes` runs to add latency to every request, or to keep a copy of each one. */
export interface Wire {
  /** Added before the fake answers each request, like a cloud's round trip (ms). */
  latencyMs: number;
  /** When set, a copy of every request is pushed here (to replay them without the client). */
  recorded?: Request[];
}

// Statuses whose answers carry no body (and so need no framing).
const BODILESS = new Set([101, 103, 204, 205, 304]);

/**
 * The fake's answer framed as a cloud's API frames it: chunked, unless it has a length. Without
 * either, msw ends an answer of node:http by closing the connection, and the closed socket's
 * handle, which msw never closes, keeps the request and the whole answer reachable: every answer
 * of a run stays in memory (a 5,000-host fill of a cloud that lists the project on each provision
 * ran out of heap). Framed, the connection stays in the agent's keep-alive pool and is reused, as
 * with a cloud; the body is not copied.
 */
export function selfDelimited(response: Response): Response {
  const { headers } = response;
  if (BODILESS.has(response.status) || headers.has('content-length') || headers.has('transfer-encoding'))
    return response;
  try {
    headers.set('transfer-encoding', 'chunked');
    return response;
  } catch {
    // Immutable headers (a `Response.redirect()`): the same body stream under new ones.
    const framed = new Headers(headers);
    framed.set('transfer-encoding', 'chunked');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: framed,
    });
  }
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
