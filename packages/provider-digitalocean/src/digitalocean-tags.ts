import { encodeManagedTags, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { createFlatTagCodec } from '@provision/provider-utils';

// Droplet tags are plain strings: letters, digits, ":", "-" and "_", at most 255 characters.
// https://docs.digitalocean.com/reference/api/digitalocean/#tag/Tags
export const digitaloceanTags = createFlatTagCodec({
  separator: ':',
  allowed: /[A-Za-z0-9_:-]/,
  maxLength: 255,
});

/** Marks a droplet that has a per-host firewall, so lookups know to fetch its id. */
export const FIREWALL_TAG_KEY = 'provision-firewall';

/** The tag every managed droplet carries. */
export const MANAGED_TAG = digitaloceanTags.encodeOne(MANAGED_TAG_KEYS.managedBy, MANAGED_BY_VALUE);

/** The one tag that identifies the host `(owner, name)`: what provision() looks up. */
export function identityTag(owner: string, name: string): string {
  return digitaloceanTags.encodeOne(MANAGED_TAG_KEYS.identity, `${owner}_${name}`);
}

/** The tag of every host of one owner. */
export function ownerTag(owner: string): string {
  return digitaloceanTags.encodeOne(MANAGED_TAG_KEYS.owner, owner);
}

/** Every tag a new droplet gets. @throws RangeError when a user tag is too long once encoded. */
export function dropletTags(input: {
  name: string;
  owner: string;
  ttlMs: number | undefined;
  tags: Readonly<Record<string, string>>;
  firewalled: boolean;
}): string[] {
  const tags = encodeManagedTags(input);
  if (input.firewalled) tags[FIREWALL_TAG_KEY] = 'yes';
  return digitaloceanTags.encode(tags);
}

/** The firewall's name: unique per host, and only letters, digits, "." and "-" as DigitalOcean requires. */
export function firewallName(owner: string, name: string): string {
  return `provision.${owner}.${name}`;
}
