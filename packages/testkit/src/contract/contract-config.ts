import type { HostSpec, PluginManifest } from '@provision/core';
import type { FakeCloud } from '../fake-cloud/index.js';
import type { ContractFake, ContractFakeOptions } from './contract-fake.js';

/** Settings (and environment) the plugin must refuse before sending anything. */
export interface BadCredentialCase<Settings, Cloud extends FakeCloud = FakeCloud> {
  /** Shown in the check's name, e.g. `'token missing'`. */
  readonly name: string;
  readonly settings: (cloud: Cloud) => Settings;
  /** Environment for this case instead of `ContractConfig.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Limits on how long the suite drives a host before it calls the plugin stuck. */
export interface ContractTimeouts {
  /** `status()` calls before a host must reach the state waited for. Default 40. */
  readonly maxPolls?: number;
  /** `delete()` calls before deletion must be done. Default 20. */
  readonly maxDeleteCalls?: number;
}

/**
 * How to run the contract suite against one plugin and its fake cloud. Every settings function
 * gets the check's own fresh fake cloud (the one `createFake` made), so endpoints can point at it.
 *
 * ```ts
 * describeProvisionerContract({
 *   plugin: hetznerPlugin,
 *   createFake: (options) => new HetznerContractFake(options),
 *   settings: (cloud) => ({ token: cloud.token, endpoint: cloud.baseUrl }),
 *   wrongCredentialSettings: (cloud) => ({ token: WRONG, endpoint: cloud.baseUrl }),
 *   badCredentials: [{ name: 'missing', settings: (cloud) => ({ endpoint: cloud.baseUrl }) }],
 * });
 * ```
 */
export interface ContractConfig<Settings, Cloud extends FakeCloud = FakeCloud> {
  /** The plugin under test. */
  readonly plugin: PluginManifest<Settings>;
  /** A fresh, empty fake of the plugin's cloud behind its contract adapter. `readsUntilActive` at least 2. */
  readonly createFake: (options?: ContractFakeOptions) => ContractFake<Cloud>;
  /**
   * Valid settings reaching `cloud`. The suite may replace `retry` and `fetch` (every plugin
   * spreads core's `commonSettings`).
   */
  readonly settings: (cloud: Cloud) => Settings;
  /** Well-formed settings whose credential the fake rejects (401). */
  readonly wrongCredentialSettings: (cloud: Cloud) => Settings;
  /** Missing or malformed credentials: each must fail before any request. */
  readonly badCredentials: readonly BadCredentialCase<Settings, Cloud>[];
  /** Host ids the plugin must reject before any request (wrong shape for this cloud). */
  readonly malformedIds?: readonly string[];
  /** Merged into every spec the suite sends (e.g. a region the fake serves); `name` is the suite's. */
  readonly spec?: Partial<HostSpec>;
  /** Environment the provisioners read (never the real `process.env`). Default `{}`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeouts?: ContractTimeouts;
  /**
   * Only for clouds whose API records no reason for a creation it accepted and then failed: why,
   * in a sentence the provider's docs page repeats. The host must still reach `error` with an
   * explanation. Omitted (the rule): `host.error` must carry the cloud's reason.
   */
  readonly failureReasonAbsent?: string;
  /**
   * Only for clouds that accept a creation in a sold-out region and fail it afterwards (Nova: the
   * server goes ERROR with "No valid host was found"): why, in a sentence the provider's docs page
   * repeats. The sold-out check then wants `provision()` to resolve, `status()` to reach `error`
   * whose `error` says the cloud had no capacity (the word "capacity", in plain words), and
   * `delete()` to leave nothing. Omitted (the rule): `provision()` throws `CapacityError` and
   * leaves nothing.
   */
  readonly soldOutReportedAsynchronously?: string;
  /**
   * Only for clouds whose secondary resources carry no creation time the plugin can read or write
   * (Civo's firewalls: no time, no tags, a name that must stay deterministic): why, in a sentence
   * the provider's docs page repeats. The orphans check then runs without its young-resource part,
   * which shows as skipped with this reason. Omitted (the rule): a plugin declaring `orphans` gives
   * its contract fake `ageSecondaryResources`, and the check wants a vanished host's resources left
   * alone while young and listed once `ORPHAN_MIN_AGE_MS` old.
   */
  readonly orphanAgeUnknown?: string;
  /**
   * Checks known to fail for a reason being fixed elsewhere, by check name (`'<group> / <name>'`
   * or the bare name), with that reason. Each shows as skipped with its reason, so the run says
   * what is owed; remove an entry once its fix lands. A name no check has fails the suite.
   */
  readonly knownFailures?: Readonly<Record<string, string>>;
}
