import {
  DEFAULT_OWNER,
  type Host,
  type HostStatus,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ManagedTagInfo,
  nonPublicRange,
  type Price,
  RESERVED_TAG_PREFIX,
} from '@provision/core';

/** A resource's tags read once: what the managed tags say, and the user's own. */
export interface HostTags {
  /** Name, owner and expiry from the managed tags; `undefined` when provision does not manage the resource. */
  readonly managed: ManagedTagInfo | undefined;
  /** The user's tags: every key but the reserved `provision*` ones. */
  readonly userTags: Record<string, string>;
}

/** Options of `readHostTags`. */
export interface ReadHostTagsOptions {
  /**
   * The host name where the cloud keeps it in the resource's own name rather than in a tag (a
   * name tag, when there is one, still wins). Without it, a resource with no name tag is not managed.
   */
  readonly resourceName?: string | undefined;
}

const DIGITS = /^\d+$/;

/**
 * Reads decoded tags (a flat-tag cloud's strings through its `FlatTagCodec`, or a label cloud's
 * key/value pairs as they are) in one pass: the managed tags and the user's tags, reserved keys
 * removed. Decode a resource's tags once and pass the result on (to a list filter, then `toHost`).
 */
export function readHostTags(
  tags: Readonly<Record<string, string>>,
  options: ReadHostTagsOptions = {},
): HostTags {
  const userTags: Record<string, string> = {};
  let managedBy: string | undefined;
  let name: string | undefined;
  let owner: string | undefined;
  let expires: string | undefined;
  for (const key in tags) {
    if (!Object.hasOwn(tags, key)) continue;
    const value = tags[key] as string;
    if (!key.startsWith(RESERVED_TAG_PREFIX)) userTags[key] = value;
    else if (key === MANAGED_TAG_KEYS.managedBy) managedBy = value;
    else if (key === MANAGED_TAG_KEYS.name) name = value;
    else if (key === MANAGED_TAG_KEYS.owner) owner = value;
    else if (key === MANAGED_TAG_KEYS.expires) expires = value;
  }
  name ??= options.resourceName;
  if (managedBy !== MANAGED_BY_VALUE || name === undefined) return { managed: undefined, userTags };
  const managed: { name: string; owner: string; expiresAt?: Date } = { name, owner: owner ?? DEFAULT_OWNER };
  if (expires !== undefined && DIGITS.test(expires)) managed.expiresAt = new Date(Number(expires) * 1000);
  return { managed, userTags };
}

/** How one cloud's resources become hosts: its provider id and its table of native states. */
export interface HostMappingOptions {
  /** The plugin id every host carries, e.g. `'hetzner'`. */
  readonly provider: string;
  /**
   * The cloud's own state words -> `HostStatus`. Map the cloud's "running" word to `'active'`:
   * a host only counts as active once it has its public IPv4, until then it is `'provisioning'`.
   */
  readonly statuses: Readonly<Record<string, HostStatus>>;
  /** For a state word the table does not name (a state the cloud added later). Default `'provisioning'`. */
  readonly unknownStatus?: HostStatus;
}

/** The fields of one cloud resource `toHost` needs; the cloud-specific reading stays in the plugin. */
export interface HostFields {
  /** The provision id (opaque, self-sufficient). */
  readonly id: string;
  /** The resource's tags, read once by `readHostTags`. */
  readonly tags: HostTags;
  /** The host name when the resource is not managed (its cloud name or id). */
  readonly fallbackName: string;
  /** The cloud's own state word. */
  readonly nativeStatus: string;
  /** The address the cloud reports as public IPv4; dropped when it lies in a private or reserved range. */
  readonly publicIpv4?: string | undefined;
  /** The public IPv6 address, where the cloud gives one. */
  readonly ipv6?: string | undefined;
  readonly region: string;
  readonly plan: string;
  /** When the cloud created it: a `Date`, or what `new Date()` reads (an ISO string, epoch ms). */
  readonly createdAt?: Date | string | number | null | undefined;
  /** What it costs, where known (live from the cloud, or the plugin's dated catalog). */
  readonly price?: Price | undefined;
  /** Whether a per-host firewall guards it. */
  readonly firewalled: boolean;
  /** The cloud's reason when it failed: the status is then `'error'`. */
  readonly error?: string | undefined;
}

/** Turns one cloud's resources into hosts. */
export interface HostMapper {
  /** The status of a native state word: `active` only with a public IPv4. */
  status(nativeStatus: string, hasPublicIpv4: boolean): HostStatus;
  /** The resource as a `Host`. */
  toHost(fields: HostFields): Host;
}

type Writable<T> = { -readonly [Key in keyof T]: T[Key] };

/**
 * The one mapping from a cloud resource to a `Host`, for every cloud: managed tags to name, owner
 * and expiry, user tags without the reserved ones, the state through the cloud's table (`active`
 * only once the public IPv4 is there), the IPv4 only when it is public (core's `nonPublicRange`),
 * and the price where known. Cheap per host: the table is built once, nothing is parsed again.
 */
export function createHostMapper(options: HostMappingOptions): HostMapper {
  const table = new Map<string, HostStatus>(Object.entries(options.statuses));
  const unknown = options.unknownStatus ?? 'provisioning';
  const status = (nativeStatus: string, hasPublicIpv4: boolean): HostStatus => {
    const mapped = table.get(nativeStatus) ?? unknown;
    return mapped === 'active' && !hasPublicIpv4 ? 'provisioning' : mapped;
  };
  return {
    status,
    toHost(fields) {
      const { managed, userTags } = fields.tags;
      const address = fields.publicIpv4;
      const ipv4 = address && nonPublicRange(address) === undefined ? address : undefined;
      const host: Writable<Host> = {
        id: fields.id,
        provider: options.provider,
        name: managed?.name ?? fields.fallbackName,
        owner: managed?.owner ?? DEFAULT_OWNER,
        status: fields.error === undefined ? status(fields.nativeStatus, ipv4 !== undefined) : 'error',
        nativeStatus: fields.nativeStatus,
        region: fields.region,
        plan: fields.plan,
        tags: userTags,
        firewalled: fields.firewalled,
      };
      if (ipv4 !== undefined) host.ipv4 = ipv4;
      if (fields.ipv6) host.ipv6 = fields.ipv6;
      if (fields.createdAt !== undefined && fields.createdAt !== null && fields.createdAt !== '') {
        // A date the cloud wrote in a form `Date` cannot read is left out, never an Invalid Date.
        const createdAt = new Date(fields.createdAt);
        if (!Number.isNaN(createdAt.getTime())) host.createdAt = createdAt;
      }
      if (managed?.expiresAt !== undefined) host.expiresAt = managed.expiresAt;
      if (fields.price !== undefined) host.price = fields.price;
      if (fields.error !== undefined) host.error = fields.error;
      return host;
    },
  };
}
