import type { Host, HostStatus } from '@provision/core';
import { createHostMapper, readHostTags } from '@provision/provider-utils';
import type { Server } from './hetzner-api.js';
import { PRIMARY_IPV4_HOURLY, PRIMARY_IPV4_MONTHLY } from './hetzner-catalog.js';
import { hetznerIds } from './hetzner-ids.js';
import { FIREWALL_LABEL } from './hetzner-labels.js';

/**
 * Server status -> HostStatus; `running` only counts as active once the public IPv4 is there, and
 * other states (initializing, migrating, rebuilding, unknown) read as provisioning.
 * https://docs.hetzner.cloud/reference/cloud#servers-get-a-server
 */
const hetznerHosts = createHostMapper({
  provider: 'hetzner',
  statuses: {
    running: 'active',
    starting: 'starting',
    stopping: 'stopping',
    off: 'stopped',
    deleting: 'deleting',
  },
});

/** Server status -> HostStatus. */
export function mapHetznerStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  return hetznerHosts.status(status, hasPublicIpv4);
}

// The API gives the server's /64 (`2001:db8::/64`); the host's own address is `::1` in it.
function publicIpv6(server: Server): string | undefined {
  const network = server.public_net?.ipv6?.ip;
  if (network === undefined) return undefined;
  const [prefix = ''] = network.split('/');
  return prefix.endsWith('::') ? `${prefix}1` : prefix;
}

/** The firewall id a server's host id names: only for servers created with one. */
export function firewallIdOf(server: Server): number | undefined {
  return server.labels?.[FIREWALL_LABEL] === undefined ? undefined : server.public_net?.firewalls?.[0]?.id;
}

/** The host id of a server, as provision() and list() write it. */
export function hostIdOf(server: Server): string {
  const firewallId = firewallIdOf(server);
  return hetznerIds.encode({
    serverId: String(server.id),
    firewallId: firewallId === undefined ? undefined : String(firewallId),
  });
}

/** Whether a server carries provision's managed labels. */
export function isManaged(server: Server): boolean {
  return readHostTags(server.labels ?? {}).managed !== undefined;
}

/** A server as a `Host`; `id` is the provision id (server id, plus the firewall id when there is one). */
export function serverToHost(server: Server, id: string = hostIdOf(server)): Host {
  const region = server.location?.name ?? '';
  const price = server.server_type?.prices?.find((entry) => entry.location === region);
  // The primary IPv4 is billed on its own; the server object does not carry its price.
  const withAddress = (net: string, address: number) => Math.round((Number(net) + address) * 10_000) / 10_000;
  return hetznerHosts.toHost({
    id,
    tags: readHostTags(server.labels ?? {}),
    fallbackName: server.name,
    nativeStatus: server.status,
    publicIpv4: server.public_net?.ipv4?.ip,
    ipv6: publicIpv6(server),
    region,
    plan: server.server_type?.name ?? '',
    createdAt: server.created,
    price:
      price === undefined
        ? undefined
        : {
            monthly: withAddress(price.price_monthly.net, PRIMARY_IPV4_MONTHLY),
            ...(price.price_hourly
              ? { hourly: withAddress(price.price_hourly.net, PRIMARY_IPV4_HOURLY) }
              : {}),
            currency: 'EUR',
            source: 'live',
          },
    firewalled: hetznerIds.match(id)?.firewallId !== undefined,
  });
}
