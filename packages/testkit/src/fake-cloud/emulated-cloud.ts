import type { FakeCloud } from './fake-cloud.js';

/**
 * What a provider's `./testing` subpath exports as `emulated`, so `@provision/emulator` can
 * serve its fake over real HTTP and tell users how to point the plugin at it.
 */
export interface EmulatedCloud {
  /** The plugin id the fake stands in for, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** A fresh fake answering under `baseUrl` (the emulator's URL plus `/<provider>`). */
  create(options: { readonly baseUrl: string }): FakeCloud;
  /**
   * Environment variables that point the plugin at the fake at `baseUrl` and give it a credential
   * the fake accepts, e.g. `{ DIGITALOCEAN_API_URL: baseUrl, DIGITALOCEAN_TOKEN: '<fake token>' }`.
   * The values are the fake's own, never real credentials.
   */
  env(baseUrl: string): Record<string, string>;
}
