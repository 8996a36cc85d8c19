import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_FLAVORS, FAKE_PROJECT, FAKE_USER } from './openstack-fake-catalog.js';
import type { FakeServer } from './openstack-fake-records.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds } from './openstack-fake-wire.js';

// A Nova server's life in the fake (building, then ACTIVE or ERROR by reads; deleting, then gone
// by compute requests) and how Show Server Details at microversion 2.47 writes it.
// https://docs.openstack.org/api-ref/compute/#show-server-details

export function serverOf(state: FakeState, route: RouteContext): FakeServer {
  const server = state.servers.get(route.params.id ?? '');
  if (server === undefined || server.region !== route.params.region)
    fail('compute', 404, `Instance ${route.params.id} could not be found.`);
  return server;
}

/**
 * Counts a read: a building server turns ACTIVE (or ERROR, when doomed) on its last one. A server
 * being deleted stays until `advanceDeletions` removes it. Answers whether it is still there.
 */
export function observe(state: FakeState, server: FakeServer): boolean {
  if (!state.servers.has(server.id)) return false;
  if (server.deleting || server.status !== 'BUILD' || !state.lifecycle.read(`server:${server.id}`))
    return true;
  server.updated = isoSeconds(state.now());
  if (server.failure !== undefined) {
    server.status = 'ERROR';
    server.fault = server.failure;
  } else server.status = 'ACTIVE';
  return true;
}

/**
 * Time passing for deletions, counted in Nova requests (never in time): each compute request
 * brings every deleted server one step closer to gone, as Nova finishes deleting in the background.
 */
export function advanceDeletions(state: FakeState): void {
  for (const server of state.servers.values())
    if (server.deleting && state.lifecycle.read(`delete:${server.id}`)) removeServer(state, server);
}

export function addressesOf(state: FakeState, server: FakeServer) {
  const addresses: Record<string, Array<Record<string, unknown>>> = {};
  if (server.status === 'BUILD' || server.addressing === 'none') return addresses;
  for (const portId of server.portIds) {
    const port = state.ports.get(portId);
    const network = port === undefined ? undefined : state.networks.get(port.networkId);
    if (port === undefined || network === undefined) continue;
    if (network.external && server.addressing === 'private-only') continue;
    const list = addresses[network.name] ?? [];
    addresses[network.name] = list;
    const mac = port.macAddress;
    list.push({
      version: 4,
      addr: port.ipAddress,
      'OS-EXT-IPS:type': 'fixed',
      'OS-EXT-IPS-MAC:mac_addr': mac,
    });
    const floating = state.floatingIps.values().find((address) => address.portId === port.id);
    if (floating !== undefined && server.addressing === 'public')
      list.push({
        version: 4,
        addr: floating.address,
        'OS-EXT-IPS:type': 'floating',
        'OS-EXT-IPS-MAC:mac_addr': mac,
      });
  }
  return addresses;
}

export const VM_STATES: Record<FakeServer['status'], [string, number]> = {
  BUILD: ['building', 0],
  ACTIVE: ['active', 1],
  SHUTOFF: ['stopped', 4],
  ERROR: ['error', 0],
};

/** The `server` object of Show Server Details at 2.47. */
export function serverObject(state: FakeState, server: FakeServer) {
  const flavor = FAKE_FLAVORS.find((candidate) => candidate.id === server.flavorId);
  const link = `${state.baseUrl}/compute/${server.region}/v2.1/servers/${server.id}`;
  const [vmState, powerState] = VM_STATES[server.status];
  const groups = new Set(server.portIds.flatMap((portId) => state.ports.get(portId)?.securityGroups ?? []));
  return {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: FAKE_PROJECT.id,
    user_id: FAKE_USER.id,
    metadata: { ...server.metadata },
    hostId: server.status === 'BUILD' ? '' : 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c',
    image: {
      id: server.imageId,
      links: [
        { rel: 'bookmark', href: `${state.baseUrl}/compute/${server.region}/images/${server.imageId}` },
      ],
    },
    // Before 2.47 the server names its flavor by id and link only.
    flavor:
      state.microversion() < 47
        ? {
            id: server.flavorId,
            links: [
              {
                rel: 'bookmark',
                href: `${state.baseUrl}/compute/${server.region}/flavors/${server.flavorId}`,
              },
            ],
          }
        : {
            vcpus: flavor?.vcpus ?? 0,
            ram: flavor?.ram ?? 0,
            disk: flavor?.disk ?? 0,
            ephemeral: 0,
            swap: 0,
            original_name: flavor?.name ?? '',
            extra_specs: {},
          },
    created: server.created,
    updated: server.updated,
    addresses: addressesOf(state, server),
    accessIPv4: '',
    accessIPv6: '',
    links: [
      { rel: 'self', href: link },
      { rel: 'bookmark', href: link.replace('/v2.1', '') },
    ],
    'OS-DCF:diskConfig': 'MANUAL',
    progress: 0,
    'OS-EXT-AZ:availability_zone': server.status === 'BUILD' ? '' : 'nova',
    config_drive: '',
    key_name: null,
    'OS-SRV-USG:launched_at':
      server.status === 'ACTIVE' || server.status === 'SHUTOFF'
        ? server.updated.replace('Z', '.000000')
        : null,
    'OS-SRV-USG:terminated_at': null,
    security_groups: [...groups].map((id) => ({ name: state.securityGroups.get(id)?.name ?? id })),
    'OS-EXT-STS:task_state': server.deleting ? 'deleting' : null,
    'OS-EXT-STS:vm_state': vmState,
    'OS-EXT-STS:power_state': powerState,
    'os-extended-volumes:volumes_attached': [],
    locked: false,
    description: null,
    tags: [],
    trusted_image_certificates: null,
    ...(server.fault === undefined
      ? {}
      : { fault: { code: server.fault.code, created: server.updated, message: server.fault.message } }),
  };
}

/** The server is gone: the ports Nova made go with it, the ports it was given are released. */
export function removeServer(state: FakeState, server: FakeServer): void {
  for (const portId of server.portIds) {
    const port = state.ports.get(portId);
    if (port === undefined) continue;
    if (server.novaPorts.includes(portId)) {
      state.ports.delete(portId);
      for (const address of state.floatingIps.values()) if (address.portId === portId) address.portId = null;
    } else {
      port.deviceId = '';
      port.deviceOwner = '';
    }
  }
  state.servers.delete(server.id);
}
