import { decodeManagedTags, type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Server } from './hetzner-api.js';
import { PRIMARY_IPV4_HOURLY, PRIMARY_IPV4_MONTHLY } from './hetzner-catalog.js';
import { hetznerIds } from './hetzner-ids.js';
import { FIREWALL_LABEL } from './hetzner-labels.js';

/**
 * Server status -> HostStatus. `running` only counts as active once the public IPv4 is there.
 * https://docs.hetzner.cloud/reference/cloud#servers-get-a-server
 */
export function mapHetznerStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  switch (status) {
    case 'running':
      return hasPublicIpv4 ? 'active' : 'provisioning';
    case 'starting':
      return 'starting';
    case 'stopping':
      return 'stopping';
    case 'off':
      return 'stopped';
    case 'deleting':
      return 'deleting';
    default:
      // initializing, migrating, rebuilding, unknown
      return 'provisioning';
  }
}

function publicIpv4(server: Server): string | undefined {
  const address = server.public_net?.ipv4?.ip;
  return address !== undefined && nonPublicRange(address) === undefined ? address : undefined;
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
  return decodeManagedTags(server.labels ?? {}).managed !== undefined;
}

/** A server as a `Host`; `id` is the provision id (server id, plus the firewall id when there is one). */
export function serverToHost(server: Server, id: string = hostIdOf(server)): Host {
  const { managed, userTags } = decodeManagedTags(server.labels ?? {});
  const ipv4 = publicIpv4(server);
  const ipv6 = publicIpv6(server);
  const region = server.location?.name ?? '';
  const price = server.server_type?.prices?.find((entry) => entry.location === region);
  return {
    id,
    provider: 'hetzner',
    name: managed?.name ?? server.name,
    owner: managed?.owner ?? 'default',
    status: mapHetznerStatus(server.status, ipv4 !== undefined),
    nativeStatus: server.status,
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region,
    plan: server.server_type?.name ?? '',
    tags: userTags,
    ...(server.created ? { createdAt: new Date(server.created) } : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(price === undefined
      ? {}
      : {
          price: {
            // The primary IPv4 is billed on its own; the server object does not carry its price.
            monthly: Math.round((Number(price.price_monthly.net) + PRIMARY_IPV4_MONTHLY) * 10_000) / 10_000,
            ...(price.price_hourly
              ? {
                  hourly:
                    Math.round((Number(price.price_hourly.net) + PRIMARY_IPV4_HOURLY) * 10_000) / 10_000,
                }
              : {}),
            currency: 'EUR',
            source: 'live' as const,
          },
        }),
    firewalled: hetznerIds.match(id)?.firewallId !== undefined,
  };
}
