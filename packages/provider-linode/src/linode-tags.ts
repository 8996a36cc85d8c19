import {
  DEFAULT_OWNER,
  encodeManagedTags,
  hostIdentity,
  MANAGED_TAG_KEYS,
  type ManagedTagInfo,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  createFlatTagCodec,
  createManagedFlatTags,
  createManagedNames,
  readHostTags,
} from '@provision/provider-utils';

// Linode tags are plain strings of 3 to 50 characters.
// https://techdocs.akamai.com/linode-api/reference/post-tag
export const linodeTags = createFlatTagCodec({
  separator: ':',
  allowed: /[A-Za-z0-9_:.=-]/,
  maxLength: 50,
  minLength: 3,
});

/** Holds the id of the host's Cloud Firewall, so list() and delete by IP need no firewall lookup. */
export const FIREWALL_TAG_KEY = 'provision-firewall';

/** Set on a host's firewall by `delete({ ip })` before the Linode goes: later calls find it by the address. */
export const RELEASED_TAG_KEY = 'provision-released';

/**
 * The managed, owner and identity tags (`provision-host:<26 characters>`, 41 characters) the
 * listings filter on. A Linode's name is its label, so its tags are read by `readLinodeTags`.
 */
export const linodeManagedTags = createManagedFlatTags(linodeTags);

/** The tag every managed Linode and firewall carries. */
export const MANAGED_TAG = linodeManagedTags.managedTag;

/** The identity tag of `(owner, name)`. */
export const identityTag = linodeManagedTags.identityTag;

/** The tag `delete({ ip })` puts on the firewall of the host it deletes. */
export function releasedTag(ip: string): string {
  return linodeTags.encodeOne(RELEASED_TAG_KEY, ip);
}

// The widest firewall id the manifest's check counts with: Linode ids are 32-bit integers.
const WIDEST_FIREWALL_ID = '2147483647';

/**
 * Every tag a new Linode gets, before encoding: the managed tags without the name (the label
 * holds it, which keeps every tag within Linode's 50 characters), the user tags, and with
 * `inbound` the firewall's id (`WIDEST_FIREWALL_ID` stands in for it when the manifest checks).
 */
export function linodeTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
  firewallId: string = WIDEST_FIREWALL_ID,
): Record<string, string> {
  const { [MANAGED_TAG_KEYS.name]: _name, ...tags } = encodeManagedTags(spec, now);
  if (spec.inbound !== undefined) tags[FIREWALL_TAG_KEY] = firewallId;
  return tags;
}

/**
 * The label of a host's Linode: `<name>.<owner>`. Labels are unique per account, so the label is
 * the idempotency key of a create; names never hold a ".", so the label reads back unambiguously.
 * https://techdocs.akamai.com/linode-api/reference/post-linode-instance (label)
 */
export function linodeLabel(owner: string, name: string): string {
  return `${name}.${owner}`;
}

/** The longest label Linode accepts. */
export const MAX_LABEL_LENGTH = 64;

/** What a managed Linode's tags and label say: the host, its user tags and its firewall. */
export function readLinodeTags(
  label: string,
  tags: readonly string[],
): { managed: ManagedTagInfo | undefined; userTags: Record<string, string>; firewallId?: string } {
  const decoded = linodeTags.decode(tags);
  const owner = decoded[MANAGED_TAG_KEYS.owner] ?? DEFAULT_OWNER;
  const suffix = `.${owner}`;
  const name = label.endsWith(suffix) ? label.slice(0, -suffix.length) : label;
  const identity = decoded[MANAGED_TAG_KEYS.identity];
  const firewallId = firewallIdIn(decoded);
  // The name is the label's: set on the decoded tags (a fresh object), read in one pass.
  decoded[MANAGED_TAG_KEYS.name] = name;
  const { managed, userTags } = readHostTags(decoded);
  const identityMatches = managed !== undefined && identity === hostIdentity(owner, name);
  return {
    // A Linode whose label does not match its identity tag was renamed: not the host it was.
    managed: identityMatches ? managed : undefined,
    userTags,
    ...(firewallId === undefined ? {} : { firewallId }),
  };
}

function firewallIdIn(decoded: Readonly<Record<string, string>>): string | undefined {
  const firewallId = decoded[FIREWALL_TAG_KEY];
  return firewallId !== undefined && /^\d+$/.test(firewallId) ? firewallId : undefined;
}

/** The id of the firewall a Linode's tags name, without reading the rest (no identity hash). */
export function firewallIdOf(tags: readonly string[] | null | undefined): string | undefined {
  return firewallIdIn(linodeTags.decode(tags ?? []));
}

/**
 * Cloud Firewall labels: 3 to 32 characters, unique per account, so only the identity fits:
 * `prov-<identity>` (31). The owner and name are in the firewall's tags.
 * https://techdocs.akamai.com/linode-api/reference/post-firewalls (label)
 */
export const firewallLabels = createManagedNames({
  provider: 'linode',
  template: 'prov-{identity}',
  parts: { identity: /[a-z2-7]{26}/ },
  partLengths: { identity: 26 },
  maxLength: 32,
});

/** The label of the Cloud Firewall of `(owner, name)`. */
export function firewallLabel(owner: string, name: string): string {
  return firewallLabels.encode({ identity: hostIdentity(owner, name) });
}
