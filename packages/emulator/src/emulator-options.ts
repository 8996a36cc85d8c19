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
  /**
   * Quotas per cloud, by provider then limit name, e.g. `{ digitalocean: { droplets: 25 } }`. Each
   * cloud declares its limits and their defaults (`EmulatedCloud.limits`, listed at `GET /`); an
   * unknown provider or limit name throws. Default: every cloud's own defaults.
   */
  limits?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Serves clouds on ports of their own as well, at the root path, for SDKs that take an API host
   * rather than a URL with a path (Google's `apiEndpoint`). `true`: every cloud (and each of its
   * further bases) on a free port. A record: the named ones, by `<provider>` or `<provider>.<base>`,
   * on the given ports (0: a free one). That address becomes the cloud's `baseUrl`. Default: none;
   * every cloud is still reachable under `/<provider>` and as `<provider>.localhost` on the main port.
   */
  cloudPorts?: boolean | Readonly<Record<string, number>>;
  /**
   * Serves HTTPS instead of HTTP, with a certificate from a certificate authority made for this run.
   * Its certificate is written to a file (`RunningEmulator.caFile`) and named in `env` as
   * `NODE_EXTRA_CA_CERTS` and `AWS_CA_BUNDLE`, so child processes trust it. Default: plain HTTP.
   */
  tls?: boolean | EmulatorTlsOptions;
}

/** Options of the emulator's HTTPS. */
export interface EmulatorTlsOptions {
  /** Where to write the CA certificate (PEM). Default: a new temporary directory, removed by `close()`. */
  caFile?: string;
  /**
   * Also trust the CA in this process (Node's default CA list, which `fetch`, `https` and the SDKs
   * use), until `close()`. Default false: only child processes given `env` trust it.
   */
  trustInProcess?: boolean;
}

/** One cloud served by a running emulator. */
export interface EmulatedEndpoint {
  /** The plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** Where its fake answers, e.g. `'http://127.0.0.1:4510/digitalocean'` (or its own port's root). */
  readonly baseUrl: string;
  /** Its further base URLs by name (`EmulatedCloud.bases`), e.g. a token endpoint. */
  readonly bases: Readonly<Record<string, string>>;
  /** The same cloud by Host name on the main port, e.g. `'http://digitalocean.localhost:4510'`. */
  readonly hostUrl: string;
  /** The value of each of its limits. */
  readonly limits: Readonly<Record<string, number>>;
  /** Environment variables pointing the plugin at `baseUrl`, with the fake's own credential. */
  readonly env: Readonly<Record<string, string>>;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Its root URL, e.g. `'http://127.0.0.1:4510'`. */
  readonly url: string;
  /** The clouds served, sorted by provider. */
  readonly endpoints: readonly EmulatedEndpoint[];
  /**
   * Every endpoint's env merged, plus `NODE_EXTRA_CA_CERTS` and `AWS_CA_BUNDLE` under TLS: what a
   * child process needs to talk to the emulator.
   */
  readonly env: Readonly<Record<string, string>>;
  /** Under TLS, the file holding the CA certificate clients must trust. */
  readonly caFile: string | undefined;
  /** The fake behind `/<provider>`, to inspect its request log or `leftovers()` in tests. */
  fake(provider: string): FakeCloud | undefined;
  /** Stops listening, closes idle and active connections; resolves when done. Safe to call twice. */
  close(): Promise<void>;
}
