import type { EmulatedCloud, FakeCloud } from '@provision/testkit/fake-cloud';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 0. */
  port?: number;
  /**
   * Only `'127.0.0.1'` (or `'localhost'`, which means the same here) is accepted; any other value
   * throws. The emulator answers anyone who can reach it, so it never listens beyond loopback.
   */
  host?: string;
  /** Milliseconds added before answering each request to a cloud (simulates a real cloud's round trip). Default 0. */
  latencyMs?: number;
  /**
   * Probability (0..1) that a request to a cloud gets one fault of a random kind: `http-500`,
   * `rate-limit` (429 with `Retry-After: 1`), `connection-reset` or `lost-response`. Default 0.
   */
  faultRate?: number;
  /** Seed for the fault dice, for reproducible rehearsals. Default: a new random sequence each run. */
  seed?: number;
  /**
   * Clouds to serve. Default: every installed provider whose package has a `./testing` subpath
   * exporting `emulated` (see `findEmulatedClouds`).
   */
  clouds?: readonly EmulatedCloud[];
  /**
   * Receives one line per request: `<method> <path without query> <status|reset> <ms>ms`.
   * Never headers, query strings or bodies. Default: nowhere.
   */
  log?: (line: string) => void;
}

/** One cloud served by a running emulator. */
export interface EmulatedEndpoint {
  /** The plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** Where its fake answers, e.g. `'http://127.0.0.1:4510/digitalocean'`. */
  readonly baseUrl: string;
  /** Environment variables pointing the plugin at `baseUrl`, with the fake's own credential. */
  readonly env: Readonly<Record<string, string>>;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Its root URL, e.g. `'http://127.0.0.1:4510'`. */
  readonly url: string;
  /** The clouds served, sorted by provider. */
  readonly endpoints: readonly EmulatedEndpoint[];
  /** Every endpoint's env merged: what a child process needs to talk to the emulator. */
  readonly env: Readonly<Record<string, string>>;
  /** The fake behind `/<provider>`, to inspect its request log or `leftovers()` in tests. */
  fake(provider: string): FakeCloud | undefined;
  /** Stops listening, closes idle and active connections; resolves when done. Safe to call twice. */
  close(): Promise<void>;
}
