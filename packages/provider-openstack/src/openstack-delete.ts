import type { CallOptions, Operation } from '@provision/core';
import {
  createHostDeletion,
  type HostDeletion,
  type RemovalOutcome,
  readHostTags,
  type SecondaryRef,
} from '@provision/provider-utils';
import { hostIdOf } from './map-openstack-server.js';
import type { Server } from './openstack-api.js';
import { openstackIds, resourceNames } from './openstack-ids.js';
import { NeutronResources } from './openstack-neutron.js';
import { listServers, serverIfAny } from './openstack-servers.js';
import type { OpenStackSession, RegionClients } from './openstack-session.js';

/** The host's own Neutron resources, by id (any may be absent). */
export interface HostResources {
  readonly portId?: string | undefined;
  readonly floatingIpId?: string | undefined;
  readonly securityGroupId?: string | undefined;
}

/** A server and the clients of its region. */
interface Placed {
  readonly server: Server;
  readonly clients: RegionClients;
}

const KINDS = { floatingIp: 'floating IP', port: 'port', securityGroup: 'security group' } as const;

/**
 * The resources in the order they can go: the floating IP, the port, then the group (Neutron
 * refuses a group while a port is in it), each scoped to its region.
 */
function secondariesOf(region: string, resources: HostResources): SecondaryRef[] {
  return (
    [
      [KINDS.floatingIp, resources.floatingIpId],
      [KINDS.port, resources.portId],
      [KINDS.securityGroup, resources.securityGroupId],
    ] as const
  ).flatMap(([kind, id]) => (id === undefined ? [] : [{ kind, id, scope: region }]));
}

/** One removal attempt of a host's floating IP, port or security group. */
function removeSecondary(
  neutron: NeutronResources,
  secondary: SecondaryRef,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  if (secondary.kind === KINDS.floatingIp) return neutron.removeFloatingIp(secondary.id, operation, options);
  if (secondary.kind === KINDS.port) return neutron.removePort(secondary.id, operation, options);
  return neutron.removeGroup(secondary.id, operation, options);
}

const isManaged = ({ server }: Placed) => readHostTags(server.metadata ?? {}).managed !== undefined;

/**
 * `delete()` (see `createHostDeletion`): while the server exists, one GET and its DELETE (none
 * while Nova is deleting it, `task_state: deleting`); once Nova answers 404, the floating IP, the
 * port and the security group in that order, each absent on 404, the group `in use` (409) while a
 * port is still in it. So the host is never open on ports it did not ask for while it shuts down.
 *
 * By IP: the managed server with that address; once it is gone, the floating IP at the address
 * (or the port holding it as a fixed IP) leads to the port, and the port's name to its group:
 * they carry the address and the managed name from their creation, so nothing is released first.
 */
export function openstackDeletion(session: OpenStackSession): HostDeletion {
  return createHostDeletion<Placed>({
    machineKind: 'server',
    removeInOrder: true,
    decode(id) {
      const { region, serverId, ...resources } = openstackIds.decode(id, 'delete');
      return { machineId: `${region}/${serverId}`, secondaries: secondariesOf(region, resources) };
    },
    async read(machineId, options) {
      const [region = '', serverId = ''] = machineId.split('/');
      const clients = await session.clients(region);
      const server = await serverIfAny(clients.compute, serverId, 'delete', options);
      return server === undefined ? undefined : { server, clients };
    },
    isManaged,
    machineIdOf: ({ server }) => server.id,
    isDeleting: ({ server }) => server['OS-EXT-STS:task_state'] === 'deleting',
    async destroy({ server, clients }, options) {
      await clients.compute.request({
        method: 'DELETE',
        path: `/servers/${server.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    async remove(secondary, options) {
      const clients = await session.clients(secondary.scope ?? 'auto');
      return removeSecondary(new NeutronResources(clients.network), secondary, 'delete', options);
    },
    async findByAddress(ip, options) {
      const clients = await session.clients('auto');
      const servers = await listServers(clients.compute, {}, 'delete', options);
      const server = servers.find(
        (candidate) =>
          isManaged({ server: candidate, clients }) &&
          Object.values(candidate.addresses ?? {}).some((addresses) =>
            addresses.some((address) => address.addr === ip),
          ),
      );
      if (server === undefined) return undefined;
      const id = hostIdOf(server, clients.region) ?? `${clients.region}/${server.id}`;
      const { region: _region, serverId: _server, ...resources } = openstackIds.match(id) ?? {};
      return { machine: { server, clients }, id, secondaries: secondariesOf(clients.region, resources) };
    },
    async releasedFor(ip, options) {
      const clients = await session.clients('auto');
      const neutron = new NeutronResources(clients.network);
      const floating = await neutron.floatingIpAt(ip, 'delete', options);
      const ours =
        floating !== undefined && resourceNames.parse(floating.description ?? undefined) !== undefined;
      const port = ours ? undefined : await neutron.portAt(ip, 'delete', options);
      const name = ours ? (floating.description ?? undefined) : (port?.name ?? undefined);
      if (name === undefined || resourceNames.parse(name) === undefined) return [];
      const group = await neutron.groupNamed(name, 'delete', options);
      return secondariesOf(clients.region, {
        portId: ours ? (floating.port_id ?? undefined) : port?.id,
        floatingIpId: ours ? floating.id : undefined,
        securityGroupId: group?.id,
      });
    },
  });
}

/**
 * Removes a host's floating IP, port and security group, in that order (the group is in use
 * while the port exists): a refused or lost provision's clean-up.
 */
export async function removeResources(
  clients: RegionClients,
  resources: HostResources,
  operation: Operation,
  options?: CallOptions,
): Promise<void> {
  const neutron = new NeutronResources(clients.network);
  for (const secondary of secondariesOf(clients.region, resources))
    await removeSecondary(neutron, secondary, operation, options);
}
