import type { FakeCloud } from './fake-cloud.js';

/** Where the emulator serves one cloud: its main base URL and any further named ones. */
export interface EmulatedAddresses {
  /** The main base URL, e.g. the emulator's URL plus `/<provider>`, or a port of its own. */
  readonly baseUrl: string;
  /** One URL per name in `EmulatedCloud.bases`. Empty when the cloud declares none. */
  readonly bases?: Readonly<Record<string, string>>;
  /** The value of every limit in `EmulatedCloud.limits`: its default unless the emulator was told otherwise. */
  readonly limits?: Readonly<Record<string, number>>;
}

/** A quota of the cloud the emulator lets users set, e.g. DigitalOcean's Droplet limit. */
export interface EmulatedLimit {
  /** The emulator's value when none is given: generous, so load tests do not hit it by accident. */
  readonly default: number;
  /** What it limits and what a real account gets, e.g. `'Droplets at once; DigitalOcean sets it per account'`. */
  readonly description: string;
}

/**
 * What a provider's `./testing` subpath exports as `emulated`, so `@provision/emulator` can
 * serve its fake over real HTTP and tell users how to point the plugin at it.
 */
export interface EmulatedCloud {
  /** The plugin id the fake stands in for, e.g. `'digitalocean'`. */
  readonly provider: string;
  /**
   * Names of the further base URLs the fake answers under (its `FakeCloudOptions.bases`), e.g.
   * `['login']` for a token endpoint on another origin. The emulator gives each its own address
   * and passes them to `create` and `env`. Default: none.
   */
  readonly bases?: readonly string[];
  /** The quotas users may set (`startEmulator({ limits })`, `provision emulator --limit`), by name. Default: none. */
  readonly limits?: Readonly<Record<string, EmulatedLimit>>;
  /** A fresh fake answering under `baseUrl` (and `bases`, when the cloud declares some). */
  create(options: EmulatedAddresses): FakeCloud;
  /**
   * Environment variables that point the plugin at the fake at `baseUrl` and give it a credential
   * the fake accepts, e.g. `{ DIGITALOCEAN_API_URL: baseUrl, DIGITALOCEAN_TOKEN: '<fake token>' }`.
   * The values are the fake's own, never real credentials.
   */
  env(baseUrl: string, bases?: Readonly<Record<string, string>>): Record<string, string>;
}
