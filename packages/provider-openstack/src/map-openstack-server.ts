import type { Host } from '@provision/core';
import { createHostMapper, readHostTags } from '@provision/provider-utils';
import type { Server } from './openstack-api.js';
import { openstackIds, RESOURCE_KEYS } from './openstack-ids.js';

/**
 * Nova's `status` -> HostStatus; ACTIVE only counts once the public IPv4 is there. A task in
 * progress (`OS-EXT-STS:task_state`) refines it: powering-off is stopping, powering-on starting.
 * https://docs.openstack.org/api-guide/compute/server_concepts.html#server-status
 */
const openstackHosts = createHostMapper({
  provider: 'openstack',
  statuses: {
    BUILD: 'provisioning',
    ACTIVE: 'active',
    SHUTOFF: 'stopped',
    STOPPED: 'stopped',
    PAUSED: 'stopped',
    SUSPENDED: 'stopped',
    SHELVED: 'stopped',
    SHELVED_OFFLOADED: 'stopped',
    REBOOT: 'starting',
    HARD_REBOOT: 'starting',
    DELETED: 'deleting',
    SOFT_DELETED: 'deleting',
    ERROR: 'error',
  },
});

const TASKS: Record<string, string> = {
  'powering-off': 'stopping',
  'powering-on': 'starting',
  deleting: 'deleting',
};

/** The server's public addresses: a floating IP first, else a fixed one on a public network. */
function addressesOf(server: Server): { ipv4?: string; ipv6?: string } {
  const all = Object.values(server.addresses ?? {}).flat();
  const floating = all.find((address) => address['OS-EXT-IPS:type'] === 'floating' && address.version !== 6);
  const fixed4 = all.find(
    (address) => address.version === 4 || (address.version == null && !address.addr.includes(':')),
  );
  const v6 = all.find((address) => address.version === 6 && !/^f[cd]|^fe80/i.test(address.addr));
  return { ipv4: floating?.addr ?? fixed4?.addr, ...(v6 === undefined ? {} : { ipv6: v6.addr }) };
}

// Nova's scheduler faults when no compute host can take the server: it accepted the create and
// reports the lack of capacity only on the server. https://docs.openstack.org/nova/latest/admin/troubleshooting/
const NO_CAPACITY = /no valid host was found|exhausted all hosts available/i;

/** `host.error` of a server in ERROR: Nova's fault, said in plain words when it means no capacity. */
function buildFailure(fault: string | undefined): string {
  if (fault === undefined || fault === '')
    return 'OpenStack could not build the server: Nova gave no reason (no fault recorded).';
  if (NO_CAPACITY.test(fault))
    return `The cloud had no capacity for this server: no compute host could take it (Nova: "${fault}"). Try another flavor or region, or ask the cloud operator.`;
  return `OpenStack could not build the server: ${fault}`;
}

/** The host id of a server made by provision, from its metadata; undefined for one it did not make. */
export function hostIdOf(server: Server, region: string): string | undefined {
  const metadata = server.metadata ?? {};
  const portId = metadata[RESOURCE_KEYS.port];
  if (portId === undefined) return undefined;
  return openstackIds.encode({
    region,
    serverId: server.id,
    portId,
    floatingIpId: metadata[RESOURCE_KEYS.floatingIp],
    securityGroupId: metadata[RESOURCE_KEYS.securityGroup],
  });
}

/** A server as a `Host`. OpenStack has no price API: `price` is left out. */
export function serverToHost(
  server: Server,
  region: string,
  id = hostIdOf(server, region) ?? `${region}/${server.id}`,
): Host {
  const { ipv4, ipv6 } = addressesOf(server);
  const task = server['OS-EXT-STS:task_state'] ?? undefined;
  const nativeStatus = task ? `${server.status}/${task}` : server.status;
  const failed = server.status === 'ERROR';
  const host = openstackHosts.toHost({
    id,
    tags: readHostTags(server.metadata ?? {}),
    fallbackName: server.name,
    nativeStatus: server.status,
    publicIpv4: ipv4,
    ipv6,
    region,
    plan: server.flavor?.original_name ?? server.flavor?.id ?? '',
    createdAt: server.created,
    firewalled: server.metadata?.[RESOURCE_KEYS.securityGroup] !== undefined,
    ...(failed ? { error: buildFailure(server.fault?.message ?? undefined) } : {}),
  });
  const refined = task === undefined || failed ? undefined : TASKS[task];
  return {
    ...host,
    nativeStatus,
    ...(refined === undefined ? {} : { status: refined as Host['status'] }),
  };
}
