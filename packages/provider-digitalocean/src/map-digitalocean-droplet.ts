import type { Host } from '@provision/core';
import { createMachineHosts } from '@provision/provider-utils';
import type { Droplet } from './digitalocean-api.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { digitaloceanManagedTags, FIREWALL_TAG_KEY } from './digitalocean-tags.js';

function publicAddress(list: ReadonlyArray<{ ip_address: string; type: string }> | null | undefined) {
  if (!list) return undefined;
  for (const network of list) if (network.type === 'public') return network.ip_address;
  return undefined;
}

/**
 * Droplets as hosts. DigitalOcean's status words are `new`, `active`, `off` and `archive`;
 * `active` only counts as active once the public IPv4 is there (an address in a private or
 * reserved range never counts as public, whatever its `type` says). A droplet whose identity tag
 * does not match its name and owner (retagged by hand) is not a managed host. The host id is the
 * droplet id: the droplet does not say which firewall guards it (see `behindFirewall`).
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_get
 */
export const dropletHosts = createMachineHosts<Droplet>({
  provider: 'digitalocean',
  statuses: { new: 'provisioning', active: 'active', off: 'stopped', archive: 'deleting' },
  readTags: (droplet) => digitaloceanManagedTags.read(droplet.tags),
  partsOf(droplet) {
    const monthly = droplet.size?.price_monthly;
    const hourly = droplet.size?.price_hourly;
    return {
      id: String(droplet.id),
      fallbackName: droplet.name,
      nativeStatus: droplet.status,
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
      firewalled: false,
    };
  },
});

/** A droplet's host (`dropletHosts`) behind its per-host firewall: the id names the firewall too. */
export function behindFirewall(host: Host, firewallId: string): Host {
  return { ...host, id: digitaloceanIds.encode({ dropletId: host.id, firewallId }), firewalled: true };
}

const FIREWALL_TAG_PREFIX = `${FIREWALL_TAG_KEY}:`;

/** Whether the droplet was created with a per-host firewall. */
export function hasFirewallTag(droplet: Droplet): boolean {
  return droplet.tags?.some((tag) => tag.startsWith(FIREWALL_TAG_PREFIX)) ?? false;
}
