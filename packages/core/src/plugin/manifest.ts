import type { IdRule } from '../id-rules.js';
import type { CallOptions } from '../spec/v1/call-options.js';
import type { Host } from '../spec/v1/host.js';
import type { Plan } from '../spec/v1/plan.js';
import type { OptionalCapability, ProvisionerV1 } from '../spec/v1/provisioner-v1.js';
import type { Region } from '../spec/v1/region.js';
import type { ResolvedHostSpec } from '../validate-host-spec.js';
import type { CredentialSources } from './credential-sources.js';
import type { Logger } from './logger.js';
import type { Schema } from './settings-schema.js';

/** Which optional operations and features a plugin supports. Each `true` is proven by the contract suite. */
export type PluginCapabilities = { readonly [K in OptionalCapability]?: boolean } & {
  /** `inbound` on a `HostSpec` is honoured (a per-host firewall or security group). */
  readonly inbound: boolean;
  /** `delete({ ip })` works. */
  readonly deleteByIp: boolean;
};

/**
 * How the cloud stores tags, so core can check every tag a plugin will write (user and managed)
 * before any request. Lengths count Unicode code points, as the clouds document them.
 * - `key-value`: native key/value tags or labels (AWS, Azure, GCE, Hetzner, OpenStack metadata).
 * - `flat`: plain strings (DigitalOcean, Linode, Vultr, Scaleway, Civo, Equinix Metal): `encode`
 *   turns a key/value pair into the stored string, e.g. a flat-tag codec's `encodeOne`.
 */
export type TagStorage =
  | {
      readonly kind: 'key-value';
      readonly maxKeyLength: number;
      readonly maxValueLength: number;
      /** Every stored key must match, e.g. GCE's `/^[a-z][a-z0-9_-]*$/`. Default: anything. */
      readonly keyPattern?: RegExp;
      /** Every stored value must match. Default: anything. */
      readonly valuePattern?: RegExp;
      /** Most tags on one resource, managed ones included. Default: no limit. */
      readonly maxCount?: number;
    }
  | {
      readonly kind: 'flat';
      /** The string the cloud stores for one key/value pair. Must not throw. */
      readonly encode: (key: string, value: string) => string;
      readonly maxLength: number;
      /** Shortest tag the cloud accepts (Linode: 3). Default 1. */
      readonly minLength?: number;
      /** Every stored tag must match. Default: anything. */
      readonly pattern?: RegExp;
      /** Most tags on one resource, managed ones included. Default: no limit. */
      readonly maxCount?: number;
    };

/** The cloud's rules, checked before any request. */
export interface PluginLimits {
  /** Host names. Default: RFC 1123 label, lowercase, 1-63 characters. */
  readonly name?: { readonly pattern: RegExp; readonly maxLength: number; readonly description: string };
  /**
   * Syntax of region and plan ids, checked after core's `DEFAULT_ID_RULE` (which every id must
   * pass). Omitted: any id `DEFAULT_ID_RULE` allows. Regions are also checked against the
   * catalog when it lists any. Patterns must not use the `g` or `y` flag.
   */
  readonly ids?: { readonly region?: IdRule; readonly plan?: IdRule };
  /** Largest user-data in bytes (UTF-8), as the cloud counts it before any encoding we do. */
  readonly userDataBytes: number;
  /** Tag rules: for user tags as given, and (`storage`) for every tag as the cloud stores it. */
  readonly tags: {
    /** Most user tags on one host (the managed tags are not counted). */
    readonly maxCount: number;
    readonly keyPattern: RegExp;
    readonly valuePattern: RegExp;
    readonly maxKeyLength: number;
    readonly maxValueLength: number;
    /**
     * How the cloud stores tags. Core encodes the full set `hostTagsOf()` gives and checks each
     * stored tag, so a name, owner or tag too long for the cloud is refused before any request.
     * Default: key/value with the user-tag lengths above (and no patterns).
     */
    readonly storage?: TagStorage;
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
  /** `list()` reading one page of hosts (a list of `n` pages may send `n` times this). Required with `list`. */
  readonly list?: number;
  /** `plans()`. Required with `plans`. */
  readonly plans?: number;
  /** `orphans()` (one scan of every kind of secondary resource). Required with `orphans`. */
  readonly orphans?: number;
  /** `inboundRules()` of a host with a per-host firewall (one page of firewalls where the cloud lists them). Required with `inboundRules`. */
  readonly inboundRules?: number;
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
  /**
   * Regions validation accepts (and the default region is one of them); empty when the cloud's
   * regions are its operator's own names (OpenStack), so that any region id is accepted.
   */
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
  /**
   * Settings schema (token, endpoint...), checked by `createProvisioner`: `settingsSchema({...})`,
   * which loads nothing, or any object with a zod-style `safeParse` (a strict zod object). The
   * manifest is read by every CLI command, so what it imports is paid at each start.
   */
  readonly settings: Schema<Settings>;
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
   * What `hasCredentials` looks at, as data (variables, files), so that a listing can answer from
   * the package's JSON file without importing the plugin; the code is asked only where this says
   * it cannot tell (see `declaredCredentials`). It must give the code's answer wherever it gives
   * one: the testkit's `checkCredentialSources` compares the two. Needs `hasCredentials`.
   */
  readonly credentials?: CredentialSources;
  /**
   * How to give this plugin credentials, in one phrase for messages, e.g.
   * `'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE)'`.
   * Omitted: "one of `env.required`".
   */
  readonly credentialsHelp?: string;
  /** Defaults for omitted spec fields, each documented on the provider's docs page. */
  readonly defaults: { readonly region: string; readonly plan: string; readonly os: string };
  readonly capabilities: PluginCapabilities;
  /**
   * What a user should weigh before choosing this provider, one sentence each: the service's
   * status (a cloud no longer sold to new customers), a capability the cloud lacks and why.
   * `provision providers` shows them. Omitted: none.
   */
  readonly notes?: readonly string[];
  readonly limits: PluginLimits;
  readonly callBudget: CallBudget;
  readonly catalog: Catalog;
  /**
   * Every tag a new host gets, as key/value pairs before the cloud's encoding: user tags, the
   * managed tags and the plugin's own (DigitalOcean adds `provision-firewall`). A cloud that keeps
   * the name elsewhere (Linode: the instance label) may leave tags out. Default:
   * `encodeManagedTags(spec)`. The implementation should write exactly this (see `hostTagsOf`).
   */
  readonly hostTags?: (spec: ResolvedHostSpec, now: Date) => Readonly<Record<string, string>>;
  /** Schema for `HostSpec.options` (`settingsSchema({...})` or a zod object); omitted: no options accepted. */
  readonly hostOptions?: Schema<Record<string, unknown>>;
  /** Imports the implementation (and with it the cloud's SDK). Called on the first real call only. */
  readonly load: () => Promise<PluginImplementation<Settings>>;
}

/** A manifest whatever its settings type (settings are checked by the manifest's own schema). */
// biome-ignore lint/suspicious/noExplicitAny: settings are contravariant in `load`; the schema checks them at run time.
export type AnyPluginManifest = PluginManifest<any>;
