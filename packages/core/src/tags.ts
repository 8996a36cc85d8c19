import { sha256 } from './sha256.js';

/**
 * The tags this project writes on everything it creates. The cloud's tags are the database:
 * there is no local state, so these are how a host is found again (by name, owner, expiry).
 *
 * The keys fit the strictest tag rules among the supported clouds (GCE labels: lowercase
 * letters, digits, `-` and `_`, at most 63 characters), and so do the values: the identity is a
 * fixed 26-character digest (docs/decisions/2026-12-01-host-identity.md), so even
 * `provision-host:<identity>` on a flat-tag cloud is 41 characters, under Linode's 50. Clouds with
 * plain string tags store these through a flat-tag codec (see `@provision/provider-utils`);
 * `validateHostSpec` checks every one of them against the plugin's `limits.tags.storage`.
 */
export const MANAGED_TAG_KEYS = {
  /** Marks a resource as created by provision. Value: `MANAGED_BY_VALUE`. */
  managedBy: 'provision-managed-by',
  /** The host name. */
  name: 'provision-name',
  /** The owner namespace. */
  owner: 'provision-owner',
  /** Expiry, in whole seconds since the epoch (digits only, so it fits every tag syntax). */
  expires: 'provision-expires',
  /** `hostIdentity(owner, name)`: one short value that identifies a host, for clouds that filter by a single tag. */
  identity: 'provision-host',
} as const;

/** Value of the managed-by tag. */
export const MANAGED_BY_VALUE = 'provision';

/** Owner used when a spec gives none. */
export const DEFAULT_OWNER = 'default';

/** Prefix reserved for this project's own tag keys; user tags may not use it. */
export const RESERVED_TAG_PREFIX = 'provision';

/** What the managed tags say about a resource. */
export interface ManagedTagInfo {
  readonly name: string;
  readonly owner: string;
  readonly expiresAt?: Date;
}

/** Length of `hostIdentity()`: 26 base32 characters, 130 bits of SHA-256. */
export const HOST_IDENTITY_LENGTH = 26;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The identity tag value of the host `(owner, name)`: the first 130 bits of
 * SHA-256(`<owner>/<name>`) in lowercase base32 (`a-z`, `2-7`), always 26 characters, so it fits
 * every cloud's tag and label syntax. It is for finding a host by one exact tag; it cannot be read
 * back, which is why the name and owner have their own tags.
 * See docs/decisions/2026-12-01-host-identity.md.
 */
export function hostIdentity(owner: string, name: string): string {
  const digest = sha256(`${owner}/${name}`);
  let bits = 0;
  let buffered = 0;
  let text = '';
  for (const byte of digest) {
    buffered = (buffered << 8) | byte;
    bits += 8;
    while (bits >= 5 && text.length < HOST_IDENTITY_LENGTH) {
      bits -= 5;
      text += BASE32[(buffered >> bits) & 31];
    }
    buffered &= (1 << bits) - 1;
    if (text.length === HOST_IDENTITY_LENGTH) break;
  }
  return text;
}

/**
 * Builds the full tag map for a new resource: the user's tags plus the managed tags.
 * @param now used to turn `ttlMs` into an absolute expiry; defaults to the current time.
 */
export function encodeManagedTags(
  input: {
    name: string;
    owner?: string | undefined;
    ttlMs?: number | undefined;
    tags?: Readonly<Record<string, string>> | undefined;
  },
  now: Date = new Date(),
): Record<string, string> {
  const owner = input.owner ?? DEFAULT_OWNER;
  const tags: Record<string, string> = { ...input.tags };
  tags[MANAGED_TAG_KEYS.managedBy] = MANAGED_BY_VALUE;
  tags[MANAGED_TAG_KEYS.name] = input.name;
  tags[MANAGED_TAG_KEYS.owner] = owner;
  tags[MANAGED_TAG_KEYS.identity] = hostIdentity(owner, input.name);
  if (input.ttlMs !== undefined) {
    tags[MANAGED_TAG_KEYS.expires] = String(Math.floor((now.getTime() + input.ttlMs) / 1000));
  }
  return tags;
}

/**
 * Reads the managed tags back. Returns `undefined` when the resource is not managed by provision,
 * together with the user's own tags (reserved keys removed).
 */
export function decodeManagedTags(tags: Readonly<Record<string, string>>): {
  managed: ManagedTagInfo | undefined;
  userTags: Record<string, string>;
} {
  const userTags: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (!key.startsWith(RESERVED_TAG_PREFIX)) userTags[key] = value;
  }
  const name = tags[MANAGED_TAG_KEYS.name];
  if (tags[MANAGED_TAG_KEYS.managedBy] !== MANAGED_BY_VALUE || name === undefined) {
    return { managed: undefined, userTags };
  }
  const expires = tags[MANAGED_TAG_KEYS.expires];
  const seconds = expires !== undefined && /^\d+$/.test(expires) ? Number(expires) : undefined;
  return {
    managed: {
      name,
      owner: tags[MANAGED_TAG_KEYS.owner] ?? DEFAULT_OWNER,
      ...(seconds === undefined ? {} : { expiresAt: new Date(seconds * 1000) }),
    },
    userTags,
  };
}

/** True when `expiresAt` is set and not after `now`. */
export function isExpired(info: ManagedTagInfo, now: Date = new Date()): boolean {
  return info.expiresAt !== undefined && info.expiresAt.getTime() <= now.getTime();
}
