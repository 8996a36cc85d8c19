import { hostIdentity, MANAGED_BY_VALUE, MANAGED_TAG_KEYS, type ResolvedHostSpec } from '@provision/core';
import {
  createFlatTagCodec,
  createManagedFlatTags,
  createManagedNames,
  type HostTags,
  readHostTags,
} from '@provision/provider-utils';

// Instance tags are plain strings. The API description sets no syntax for them; the codec keeps
// them to letters, digits, ".", ":", "=", "-" and "_" (never the "," the `tags` filter splits
// on) and 128 characters, escaping anything else.
// https://www.scaleway.com/en/developers/api/instance/#path-instances-create-an-instance (tags)
export const scalewayTags = createFlatTagCodec({
  separator: '=',
  allowed: /[A-Za-z0-9_:.=-]/,
  maxLength: 128,
});

/** The managed tags of servers (the shared flat-tag policy): managed, owner and identity tags. */
export const scalewayManagedTags = createManagedFlatTags(scalewayTags);

/** The tag every managed resource carries. */
export const MANAGED_TAG = scalewayManagedTags.managedTag;

/**
 * Marks a server provision() created and has not powered on yet. Creating a Scaleway server
 * does not boot it: the user-data is set, then the server powered on, in two more requests. A
 * server stopped with this tag never booted (an interrupted provision), so status() says
 * `provisioning` and a repeat of provision() completes it; stop() removes it.
 */
export const BOOT_PENDING_KEY = 'provision-boot';
export const BOOT_PENDING_TAG = scalewayTags.encodeOne(BOOT_PENDING_KEY, 'pending');

/** On a server created behind its own security group: its host id then names the group. */
export const GROUP_KEY = 'provision-group';
export const GROUP_TAG = scalewayTags.encodeOne(GROUP_KEY, 'own');

/**
 * On a per-host security group, once `delete({ ip })` has begun deleting its server: the address,
 * so a later call, which finds the address on no server any more, still finds the group.
 */
export function releasedTag(ip: string): string {
  return scalewayTags.encodeOne('provision-released', ip);
}

/** The one tag that identifies the host `(owner, name)`: what provision() looks up. */
export const identityTag = scalewayManagedTags.identityTag;

/** The tag of every resource of one owner. */
export const ownerTag = scalewayManagedTags.ownerTag;

/** Every tag a new server gets, before encoding (the manifest's `hostTags`). */
export function serverTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
): Record<string, string> {
  return {
    ...scalewayManagedTags.tagMap(spec, now),
    [BOOT_PENDING_KEY]: 'pending',
    ...(spec.inbound === undefined ? {} : { [GROUP_KEY]: 'own' }),
  };
}

/**
 * A resource's tags read back in one pass: provision's own and the user's (the boot marker and
 * the group marker are neither).
 */
export function readServerTags(tags: readonly string[] | null | undefined): HostTags {
  const { [BOOT_PENDING_KEY]: _marker, [GROUP_KEY]: _group, ...rest } = scalewayTags.decode(tags ?? []);
  return readHostTags(rest);
}

/** Whether a server still waits for provision()'s user-data and power-on. */
export function bootPending(tags: readonly string[] | null | undefined): boolean {
  return (tags ?? []).includes(BOOT_PENDING_TAG);
}

/**
 * Per-host security group names: `provision-<identity>`. Scaleway does not keep names unique;
 * the group also carries the managed tags and the identity tag, which is what a lookup matches.
 */
export const groupNames = createManagedNames({
  provider: 'scaleway',
  template: 'provision-{identity}',
  parts: { identity: /[a-z2-7]{26}/ },
  partLengths: { identity: 26 },
  maxLength: 63,
});

/** The name and tags of the security group of `(owner, name)`. */
export function groupFor(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>) {
  const identity = hostIdentity(spec.owner, spec.name);
  return {
    name: groupNames.encode({ identity }),
    tags: scalewayTags.encode({
      [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
      [MANAGED_TAG_KEYS.name]: spec.name,
      [MANAGED_TAG_KEYS.owner]: spec.owner,
      [MANAGED_TAG_KEYS.identity]: identity,
    }),
  };
}

/**
 * Root volume names: `provision-<identity>-<owner>`. The create's volume template takes a name
 * but no tags, and a volume a failed delete left detached is billed on: its name is how
 * `orphans()` finds it, and whose it is.
 */
export const volumeNames = createManagedNames({
  provider: 'scaleway',
  template: 'provision-{identity}-{owner}',
  parts: { identity: /[a-z2-7]{26}/, owner: /[a-z0-9-]+/ },
  partLengths: { identity: 26, owner: 32 },
  maxLength: 100,
});

/** The root volume's name of `(owner, name)`. */
export function volumeName(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>): string {
  return volumeNames.encode({ identity: hostIdentity(spec.owner, spec.name), owner: spec.owner });
}
