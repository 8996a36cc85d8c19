import { decodeManagedTags, type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Droplet } from './digitalocean-api.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { digitaloceanTags, FIREWALL_TAG_KEY } from './digitalocean-tags.js';

/**
 * Droplet status -> HostStatus. DigitalOcean's words are `new`, `active`, `off` and `archive`.
 * `active` only counts as active once the public IPv4 is there.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_get
 */
export function mapDigitalOceanStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  switch (status) {
    case 'new':
      return 'provisioning';
    case 'active':
      return hasPublicIpv4 ? 'active' : 'provisioning';
    case 'off':
      return 'stopped';
    case 'archive':
      return 'deleting';
    default:
      return 'provisioning';
  }
}

function publicAddress(list: ReadonlyArray<{ ip_address: string; type: string }> | null | undefined) {
  return list?.find((network) => network.type === 'public')?.ip_address;
}

// `active` needs a public IPv4: an address in a private or reserved range never counts, whatever
// its `type` says.
function publicIpv4(droplet: Droplet): string | undefined {
  const address = publicAddress(droplet.networks?.v4);
  return address !== undefined && nonPublicRange(address) === undefined ? address : undefined;
}

// A host id names its firewall once the firewall was created; a droplet only tagged for one may
// have been left without it (an interrupted provision).
function idHasFirewall(id: string): boolean {
  try {
    return digitaloceanIds.decode(id, 'status').firewallId !== undefined;
  } catch {
    return false;
  }
}

/** Whether the droplet was created with a per-host firewall. */
export function hasFirewallTag(droplet: Droplet): boolean {
  return droplet.tags?.some((tag) => tag.startsWith(`${FIREWALL_TAG_KEY}:`)) ?? false;
}

/**
 * A droplet as a `Host`. `id` is the provision id (droplet id, plus the firewall id when there is
 * one); `firewalled` says whether the firewall exists, by default whether the id names one.
 */
export function dropletToHost(droplet: Droplet, id: string, firewalled = idHasFirewall(id)): Host {
  const { managed, userTags } = decodeManagedTags(digitaloceanTags.decode(droplet.tags ?? []));
  const ipv4 = publicIpv4(droplet);
  const ipv6 = publicAddress(droplet.networks?.v6);
  const monthly = droplet.size?.price_monthly;
  const hourly = droplet.size?.price_hourly;
  return {
    id,
    provider: 'digitalocean',
    name: managed?.name ?? droplet.name,
    owner: managed?.owner ?? 'default',
    status: mapDigitalOceanStatus(droplet.status, ipv4 !== undefined),
    nativeStatus: droplet.status,
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region: droplet.region?.slug ?? '',
    plan: droplet.size_slug ?? '',
    tags: userTags,
    ...(droplet.created_at ? { createdAt: new Date(droplet.created_at) } : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(typeof monthly === 'number'
      ? {
          price: {
            monthly,
            ...(typeof hourly === 'number' ? { hourly } : {}),
            currency: 'USD',
            source: 'live' as const,
          },
        }
      : {}),
    firewalled,
  };
}
