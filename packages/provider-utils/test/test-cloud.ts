import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHttpClient } from '../src/http-client.js';
import type { HttpClient, HttpClientOptions } from '../src/http-client-options.js';
import { createRateLimiter } from '../src/rate-limiter.js';

/** The base URL of the test cloud: only msw answers it. */
export const TEST_CLOUD = 'https://api.cloud.test';

/** An msw server for this test file, refusing any request no handler answers; handlers reset after each test. */
export function useTestServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A client of the test cloud with its own limiter (no pacing shared between files). */
export function testCloudClient(options: Partial<HttpClientOptions> = {}): HttpClient {
  return createHttpClient({
    provider: 'testcloud',
    version: '1',
    baseUrl: TEST_CLOUD,
    credential: () => 'token',
    rateLimiter: createRateLimiter(),
    ...options,
  });
}
