import type { Host } from '@provision/core';
import { createHostMapper, type HostTags } from '@provision/provider-utils';
import type { Server } from './scaleway-api.js';
import { scalewayCatalog } from './scaleway-catalog.js';
import { scalewayIds } from './scaleway-ids.js';
import { bootPending, GROUP_TAG, readServerTags } from './scaleway-tags.js';

/**
 * Server state -> HostStatus (`running` is active only with its public IPv4); `locked` (held by
 * Scaleway, e.g. for abuse) reads as error. A stopped server still marked boot-pending never
 * booted: provision() was cut short before its power-on, so it is `provisioning`.
 * https://www.scaleway.com/en/developers/api/instance/#path-instances-get-an-instance (state)
 */
const scalewayHosts = createHostMapper({
  provider: 'scaleway',
  statuses: {
    running: 'active',
    starting: 'starting',
    stopping: 'stopping',
    stopped: 'stopped',
    'stopped in place': 'stopped',
    locked: 'error',
  },
});

/** Why a stopped server is `error`: its `state_detail` says a boot failed. */
export function failureOf(server: Server): string | undefined {
  if (server.state === 'locked') return 'Scaleway locked the Instance; see the console for the reason.';
  const detail = server.stateDetail ?? '';
  if (server.state !== 'stopped' || detail === '' || /^stopped|^provisioning/.test(detail)) return undefined;
  return `Scaleway could not boot the Instance: ${detail}`;
}

function publicAddress(server: Server, family: 'inet' | 'inet6'): string | undefined {
  const addresses = [...(server.publicIps ?? []), ...(server.publicIp ? [server.publicIp] : [])];
  return addresses.find((ip) => (ip.family ?? 'inet') === family && ip.address)?.address || undefined;
}

/** The group of its own a server was made inside (it carries `provision-group=own`): its host id names it. */
export function ownGroupOf(server: Server): string | undefined {
  return server.tags?.includes(GROUP_TAG) ? server.securityGroup?.id : undefined;
}

/** The host id of a server, as provision() and list() write it. */
export function hostIdOf(server: Server, zone: string): string {
  return scalewayIds.encode({ zone: server.zone ?? zone, serverId: server.id, groupId: ownGroupOf(server) });
}

/** Whether a server carries provision's managed tags. */
export function isManaged(server: Server): boolean {
  return readServerTags(server.tags).managed !== undefined;
}

/**
 * A server as a `Host`; `tags` is `readServerTags(server.tags)`, passed in when the caller has
 * already read them (list() filters on them first), so they are decoded once.
 */
export function serverToHost(
  server: Server,
  zone: string,
  id: string = hostIdOf(server, zone),
  tags: HostTags = readServerTags(server.tags),
): Host {
  const error = failureOf(server);
  // Marked and not failed: provision() has not powered it on yet, or its first boot is under way.
  const firstBoot = error === undefined && bootPending(server.tags);
  const plan = server.commercialType ?? '';
  // Servers carry no price; the catalog's (IPv4 included) stands in (plans() has the live one).
  const price = scalewayCatalog.plans.find((entry) => entry.id === plan)?.price;
  const host = scalewayHosts.toHost({
    id,
    tags,
    fallbackName: server.name ?? server.id,
    nativeStatus: server.state,
    publicIpv4: publicAddress(server, 'inet'),
    ipv6: publicAddress(server, 'inet6'),
    region: server.zone ?? zone,
    plan,
    createdAt: server.creationDate,
    price,
    firewalled: scalewayIds.match(id)?.groupId !== undefined,
    error,
  });
  return firstBoot && (server.state === 'stopped' || server.state === 'starting')
    ? { ...host, status: 'provisioning' }
    : host;
}
