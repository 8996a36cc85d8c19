import type { z } from 'zod';
import type { CallOptions } from '../spec/v1/call-options.js';
import type { Host } from '../spec/v1/host.js';
import type { Plan } from '../spec/v1/plan.js';
import type { OptionalCapability, ProvisionerV1 } from '../spec/v1/provisioner-v1.js';
import type { Region } from '../spec/v1/region.js';
import type { ResolvedHostSpec } from '../validate-host-spec.js';
import type { Logger } from './logger.js';

/** Which optional operations and features a plugin supports. Each `true` is proven by the contract suite. */
export type PluginCapabilities = { readonly [K in OptionalCapability]?: boolean } & {
  /** `inbound` on a `HostSpec` is honoured (a per-host firewall or security group). */
  readonly inbound: boolean;
  /** `delete({ ip })` works. */
  readonly deleteByIp: boolean;
};

/** The cloud's rules, checked before any request. */
export interface PluginLimits {
  /** Host names. Default: RFC 1123 label, lowercase, 1-63 characters. */
  readonly name?: { readonly pattern: RegExp; readonly maxLength: number; readonly description: string };
  /** Largest user-data in bytes (UTF-8), as the cloud counts it before any encoding we do. */
  readonly userDataBytes: number;
  /** Tag rules for user tags, after the plugin's own encoding. */
  readonly tags: {
    /** Most user tags on one host (the managed tags are not counted). */
    readonly maxCount: number;
    readonly keyPattern: RegExp;
    readonly valuePattern: RegExp;
    readonly maxKeyLength: number;
    readonly maxValueLength: number;
  };
  /** Most inbound rules in one spec. */
  readonly maxInboundRules: number;
}

/** Requests one call of each operation may send on the clean path (no faults). Asserted by the contract suite. */
export interface CallBudget {
  /** `provision()` without `inbound`. */
  readonly provision: number;
  /** `provision()` with `inbound`. */
  readonly provisionWithInbound: number;
  readonly status: number;
  /** Each `delete()` call (deletion converges over several calls). */
  readonly delete: number;
}

/** Dated, offline data: what defaults resolve against without a request. */
export interface Catalog {
  /** Day the data was checked against the cloud (YYYY-MM-DD). */
  readonly checkedAt: string;
  readonly currency: string;
  /**
   * Regions the plan prices hold for, when the cloud prices regions differently and the catalog
   * holds only some (AWS: us-east-1). Omitted: a plan costs the same wherever it is sold.
   */
  readonly pricedRegions?: readonly string[];
  readonly plans: readonly Plan[];
  readonly regions: readonly Region[];
  /** OS id (`'ubuntu-24.04'`) to the cloud's image id or slug. */
  readonly images: Readonly<Record<string, string>>;
}

/**
 * What a plugin's implementation provides: `ProvisionerV1` minus the parts core fills in,
 * with `provision()` receiving the spec already validated and defaulted.
 */
export type ProvisionerImplementationV1 = Omit<
  ProvisionerV1,
  'specificationVersion' | 'provider' | 'provision'
> & {
  provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host>;
};

/** What `load()` resolves to: the SDK-importing part of a plugin. */
export interface PluginImplementation<Settings> {
  createProvisioner(settings: Settings, context: ProvisionerContext): ProvisionerImplementationV1;
}

/** Given to a plugin's implementation. */
export interface ProvisionerContext {
  /** The plugin's manifest (defaults, limits, catalog). */
  readonly manifest: AnyPluginManifest;
  /** Environment variables to read credentials from (defaults to `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the plugin writes diagnostics. Never given a credential or user-data. */
  readonly logger: Logger;
}

/** A plugin: a small manifest plus a lazily loaded implementation. */
export interface PluginManifest<Settings> {
  /** Provider id, e.g. `'hetzner'`: lowercase letters, digits and `-`. */
  readonly id: string;
  readonly displayName: string;
  readonly specificationVersion: 'v1';
  /** The npm package and version that published it (filled by the package). */
  readonly packageName: string;
  readonly version: string;
  /** GitHub handles, mirrored in CODEOWNERS. */
  readonly maintainers: readonly string[];
  /** Settings schema (token, endpoint...). Should be a strict object. */
  readonly settings: z.ZodType<Settings>;
  /** Names of settings that hold secrets (never printed). */
  readonly secretSettings: readonly string[];
  /** Environment variables read: `required` (one of them must be set), `optional`. */
  readonly env: { readonly required: readonly string[]; readonly optional: readonly string[] };
  /**
   * Whether the plugin's own credential discovery would find credentials in `env` (and the config
   * files it reads), without a request and without loading the implementation. Commands over every
   * provider ask only those that answer `true`. Omitted: one of `env.required` must be set.
   */
  readonly hasCredentials?: (env: Readonly<Record<string, string | undefined>>) => boolean | Promise<boolean>;
  /**
   * How to give this plugin credentials, in one phrase for messages, e.g.
   * `'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE)'`.
   * Omitted: "one of `env.required`".
   */
  readonly credentialsHelp?: string;
  /** Defaults for omitted spec fields, each documented on the provider's docs page. */
  readonly defaults: { readonly region: string; readonly plan: string; readonly os: string };
  readonly capabilities: PluginCapabilities;
  readonly limits: PluginLimits;
  readonly callBudget: CallBudget;
  readonly catalog: Catalog;
  /** Schema for `HostSpec.options`; omitted: no options accepted. */
  readonly hostOptions?: z.ZodType<Record<string, unknown>>;
  /** Imports the implementation (and with it the cloud's SDK). Called on the first real call only. */
  readonly load: () => Promise<PluginImplementation<Settings>>;
}

/** A manifest whatever its settings type (settings are checked by the manifest's own schema). */
// biome-ignore lint/suspicious/noExplicitAny: settings are contravariant in `load`; the schema checks them at run time.
export type AnyPluginManifest = PluginManifest<any>;
