import type { Host, HostStatus } from '@provision/core';
import { createHostMapper, type HostTags } from '@provision/provider-utils';
import type { Droplet } from './digitalocean-api.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { digitaloceanManagedTags, FIREWALL_TAG_KEY } from './digitalocean-tags.js';

/**
 * Droplet status -> HostStatus. DigitalOcean's words are `new`, `active`, `off` and `archive`;
 * `active` only counts as active once the public IPv4 is there.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_get
 */
const dropletHosts = createHostMapper({
  provider: 'digitalocean',
  statuses: { new: 'provisioning', active: 'active', off: 'stopped', archive: 'deleting' },
});

/** Droplet status -> HostStatus (`active` needs the public IPv4). */
export function mapDigitalOceanStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  return dropletHosts.status(status, hasPublicIpv4);
}

function publicAddress(list: ReadonlyArray<{ ip_address: string; type: string }> | null | undefined) {
  if (!list) return undefined;
  for (const network of list) if (network.type === 'public') return network.ip_address;
  return undefined;
}

/**
 * A droplet's tags, decoded once: pass the result on rather than decoding again. A droplet whose
 * identity tag does not match its name and owner (retagged by hand) is not a managed host.
 */
export function dropletTags(droplet: Droplet): HostTags {
  return digitaloceanManagedTags.read(droplet.tags);
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

const FIREWALL_TAG_PREFIX = `${FIREWALL_TAG_KEY}:`;

/** Whether the droplet was created with a per-host firewall. */
export function hasFirewallTag(droplet: Droplet): boolean {
  return droplet.tags?.some((tag) => tag.startsWith(FIREWALL_TAG_PREFIX)) ?? false;
}

/**
 * A droplet as a `Host`. `id` is the provision id (droplet id, plus the firewall id when there is
 * one); `firewalled` says whether the firewall exists, by default whether the id names one; `tags`
 * are the droplet's tags when the caller decoded them already.
 */
export function dropletToHost(
  droplet: Droplet,
  id: string,
  firewalled = idHasFirewall(id),
  tags: HostTags = dropletTags(droplet),
): Host {
  const monthly = droplet.size?.price_monthly;
  const hourly = droplet.size?.price_hourly;
  return dropletHosts.toHost({
    id,
    tags,
    fallbackName: droplet.name,
    nativeStatus: droplet.status,
    // An address in a private or reserved range never counts as public, whatever its `type` says.
    publicIpv4: publicAddress(droplet.networks?.v4),
    ipv6: publicAddress(droplet.networks?.v6),
    region: droplet.region?.slug ?? '',
    plan: droplet.size_slug ?? '',
    createdAt: droplet.created_at,
    price:
      typeof monthly === 'number'
        ? {
            monthly,
            ...(typeof hourly === 'number' ? { hourly } : {}),
            currency: 'USD',
            source: 'live',
          }
        : undefined,
    firewalled,
  });
}
