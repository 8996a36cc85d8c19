import type { HostStatus } from './host-status.js';
import type { Price } from './price.js';

/** A host as the cloud reports it now. */
export interface Host {
  /**
   * Opaque, self-sufficient id: a fresh provisioner with only credentials can `status()`/`delete()` it.
   * Stable: every call that returns this host (`provision()` again, `status()`, `list()`) gives the same id.
   */
  readonly id: string;
  /** The plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** The name given at creation. */
  readonly name: string;
  /** Owner namespace given at creation (`'default'` when none was given). */
  readonly owner: string;
  /** Normalised state. */
  readonly status: HostStatus;
  /** The cloud's own word for the state, e.g. `'new'`, `'running'`. */
  readonly nativeStatus: string;
  /** Public IPv4 address, once assigned. */
  readonly ipv4?: string;
  /** Public IPv6 address, where the cloud gives one. */
  readonly ipv6?: string;
  /** Region or zone id. */
  readonly region: string;
  /** Plan id. */
  readonly plan: string;
  /** User tags (the reserved `provision*` tags are removed). */
  readonly tags: Readonly<Record<string, string>>;
  /** When the cloud created it. */
  readonly createdAt?: Date;
  /** When `provision gc` may delete it (from `ttl`). */
  readonly expiresAt?: Date;
  /** What it costs, where known. */
  readonly price?: Price;
  /** `true` when `inbound` was given and a per-host firewall guards it; `false` when the cloud's default networking applies. */
  readonly firewalled: boolean;
  /** With `status: 'error'`: the cloud's reason. */
  readonly error?: string;
  /**
   * Set by `provision()` when a host of that owner and name already existed and differs from the
   * spec: the fields that differ, each as `field: existing value (asked: spec value)`, e.g.
   * `'plan: s-1vcpu-1gb (asked: s-2vcpu-2gb)'`. Fields: `region`, `plan`, `os`, `inbound`, `tags`.
   * The existing host is returned unchanged; delete it and provision again to apply the spec.
   */
  readonly specMismatch?: readonly string[];
}
