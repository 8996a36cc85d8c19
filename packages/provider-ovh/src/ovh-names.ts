import {
  encodeManagedTags,
  hostIdentity,
  InvalidRequestError,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ResolvedHostSpec,
} from '@provision/core';
import { createFlatTagCodec } from '@provision/provider-utils';

/**
 * OVH Public Cloud instances carry no tags or metadata through the `/cloud` API: the only field
 * we write and read back is the instance `name` (renamable with `PUT .../instance/{id}`). So the
 * name is where provision keeps what other clouds keep in tags:
 *
 *   `<name>.<owner>.<identity>[ <tag>...]`
 *
 * The first word names the host and identifies it: `identity` is `hostIdentity(owner, name)`, so
 * an instance is managed only when its first word checks out (no name typed by hand does by
 * chance). The other words are the user's tags and the expiry, each `key=value` with anything
 * but letters, digits, `.` and `-` escaped (`_XX`), so a space never appears inside one.
 * OpenStack, under OVH's API, keeps names up to 255 characters; longer is refused before any request.
 */
export const MAX_INSTANCE_NAME = 255;

/** User tags and the expiry, as words of the instance name. */
export const nameTags = createFlatTagCodec({ separator: '=', allowed: /[A-Za-z0-9_.=-]/, maxLength: 128 });

const FIRST_WORD = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z2-7]{26})$/;

/** The first word of the name of the host `(owner, name)`: what provision() looks for. */
export function identityWord(owner: string, name: string): string {
  return `${name}.${owner}.${hostIdentity(owner, name)}`;
}

/** Every tag a new instance gets, before encoding (the manifest's `hostTags`). */
export function instanceTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
  now: Date = new Date(),
): Record<string, string> {
  return encodeManagedTags(spec, now);
}

/**
 * The instance name for a new host.
 * @throws InvalidRequestError (before any request) when it would pass 255 characters.
 */
export function instanceName(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
  now?: Date,
): string {
  const tags = instanceTagMap(spec, now);
  const words = Object.entries(tags)
    .filter(([key]) => !key.startsWith('provision') || key === MANAGED_TAG_KEYS.expires)
    .map(([key, value]) => nameTags.encodeOne(key, value));
  const name = [identityWord(spec.owner, spec.name), ...words].join(' ');
  if (name.length > MAX_INSTANCE_NAME)
    throw new InvalidRequestError(
      `The host's name, owner and tags make an instance name of ${name.length} characters; OVHcloud keeps at most ${MAX_INSTANCE_NAME}.`,
      { provider: 'ovh', operation: 'provision', field: 'tags', hint: 'Give fewer or shorter tags.' },
    );
  return name;
}

/** What an instance name says: the managed tags (as core reads them), or undefined for an instance provision did not make. */
export function readInstanceName(text: string): Record<string, string> | undefined {
  // Words are split by spaces, empty ones (two spaces in a row) left out. A listing reads every
  // instance's name: no array is made of the words before the first one checks out.
  const words = text.split(' ');
  let at = 0;
  while (at < words.length && words[at] === '') at += 1;
  const match = FIRST_WORD.exec(words[at] ?? '');
  if (match === null) return undefined;
  const name = match[1] as string;
  const owner = match[2] as string;
  const identity = match[3] as string;
  if (identity !== hostIdentity(owner, name)) return undefined;
  const rest: string[] = [];
  for (let index = at + 1; index < words.length; index += 1) {
    const word = words[index] as string;
    if (word !== '') rest.push(word);
  }
  // The decoded words are a fresh object: the managed tags go on it, over any word of the same key.
  const tags = nameTags.decode(rest);
  tags[MANAGED_TAG_KEYS.managedBy] = MANAGED_BY_VALUE;
  tags[MANAGED_TAG_KEYS.name] = name;
  tags[MANAGED_TAG_KEYS.owner] = owner;
  tags[MANAGED_TAG_KEYS.identity] = identity;
  return tags;
}
