import {
  DEFAULT_OWNER,
  decodeManagedTags,
  encodeManagedTags,
  hostIdentity,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ManagedTagInfo,
  type ResolvedHostSpec,
} from '@provision/core';
import { createFlatTagCodec } from '@provision/provider-utils';

// Device tags are plain strings (`tags: [string]` on create and in the answer); the listing
// filters on one (`?tag=`). The description sets no syntax or length: the codec keeps letters,
// digits, ":", ".", "=", "-" and "_" and 255 characters, escaping anything else.
export const metalTags = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.=-]/, maxLength: 255 });

/** The tag every managed device carries. */
export const MANAGED_TAG = metalTags.encodeOne(MANAGED_TAG_KEYS.managedBy, MANAGED_BY_VALUE);

/** The one tag that identifies the host `(owner, name)`: what provision() looks up. */
export function identityTag(owner: string, name: string): string {
  return metalTags.encodeOne(MANAGED_TAG_KEYS.identity, hostIdentity(owner, name));
}

/** Every tag a new device gets, before encoding (the manifest's `hostTags`). */
export function deviceTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
  now: Date = new Date(),
): Record<string, string> {
  return encodeManagedTags(spec, now);
}

/** What a managed device's tags say: the host and its user tags. */
export function readMetalTags(tags: readonly string[]): {
  managed: ManagedTagInfo | undefined;
  userTags: Record<string, string>;
} {
  const decoded = metalTags.decode(tags);
  const owner = decoded[MANAGED_TAG_KEYS.owner] ?? DEFAULT_OWNER;
  const name = decoded[MANAGED_TAG_KEYS.name];
  const { managed, userTags } = decodeManagedTags(decoded);
  // A device whose identity tag does not match its name and owner was retagged: not ours.
  const matches = name !== undefined && decoded[MANAGED_TAG_KEYS.identity] === hostIdentity(owner, name);
  return { managed: matches ? managed : undefined, userTags };
}
