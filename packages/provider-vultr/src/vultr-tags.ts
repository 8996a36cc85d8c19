import { hostIdentity } from '@provision/core';
import { createFlatTagCodec, createManagedFlatTags, createManagedNames } from '@provision/provider-utils';

// Instance tags are plain strings. Vultr's API description sets no syntax or length for them;
// the codec keeps them to letters, digits, ":", ".", "-" and "_" (never the "," vultr-cli splits
// tag lists on) and 255 characters, escaping anything else.
// https://www.vultr.com/api/#operation/create-instance (tags)
export const vultrTags = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.-]/, maxLength: 255 });

/**
 * The managed, owner and identity tags of instances (the identity tag is 41 characters; the
 * manifest's `hostTags`), and what an instance's tags say.
 */
export const vultrManagedTags = createManagedFlatTags(vultrTags);

/**
 * Descriptions of per-host firewall groups: `provision <identity> <owner>/<name>`, and once
 * `delete({ ip })` has begun destroying the instance, `... released <IPv4>` (so a later call with
 * only the address finds the group when the instance and its address are gone). Vultr does not
 * keep descriptions unique, so the identity (unique per host) is what a lookup by listing
 * matches, and the owner lets `orphans()` filter. The API sets no length; 255 is kept.
 */
export const groupDescriptions = createManagedNames({
  provider: 'vultr',
  template: 'provision {identity} {owner}/{name}[ released {ip}]',
  parts: {
    identity: /[a-z2-7]{26}/,
    owner: /[a-z0-9-]+/,
    name: /[a-z0-9-]+/,
    ip: /\d{1,3}(?:\.\d{1,3}){3}/,
  },
  partLengths: { identity: 26, owner: 32, name: 63, ip: 15 },
  maxLength: 255,
});

/** The description of the firewall group of `(owner, name)`, released for `ip` when given. */
export function groupDescription(owner: string, name: string, ip?: string): string {
  return groupDescriptions.encode({ identity: hostIdentity(owner, name), owner, name, ip });
}
