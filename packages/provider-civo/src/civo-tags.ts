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

// Civo tags are plain strings, sent as one space-separated list (`tags` on create and on the
// listing filter), so a tag can hold no white space. The API sets no length; 255 is kept.
// https://www.civo.com/api/instances (tags)
export const civoTags = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.=-]/, maxLength: 255 });

/** The managed, owner and identity tags of instances (the identity tag is 41 characters). */
export const civoManagedTags = createManagedFlatTags(civoTags);

/** Holds the id of the host's own firewall, so any call reading the instance knows it. */
export const FIREWALL_TAG_KEY = 'provision-firewall';

// Stands in for the firewall's id when the manifest checks tag lengths (Civo ids are UUIDs).
const SOME_FIREWALL_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Every tag a new instance gets, before encoding (the manifest's `hostTags`): the managed tags,
 * the user tags and, with `inbound`, the id of the firewall made for it.
 */
export function instanceTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
  firewallId: string = SOME_FIREWALL_ID,
): Record<string, string> {
  const tags = encodeManagedTags(spec, now);
  if (spec.inbound !== undefined) tags[FIREWALL_TAG_KEY] = firewallId;
  return tags;
}

/** The longest hostname Civo takes (the civo CLI refuses longer ones; one DNS label's worth). */
export const MAX_HOSTNAME_LENGTH = 63;

/**
 * The hostname of a host's instance: `<name>.<owner>`. Civo refuses a second instance with a
 * hostname the account already has, so it is the create's idempotency key; names never hold a
 * ".", so it reads back unambiguously. https://www.civo.com/api/instances (hostname)
 */
export function civoHostname(owner: string, name: string): string {
  return `${name}.${owner}`;
}

/** What a managed instance's tags say: the host, its user tags, its own firewall's id. */
export function readCivoTags(tags: readonly string[]): {
  managed: ManagedTagInfo | undefined;
  userTags: Record<string, string>;
  firewallId?: string;
} {
  const decoded = civoTags.decode(tags);
  const owner = decoded[MANAGED_TAG_KEYS.owner] ?? DEFAULT_OWNER;
  const name = decoded[MANAGED_TAG_KEYS.name];
  const firewallId = firewallIdIn(decoded);
  // One pass over the tags; the firewall's key is reserved (`provision-`), so not a user tag.
  const { managed, userTags } = readHostTags(decoded);
  // An instance whose identity tag does not match its name and owner was retagged: not ours.
  const matches =
    managed !== undefined &&
    name !== undefined &&
    decoded[MANAGED_TAG_KEYS.identity] === hostIdentity(owner, name);
  return {
    managed: matches ? managed : undefined,
    userTags,
    ...(firewallId === undefined ? {} : { firewallId }),
  };
}

function firewallIdIn(decoded: Readonly<Record<string, string>>): string | undefined {
  const firewallId = decoded[FIREWALL_TAG_KEY];
  return firewallId !== undefined && /^[0-9a-f-]{36}$/.test(firewallId) ? firewallId : undefined;
}

/** The id of the firewall an instance's tags name, without reading the rest (no identity hash). */
export function firewallIdOf(tags: readonly string[] | null | undefined): string | undefined {
  return firewallIdIn(civoTags.decode(tags ?? []));
}

/**
 * Firewall names: unique per account, so the name finds a host's firewall from any process:
 * `provision-<identity>-<owner>` (the owner lets `orphans({ owner })` filter). Once `delete({ ip })`
 * has begun destroying the instance, `provision-<identity>-released-<a-b-c-d>-<owner>`, so a later
 * call with only the address finds it when the instance is gone. The API sets no length; 100 is
 * kept. https://www.civo.com/api/firewall (name)
 */
export const firewallNames = createManagedNames({
  provider: 'civo',
  template: 'provision-{identity}[-released-{ip}]-{owner}',
  parts: { identity: /[a-z2-7]{26}/, ip: /\d{1,3}(?:-\d{1,3}){3}/, owner: /[a-z0-9-]+/ },
  partLengths: { identity: 26, ip: 15, owner: 32 },
  maxLength: 100,
});

/** The firewall name of `(owner, name)`, released for `ip` when given. */
export function firewallName(owner: string, name: string, ip?: string): string {
  return firewallNames.encode({
    identity: hostIdentity(owner, name),
    owner,
    ip: ip === undefined ? undefined : ip.replaceAll('.', '-'),
  });
}
