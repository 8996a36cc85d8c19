import { hostIdentity, type ResolvedHostSpec } from '@provision/core';
import { createFlatTagCodec, createManagedFlatTags, createManagedNames } from '@provision/provider-utils';

// Droplet tags are plain strings: letters, digits, ":", "-" and "_", at most 255 characters.
// https://docs.digitalocean.com/reference/api/digitalocean/#tag/Tags
export const digitaloceanTags = createFlatTagCodec({
  separator: ':',
  allowed: /[A-Za-z0-9_:-]/,
  maxLength: 255,
});

/** The managed tags of droplets (the shared flat-tag policy): managed, owner and identity tags. */
export const digitaloceanManagedTags = createManagedFlatTags(digitaloceanTags);

/**
 * Marks a droplet made with a per-host firewall, so lookups know to fetch its id. Its value is the
 * host's identity (`provision-firewall:<identity>`), and that tag is what the host's firewall
 * targets: only the droplets of the host made with `inbound` carry it, so a firewall left over by
 * an earlier host of the same name never guards a later one made without `inbound`. Droplets made
 * by earlier versions carry `provision-firewall:yes`, and their firewalls target the identity tag.
 */
export const FIREWALL_TAG_KEY = 'provision-firewall';

/** The tag every managed droplet carries. */
export const MANAGED_TAG = digitaloceanManagedTags.managedTag;

/**
 * The one tag that identifies the host `(owner, name)`: what provision() looks up (and what the
 * host's firewall targeted in earlier versions). 41 characters.
 */
export const identityTag = digitaloceanManagedTags.identityTag;

/**
 * The tag the droplets of `(owner, name)` made with `inbound` carry, and their firewall targets,
 * so it guards each from its creation: `provision-firewall:<identity>`, 45 characters.
 */
export function firewallTag(owner: string, name: string): string {
  return digitaloceanTags.encodeOne(FIREWALL_TAG_KEY, hostIdentity(owner, name));
}

/** The tag of every host of one owner. */
export const ownerTag = digitaloceanManagedTags.ownerTag;

/**
 * Every tag a new droplet gets, before encoding: the manifest's `hostTags`, so validation checks
 * exactly what provision() writes.
 */
export function dropletTagMap(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
): Record<string, string> {
  const tags = digitaloceanManagedTags.tagMap(spec, now);
  if (spec.inbound !== undefined) tags[FIREWALL_TAG_KEY] = hostIdentity(spec.owner, spec.name);
  return tags;
}

/**
 * The names of per-host firewalls: `provision.<owner>.<name>`, unique per host; and the name a
 * host's firewall is given when `delete({ ip })` begins destroying its droplet, so that later
 * calls with only the address can still find it once the droplet (and with it the address) is
 * gone: `provision.<owner>.<name>.released.<droplet id>.<IPv4>` (the droplet id keeps it unique
 * when an address comes back to another host). Letters, digits, "." and "-" only, as DigitalOcean
 * requires; the API sets no length limit, 255 is kept as the tags' limit.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_create
 */
export const firewallNames = createManagedNames({
  provider: 'digitalocean',
  template: 'provision.{owner}.{name}[.released.{dropletId}.{ip}]',
  parts: { owner: /[a-z0-9-]+/, name: /[a-z0-9-]+/, dropletId: /\d+/, ip: /\d{1,3}(?:\.\d{1,3}){3}/ },
  partLengths: { owner: 32, name: 63, dropletId: 20, ip: 15 },
  maxLength: 255,
});

/** The firewall's name: unique per host. */
export function firewallName(owner: string, name: string): string {
  return firewallNames.encode({ owner, name });
}

/** The name of a host's firewall once `delete({ ip })` has begun destroying its droplet. */
export function releasedFirewallName(owner: string, name: string, dropletId: number, ip: string): string {
  return firewallNames.encode({ owner, name, dropletId: String(dropletId), ip });
}

/** What a per-host firewall's name says: the host, and for a released one its droplet and address. */
export interface FirewallNameParts {
  readonly owner: string;
  readonly name: string;
  readonly released?: { readonly dropletId: number; readonly ip: string };
}

/** Reads a name made by `firewallName` or `releasedFirewallName`; `undefined` for any other name. */
export function parseFirewallName(firewallName: string | undefined): FirewallNameParts | undefined {
  const parts = firewallNames.parse(firewallName);
  if (parts === undefined) return undefined;
  const { owner, name, dropletId, ip } = parts;
  return dropletId === undefined || ip === undefined
    ? { owner, name }
    : { owner, name, released: { dropletId: Number(dropletId), ip } };
}
