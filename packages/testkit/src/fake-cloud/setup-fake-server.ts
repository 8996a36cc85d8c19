import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FakeCloud } from './fake-cloud.js';
import { toMswHandlers } from './msw-adapter.js';

/** What `setupFakeServer()` returns. */
export interface FakeServer {
  /** Routes requests to these fakes for the current test (replaces the previous ones). */
  use(...fakes: FakeCloud[]): void;
  /** The msw server, for anything else a test needs. */
  server: SetupServer;
}

/**
 * One msw server for a vitest file: listens before all tests with unhandled requests as errors
 * (nothing reaches the real network), drops the fakes' handlers after each test, closes after all.
 * Call it at the top level of a test file.
 */
export function setupFakeServer(): FakeServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    use(...fakes) {
      server.resetHandlers(...fakes.flatMap((fake) => toMswHandlers(fake)));
    },
  };
}
