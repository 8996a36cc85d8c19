import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { createRateLimiter } from './rate-limiter.js';

// A real server on 127.0.0.1 (no msw here): it accepts connections and then misbehaves.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/silent') return; // accepts, never sends a header
    if (request.url === '/stalls') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"droplets": [');
      return; // stops mid-body
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Attempts as the client makes them: under load a timed-out attempt may never reach the server.
let attempts = 0;
const countingFetch: typeof fetch = (input, init) => {
  attempts += 1;
  return fetch(input, init);
};

function client(maxRetries: number, timeoutMs = 50) {
  return createHttpClient({
    provider: 'testcloud',
    version: '1',
    baseUrl: base,
    credential: () => 'token',
    rateLimiter: createRateLimiter(),
    fetch: countingFetch,
    timeoutMs,
    retry: { maxRetries, baseDelayMs: 1 },
    sleep: async () => {},
  });
}

describe('timeouts against a real server that never finishes', () => {
  it('times out a server that accepts the connection and never answers', async () => {
    const error = await client(0)
      .request({ method: 'GET', path: '/silent', operation: 'list' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toContain('50 ms');
  });

  it('times out a server that stops in the middle of the body, and retries a GET', async () => {
    const before = attempts;
    const error = await client(1)
      .request({ method: 'GET', path: '/stalls', operation: 'list' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(attempts - before).toBe(2);
  });

  it('still answers normally on the same server', async () => {
    await expect(
      // A timeout no busy machine reaches: this one must answer.
      client(0, 30_000).request({ method: 'GET', path: '/fine', operation: 'status' }),
    ).resolves.toMatchObject({ status: 200 });
  });
});
