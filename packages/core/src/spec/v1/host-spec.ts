import type { Inbound } from './port-rule.js';

/** What to create. Only `name` is required; the rest take the plugin's documented defaults. */
export interface HostSpec {
  /** Host name, unique per owner. Lowercase letters, digits and `-`, 1-63 characters (plugins may narrow it). */
  readonly name: string;
  /** The cloud's region or zone id. Default: the plugin's `defaults.region`. */
  readonly region?: string;
  /** The cloud's plan (size, instance type) id. Default: the cheapest plan with a public IPv4. */
  readonly plan?: string;
  /** Operating system id, e.g. `'ubuntu-24.04'`. Default: the plugin's current Ubuntu LTS. */
  readonly os?: string;
  /** A cloud-init user-data script (a shell script, or `#cloud-config`). Never logged or echoed. */
  readonly userData?: string;
  /** Extra tags (labels) to set on everything created. Keys starting with `provision` are reserved. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Ports to open. Omitted: the cloud's default networking. */
  readonly inbound?: Inbound;
  /** Namespace for `name` (like a resource-name prefix): the same name under two owners is two hosts. Default `'default'`. */
  readonly owner?: string;
  /** Time to live in milliseconds, stored as an expiry tag that `provision gc` acts on. */
  readonly ttl?: number;
  /** Provider-specific options, validated by the plugin's own schema. */
  readonly options?: Readonly<Record<string, unknown>>;
}
