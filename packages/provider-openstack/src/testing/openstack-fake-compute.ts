import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_FLAVORS, FAKE_IMAGES, FAKE_PROJECT, FAKE_USER } from './openstack-fake-catalog.js';
import type { FakeServer } from './openstack-fake-records.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds, json, noContent } from './openstack-fake-wire.js';

// Nova, from its API reference (https://docs.openstack.org/api-ref/compute/) at microversion 2.47
// (the flavor embedded in the server). Answers carry the microversion headers the fake adds.

const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';
const METADATA_KEY = /^[a-zA-Z0-9-_:. ]{1,255}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

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

function addressesOf(state: FakeState, server: FakeServer) {
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

interface CreateBody {
  server?: {
    name?: unknown;
    imageRef?: unknown;
    flavorRef?: unknown;
    networks?: unknown;
    metadata?: unknown;
    user_data?: unknown;
    security_groups?: unknown;
  };
}

function checkMetadata(metadata: unknown): Record<string, string> {
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    fail('compute', 400, 'Invalid input for field/attribute metadata. Value: not an object.');
  const entries = Object.entries(metadata);
  for (const [key, value] of entries) {
    if (!METADATA_KEY.test(key))
      fail(
        'compute',
        400,
        `Invalid input for field/attribute metadata. '${key}' does not match any of the regexes.`,
      );
    if (typeof value !== 'string' || value.length > 255)
      fail(
        'compute',
        400,
        `Invalid input for field/attribute ${key}. Value: is not a string of at most 255 characters.`,
      );
  }
  if (entries.length > 128)
    fail(
      'compute',
      403,
      'Quota exceeded for metadata_items: Requested 129, but already used 0 of 128 metadata_items',
    );
  return { ...(metadata as Record<string, string>) };
}

/** `POST /servers` (Create Server): 202 with the id, the admin password and the links. */
export async function createServer(state: FakeState, route: RouteContext): Promise<Response> {
  const body = (await route.json<CreateBody>())?.server;
  const region = route.params.region as string;
  if (typeof body !== 'object' || body === null)
    fail(
      'compute',
      400,
      "Invalid input for field/attribute server. Value: None. 'server' is a required property",
    );
  if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 255)
    fail('compute', 400, "Invalid input for field/attribute name. 'name' is a required property");
  const image = FAKE_IMAGES.find((candidate) => candidate.id === body.imageRef);
  if (image === undefined) fail('compute', 400, `Image ${String(body.imageRef)} could not be found.`);
  const flavor = FAKE_FLAVORS.find((candidate) => candidate.id === String(body.flavorRef));
  if (flavor === undefined) fail('compute', 400, `Flavor ${String(body.flavorRef)} could not be found.`);
  if (flavor.disk === 0)
    fail('compute', 403, 'Only volume-backed servers are allowed for flavors with zero disk.');
  if (flavor.disk < image.minDisk) fail('compute', 400, "Flavor's disk is too small for requested image.");
  const privateNetwork = state.networks.values().find((item) => item.region === region && !item.external);
  // 2.37 and later: `networks` is required ("auto", "none" or a list of ports or networks);
  // before, a server without it joins the project's network.
  const networks = body.networks ?? (state.microversion() < 37 ? [{ uuid: privateNetwork?.id }] : undefined);
  if (networks === undefined)
    fail('compute', 400, "Invalid input for field/attribute server. 'networks' is a required property");
  if (!Array.isArray(networks) || networks.length === 0)
    fail('compute', 400, 'This fake serves only explicit networks: a list of { "port" } or { "uuid" }.');
  const portIds: string[] = [];
  const novaPorts: string[] = [];
  for (const entry of networks as Array<{ port?: unknown; uuid?: unknown }>) {
    if (typeof entry.port === 'string') {
      const port = state.ports.get(entry.port);
      if (port === undefined || port.region !== region)
        fail('compute', 400, `Port id ${entry.port} could not be found.`);
      if (port.deviceId !== '') fail('compute', 409, `Port ${entry.port} is still in use.`);
      portIds.push(port.id);
    } else if (typeof entry.uuid === 'string') {
      const network = state.networks.get(entry.uuid);
      if (network === undefined || network.region !== region)
        fail('compute', 400, `Network ${entry.uuid} could not be found.`);
      novaPorts.push(entry.uuid);
    } else fail('compute', 400, 'Invalid input for field/attribute networks.');
  }
  const metadata = checkMetadata(body.metadata);
  const userData = body.user_data;
  if (userData !== undefined && (typeof userData !== 'string' || !BASE64.test(userData)))
    fail('compute', 400, 'User data needs to be valid base 64.');
  if (typeof userData === 'string' && userData.length > 65535)
    fail(
      'compute',
      400,
      'Invalid input for field/attribute user_data. Value: is too long (more than 65535 bytes).',
    );
  const used = state.servers.size;
  const limit = state.instanceLimit();
  if (used >= limit)
    fail(
      'compute',
      403,
      `Quota exceeded for instances: Requested 1, but already used ${used} of ${limit} instances`,
      'forbidden',
    );
  const id = state.nextId('server');
  const now = isoSeconds(state.now());
  const asyncFailure = state.takeAsyncFailure();
  const failure =
    asyncFailure !== undefined
      ? { message: asyncFailure, code: 500 }
      : state.hasCapacity(region, flavor.name)
        ? undefined
        : { message: NO_VALID_HOST, code: 500 };
  for (const networkId of novaPorts) {
    const network = state.networks.get(networkId);
    if (network === undefined) continue;
    const port = state.ports.set({
      id: state.nextId('port'),
      region,
      name: '',
      networkId,
      deviceId: id,
      deviceOwner: 'compute:nova',
      securityGroups: [state.defaultGroup(region).id],
      ipAddress: state.nextAddress(network),
      macAddress: 'fa:16:3e:00:00:01',
      created: now,
    });
    portIds.push(port.id);
  }
  for (const portId of portIds) {
    const port = state.ports.get(portId);
    if (port !== undefined && port.deviceId === '') {
      port.deviceId = id;
      port.deviceOwner = 'compute:nova';
    }
  }
  state.servers.set({
    id,
    region,
    name: body.name,
    flavorId: flavor.id,
    imageId: image.id,
    metadata,
    userData: userData as string | undefined,
    portIds,
    novaPorts: portIds.filter(
      (portId) => !(networks as Array<{ port?: unknown }>).some((entry) => entry.port === portId),
    ),
    status: 'BUILD',
    created: now,
    updated: now,
    fault: undefined,
    failure,
    addressing: 'public',
    deleting: false,
  });
  const link = `${state.baseUrl}/compute/${region}/v2.1/servers/${id}`;
  return json(
    {
      server: {
        id,
        links: [
          { rel: 'self', href: link },
          { rel: 'bookmark', href: link.replace('/v2.1', '') },
        ],
        'OS-DCF:diskConfig': 'MANUAL',
        security_groups: [{ name: 'default' }],
        adminPass: 'fake-admin-pass-0',
      },
    },
    202,
    { location: link },
  );
}

function matches(state: FakeState, server: FakeServer, query: URLSearchParams): boolean {
  const name = query.get('name');
  if (name !== null) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(name);
    } catch {
      fail('compute', 400, `Invalid regular expression in the name filter.`);
    }
    if (!pattern.test(server.name)) return false;
  }
  const status = query.get('status');
  if (status !== null && server.status !== status.toUpperCase()) return false;
  const ip = query.get('ip');
  if (ip !== null) {
    const addresses = Object.values(addressesOf(state, server))
      .flat()
      .map((entry) => String(entry.addr));
    if (!addresses.some((address) => new RegExp(ip).test(address))) return false;
  }
  return true;
}

/** `GET /servers` and `/servers/detail`: Nova's filters (`name` is a regular expression), `limit` and `marker`. */
export function listServers(detail: boolean) {
  return (state: FakeState, route: RouteContext): Response => {
    const query = route.url.searchParams;
    const all = state.servers.values().filter((server) => server.region === route.params.region);
    const present = all.filter((server) => observe(state, server));
    const matching = present.filter((server) => matches(state, server, query));
    const marker = query.get('marker');
    const start = marker === null ? 0 : matching.findIndex((server) => server.id === marker) + 1;
    if (marker !== null && start === 0) fail('compute', 400, `marker [${marker}] not found`);
    const asked = Number(query.get('limit') ?? 1000);
    const limit = Math.max(
      1,
      Math.min(Number.isInteger(asked) ? asked : 1000, 1000, state.maxPerPage() ?? 1000),
    );
    const page = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    const path = `${state.baseUrl}/compute/${route.params.region}/v2.1/servers${detail ? '/detail' : ''}`;
    const next = new URL(path);
    for (const [key, value] of query) if (key !== 'marker') next.searchParams.set(key, value);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('marker', page.at(-1)?.id ?? '');
    return json({
      servers: page.map((server) =>
        detail
          ? serverObject(state, server)
          : { id: server.id, name: server.name, links: serverObject(state, server).links },
      ),
      ...(more ? { servers_links: [{ rel: 'next', href: next.toString() }] } : {}),
    });
  };
}

/** `GET /servers/{id}` (Show Server Details). */
export function getServer(state: FakeState, route: RouteContext): Response {
  const server = serverOf(state, route);
  if (!observe(state, server)) fail('compute', 404, `Instance ${server.id} could not be found.`);
  return json({ server: serverObject(state, server) });
}

/**
 * `DELETE /servers/{id}`: 204. The server shows `task_state: deleting` until it is gone (after
 * some reads, as Nova takes a while); a repeat is harmless.
 */
export function deleteServer(state: FakeState, route: RouteContext): Response {
  const server = serverOf(state, route);
  if (!observe(state, server)) fail('compute', 404, `Instance ${server.id} could not be found.`);
  server.deleting = true;
  return noContent();
}

/** The server is gone: the ports Nova made go with it, the ports it was given are released. */
function removeServer(state: FakeState, server: FakeServer): void {
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
