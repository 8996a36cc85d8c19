import {
  encodeManagedTags,
  hostIdentity,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ResolvedHostSpec,
} from '@provision/core';
import type { FlatTagCodec } from './flat-tag-codec.js';
import { type HostTags, readHostTags } from './host-mapping.js';

/** What a listing filter or a new machine needs of the managed tags, as the cloud's strings. */
export interface ManagedFlatTags {
  /** The codec the tags are written with (its `storage` goes in the manifest's `limits.tags`). */
  readonly codec: FlatTagCodec;
  /** The tag every managed machine carries: what `list()` filters on without an owner. */
  readonly managedTag: string;
  /** The tag of one owner's machines: what `list({ owner })` filters on. */
  ownerTag(owner: string): string;
  /** The one tag that names the host `(owner, name)`: what `provision()` looks up. */
  identityTag(owner: string, name: string): string;
  /** Every tag a new machine gets, before encoding (the manifest's `hostTags`). */
  tagMap(
    spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
    now?: Date,
  ): Record<string, string>;
  /** The same tags encoded, as the create request sends them. */
  encode(spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>, now?: Date): string[];
  /**
   * What a machine's tags say: the host (only when its identity tag matches its name and owner:
   * a machine retagged by hand is not the host it was) and the user's tags, reserved keys removed.
   */
  read(tags: readonly string[] | null | undefined): HostTags;
}

/**
 * The managed tags of a cloud whose tags are plain strings (Equinix Metal, Vultr, Civo,
 * DigitalOcean, Scaleway, Linode's identity and owner), written with the cloud's `FlatTagCodec`.
 * Assumes the name, owner, expiry and identity all live in tags; a cloud that keeps the name
 * elsewhere (Linode's label) reads its tags with `readHostTags` and its own name instead.
 */
export function createManagedFlatTags(codec: FlatTagCodec): ManagedFlatTags {
  const identityTag = (owner: string, name: string) =>
    codec.encodeOne(MANAGED_TAG_KEYS.identity, hostIdentity(owner, name));
  const tagMap = (spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>, now = new Date()) =>
    encodeManagedTags(spec, now);
  return {
    codec,
    managedTag: codec.encodeOne(MANAGED_TAG_KEYS.managedBy, MANAGED_BY_VALUE),
    ownerTag: (owner) => codec.encodeOne(MANAGED_TAG_KEYS.owner, owner),
    identityTag,
    tagMap,
    encode: (spec, now) => codec.encode(tagMap(spec, now)),
    read(tags) {
      const decoded = codec.decode(tags ?? []);
      const read = readHostTags(decoded);
      const { managed } = read;
      if (managed === undefined) return read;
      const identity = decoded[MANAGED_TAG_KEYS.identity];
      return identity === hostIdentity(managed.owner, managed.name) ? read : { ...read, managed: undefined };
    },
  };
}
