import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_FLAVORS, FAKE_IMAGES } from './openstack-fake-catalog.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds, json } from './openstack-fake-wire.js';

// Nova's Create Server, from its API reference (https://docs.openstack.org/api-ref/compute/#create-server)
// at microversion 2.47: the checks Nova makes before it answers 202, and the server it starts.

const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';
const METADATA_KEY = /^[a-zA-Z0-9-_:. ]{1,255}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

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
