import { http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FakeCloud } from './fake-cloud.js';
import { answerFrom, toMswHandlers } from './msw-adapter.js';

/** A request `FakeServer.hold` keeps from its fake. */
export interface HeldRequest {
  /** Resolves once the request is held, before the fake has seen it. */
  readonly arrived: Promise<void>;
  /** Lets the request through to the fake (at once if it is held already, else when it arrives). */
  release(): void;
}

/** What `setupFakeServer()` returns. */
export interface FakeServer {
  /** Routes requests to these fakes for the current test (replaces the previous ones). */
  use(...fakes: FakeCloud[]): void;
  /**
   * Holds the next request `matches` picks until `release()`, then lets `fake` answer it: a caller
   * stopped between two of its requests while another caller, or a person, changes the cloud.
   * Call it after `use()`, which drops it.
   */
  hold(fake: FakeCloud, matches: (request: Request) => boolean): HeldRequest;
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
    hold(fake, matches) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let arrive = () => {};
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      server.use(
        http.all(
          ({ request }) => matches(request),
          async ({ request }) => {
            arrive();
            await released;
            return answerFrom(fake, request);
          },
          { once: true },
        ),
      );
      return { arrived, release };
    },
  };
}
