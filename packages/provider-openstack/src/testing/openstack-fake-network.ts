import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_PROJECT } from './openstack-fake-catalog.js';
import type { FakeFloatingIp, FakeNetwork, FakePort } from './openstack-fake-records.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds, json, noContent } from './openstack-fake-wire.js';

// Neutron, from its API reference (https://docs.openstack.org/api-ref/network/v2/): list filters
// on any attribute given as a query parameter, bodies wrapped in the resource's singular name,
// errors as `{ NeutronError: { type, message, detail } }`.

export const region = (route: RouteContext) => route.params.region as string;

function networkObject(network: FakeNetwork) {
  return {
    id: network.id,
    name: network.name,
    status: 'ACTIVE',
    admin_state_up: true,
    shared: network.shared,
    'router:external': network.external,
    project_id: network.projectId,
    tenant_id: network.projectId,
    subnets: [network.subnetId],
    mtu: 1450,
    port_security_enabled: true,
    availability_zones: ['nova'],
    description: '',
    tags: [],
    revision_number: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

function portObject(state: FakeState, port: FakePort) {
  const network = state.networks.get(port.networkId);
  return {
    id: port.id,
    name: port.name,
    network_id: port.networkId,
    project_id: FAKE_PROJECT.id,
    tenant_id: FAKE_PROJECT.id,
    device_id: port.deviceId,
    device_owner: port.deviceOwner,
    mac_address: port.macAddress,
    admin_state_up: true,
    status: port.deviceId === '' ? 'DOWN' : 'ACTIVE',
    fixed_ips: [{ subnet_id: network?.subnetId ?? '', ip_address: port.ipAddress }],
    security_groups: [...port.securityGroups],
    port_security_enabled: true,
    allowed_address_pairs: [],
    description: '',
    tags: [],
    revision_number: 1,
    created_at: port.created,
    updated_at: port.created,
  };
}

function floatingIpObject(state: FakeState, address: FakeFloatingIp) {
  const port = address.portId === null ? undefined : state.ports.get(address.portId);
  return {
    id: address.id,
    floating_ip_address: address.address,
    floating_network_id: address.networkId,
    port_id: address.portId,
    fixed_ip_address: port?.ipAddress ?? null,
    router_id: port === undefined ? null : '5a6b7c8d-0000-4000-8000-000000000001',
    status: port === undefined ? 'DOWN' : 'ACTIVE',
    project_id: FAKE_PROJECT.id,
    tenant_id: FAKE_PROJECT.id,
    description: address.description,
    dns_domain: '',
    dns_name: '',
    port_details: null,
    tags: [],
    revision_number: 1,
    created_at: address.created,
    updated_at: address.created,
  };
}

/** Neutron's list filtering: each query parameter (but paging and fields) must equal the attribute. */
export function filtered<T extends Record<string, unknown>>(items: readonly T[], route: RouteContext): T[] {
  const query = route.url.searchParams;
  return items.filter((item) =>
    [...query.keys()].every((key) => {
      if (['fields', 'limit', 'marker', 'sort_key', 'sort_dir', 'page_reverse'].includes(key)) return true;
      const wanted = query.getAll(key);
      if (key === 'fixed_ips') {
        const ips = (item.fixed_ips as Array<{ ip_address: string }>).map(
          (ip) => `ip_address=${ip.ip_address}`,
        );
        return wanted.every((entry) => ips.includes(entry));
      }
      const value = item[key];
      return wanted.some((entry) => String(value) === entry || (value === null && entry === ''));
    }),
  );
}

export function body<T>(route: RouteContext, key: string): Promise<T> {
  return route.json<Record<string, T>>().then((parsed) => {
    const inner = parsed?.[key];
    if (typeof inner !== 'object' || inner === null)
      fail('network', 400, `Resource body required: ${key}`, 'HTTPBadRequest');
    return inner;
  });
}

export function listNetworks(state: FakeState, route: RouteContext): Response {
  const networks = state.networks.values().filter((network) => network.region === region(route));
  return json({ networks: filtered(networks.map(networkObject), route) });
}

export function listPorts(state: FakeState, route: RouteContext): Response {
  const ports = state.ports.values().filter((port) => port.region === region(route));
  return json({
    ports: filtered(
      ports.map((port) => portObject(state, port)),
      route,
    ),
  });
}

function portOf(state: FakeState, route: RouteContext): FakePort {
  const port = state.ports.get(route.params.id ?? '');
  if (port === undefined || port.region !== region(route))
    fail('network', 404, `Port ${route.params.id} could not be found.`, 'PortNotFound');
  return port;
}

export function getPort(state: FakeState, route: RouteContext): Response {
  return json({ port: portObject(state, portOf(state, route)) });
}

/** `POST /v2.0/ports`: 201. Without `security_groups`, the project's `default` group. */
export async function createPort(state: FakeState, route: RouteContext): Promise<Response> {
  const input = await body<{ network_id?: unknown; name?: unknown; security_groups?: unknown }>(
    route,
    'port',
  );
  const network = state.networks.get(String(input.network_id));
  if (network === undefined || network.region !== region(route))
    fail('network', 404, `Network ${String(input.network_id)} could not be found.`, 'NetworkNotFound');
  const groups = input.security_groups ?? [state.defaultGroup(region(route)).id];
  if (!Array.isArray(groups)) fail('network', 400, 'Invalid input for security_groups.', 'HTTPBadRequest');
  for (const id of groups)
    if (state.securityGroups.get(String(id))?.region !== region(route))
      fail('network', 404, `Security group ${String(id)} does not exist`, 'SecurityGroupNotFound');
  const port = state.ports.set({
    id: state.nextId('port'),
    region: region(route),
    name: typeof input.name === 'string' ? input.name : '',
    networkId: network.id,
    deviceId: '',
    deviceOwner: '',
    securityGroups: groups.map(String),
    ipAddress: state.nextAddress(network),
    macAddress: 'fa:16:3e:00:00:02',
    created: isoSeconds(state.now()),
  });
  return json({ port: portObject(state, port) }, 201);
}

/** `DELETE /v2.0/ports/{id}`: 204; its floating IP is disassociated, a server holding it loses it. */
export function deletePort(state: FakeState, route: RouteContext): Response {
  const port = portOf(state, route);
  for (const address of state.floatingIps.values()) if (address.portId === port.id) address.portId = null;
  for (const server of state.servers.values()) server.portIds = server.portIds.filter((id) => id !== port.id);
  state.ports.delete(port.id);
  return noContent();
}

export function listFloatingIps(state: FakeState, route: RouteContext): Response {
  const addresses = state.floatingIps.values().filter((address) => address.region === region(route));
  return json({
    floatingips: filtered(
      addresses.map((address) => floatingIpObject(state, address)),
      route,
    ),
  });
}

function floatingIpOf(state: FakeState, route: RouteContext): FakeFloatingIp {
  const address = state.floatingIps.get(route.params.id ?? '');
  if (address === undefined || address.region !== region(route))
    fail('network', 404, `Floating IP ${route.params.id} could not be found`, 'FloatingIPNotFound');
  return address;
}

export function getFloatingIp(state: FakeState, route: RouteContext): Response {
  return json({ floatingip: floatingIpObject(state, floatingIpOf(state, route)) });
}

/** `POST /v2.0/floatingips`: 201, from an external network, on `port_id` when given. */
export async function createFloatingIp(state: FakeState, route: RouteContext): Promise<Response> {
  const input = await body<{ floating_network_id?: unknown; port_id?: unknown; description?: unknown }>(
    route,
    'floatingip',
  );
  const network = state.networks.get(String(input.floating_network_id));
  if (network === undefined || network.region !== region(route))
    fail(
      'network',
      404,
      `Network ${String(input.floating_network_id)} could not be found.`,
      'NetworkNotFound',
    );
  if (!network.external)
    fail(
      'network',
      400,
      `Bad floatingip request: Network ${network.id} is not a valid external network.`,
      'BadRequest',
    );
  let portId: string | null = null;
  if (input.port_id !== undefined && input.port_id !== null) {
    const port = state.ports.get(String(input.port_id));
    if (port === undefined || port.region !== region(route))
      fail('network', 404, `Port ${String(input.port_id)} could not be found.`, 'PortNotFound');
    if (state.networks.get(port.networkId)?.external)
      fail(
        'network',
        404,
        `External network ${network.id} is not reachable from subnet of port ${port.id}.`,
        'ExternalGatewayForFloatingIPNotFound',
      );
    if (state.floatingIps.values().some((address) => address.portId === port.id))
      fail('network', 409, `Port ${port.id} already has a floating IP.`, 'FloatingIPPortAlreadyAssociated');
    portId = port.id;
  }
  const address = state.floatingIps.set({
    id: state.nextId('floatingip'),
    region: region(route),
    networkId: network.id,
    address: state.nextAddress(network),
    portId,
    description: typeof input.description === 'string' ? input.description : '',
    created: isoSeconds(state.now()),
  });
  return json({ floatingip: floatingIpObject(state, address) }, 201);
}

export function deleteFloatingIp(state: FakeState, route: RouteContext): Response {
  state.floatingIps.delete(floatingIpOf(state, route).id);
  return noContent();
}
