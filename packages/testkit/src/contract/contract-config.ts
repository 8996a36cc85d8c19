import type { Host, HostSpec, PluginManifest } from '@provision/core';
import type { FakeCloud } from '../fake-cloud/index.js';

/** What `createFake` may be asked for: the concurrency group wants a rate-limited cloud. */
export interface ContractFakeOptions {
  /** Token bucket in real time; requests beyond it get the cloud's 429 with `Retry-After`. */
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly retryAfterSeconds?: number };
}

/** One inbound rule as the fake cloud holds it, normalised: an inclusive port range for one protocol. */
export interface InboundRuleState {
  readonly from: number;
  readonly to: number;
  readonly protocol: 'tcp' | 'udp';
}

/** Settings (and environment) the plugin must refuse before sending anything. */
export interface BadCredentialCase<Settings, Fake extends FakeCloud = FakeCloud> {
  /** Shown in the check's name, e.g. `'token missing'`. */
  readonly name: string;
  readonly settings: (fake: Fake) => Settings;
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
 * How to run the contract suite against one plugin and its fake cloud.
 * Every settings function gets the check's own fresh fake (the one `createFake` made), so
 * endpoints can point at it.
 */
export interface ContractConfig<Settings, Fake extends FakeCloud = FakeCloud> {
  /** The plugin under test. */
  readonly plugin: PluginManifest<Settings>;
  /** A fresh, empty fake of the plugin's cloud. Its `readsUntilActive` must be at least 2. */
  readonly createFake: (options?: ContractFakeOptions) => Fake;
  /**
   * Valid settings reaching `fake`. The suite may replace `retry` (every plugin spreads core's
   * `commonSettingsShape`): fast retries by default, patient ones in the concurrency group.
   */
  readonly settings: (fake: Fake) => Settings;
  /** The fake's store kind holding hosts (`leftovers()` kind), e.g. `'droplet'`: used to count hosts. */
  readonly hostKind: string;
  /** The fake's operation name for host creation, for lost responses and asynchronous failures. */
  readonly createOperation: string;
  /**
   * What can reach `host` according to the fake's firewall state, or `undefined` when no
   * firewall guards it (the cloud's default networking).
   */
  readonly inboundOf: (fake: Fake, host: Host) => readonly InboundRuleState[] | undefined;
  /** Well-formed settings whose credential the fake rejects (401). */
  readonly wrongCredentialSettings: (fake: Fake) => Settings;
  /** Missing or malformed credentials: each must fail before any request. */
  readonly badCredentials: readonly BadCredentialCase<Settings, Fake>[];
  /** Host ids the plugin must reject before any request (wrong shape for this cloud). */
  readonly malformedIds?: readonly string[];
  /** Merged into every spec the suite sends (e.g. a region the fake serves); `name` is the suite's. */
  readonly spec?: Partial<HostSpec>;
  /** Environment the provisioners read (never the real `process.env`). Default `{}`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeouts?: ContractTimeouts;
  /**
   * Whether the cloud reports why an accepted creation failed. Default true: `host.error` must
   * then carry the reason the fake injected. `false` only for clouds whose API records none; the
   * host must still reach `error` with an explanation.
   */
  readonly failureReasonFromCloud?: boolean;
  /**
   * For plugins declaring `orphans`: removes the host's machine behind the plugin's back (through
   * the fake's API, as someone in the cloud console would), leaving its secondary resources.
   */
  readonly orphanHost?: (fake: Fake, host: Host) => Promise<void> | void;
}
