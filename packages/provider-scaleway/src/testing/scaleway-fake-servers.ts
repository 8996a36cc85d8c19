import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_IMAGE_LABELS, FAKE_SERVER_TYPES, FAKE_ZONES, fakeImageId } from './scaleway-fake-catalog.js';
import type {
  ScalewayFakeGroup,
  ScalewayFakeIp,
  ScalewayFakeServer,
  ScalewayFakeVolume,
} from './scaleway-fake-records.js';
import { ALLOWED_ACTIONS, serverObject } from './scaleway-fake-server-object.js';
import { fail, jsonResponse, noContent, notFound, paginate, tagFilter } from './scaleway-fake-wire.js';

/** What the server routes share with the fake. */
export interface ServerContext {
  readonly servers: ResourceStore<ScalewayFakeServer>;
  readonly volumes: ResourceStore<ScalewayFakeVolume>;
  readonly ips: ResourceStore<ScalewayFakeIp>;
  readonly groups: ResourceStore<ScalewayFakeGroup>;
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  readonly project: string;
  readonly organization: string;
  now(): string;
  serverLimit(): number;
  maxPerPage(): number | undefined;
  nextId(kind: 'server' | 'volume' | 'ip' | 'task'): string;
  nextAddress(): string;
  hasCapacity(zone: string, type: string): boolean;
  takeAsyncFailure(): string | undefined;
  /** The zone's default security group (made on first use, as Scaleway does per Project; not a leftover). */
  defaultGroup(zone: string): ScalewayFakeGroup;
  /** A group by id: one of the store's, or a zone's default group. */
  findGroup(id: string): ScalewayFakeGroup | undefined;
}

/** The zone of a route, checked: an unknown zone answers 404 as the API does. */
export function zoneOf(route: RouteContext): string {
  const zone = route.params.zone ?? '';
  if (!(FAKE_ZONES as readonly string[]).includes(zone))
    fail(404, 'invalid_request_error', `zone ${zone} is not supported`);
  return zone;
}

/** Removes a server with its local volumes and its dynamic IP (what `terminate` does). */
function terminate(context: ServerContext, server: ScalewayFakeServer): void {
  for (const volumeId of server.volumeIds) {
    const volume = context.volumes.get(volumeId);
    if (volume?.volumeType === 'l_ssd') context.volumes.delete(volumeId);
    else if (volume !== undefined) volume.serverId = undefined;
  }
  releaseIp(context, server);
  context.servers.delete(server.id);
}

function releaseIp(context: ServerContext, server: ScalewayFakeServer): void {
  if (server.ipId === undefined) return;
  const ip = context.ips.get(server.ipId);
  if (ip?.dynamic) context.ips.delete(ip.id);
  else if (ip !== undefined) ip.serverId = undefined;
  server.ipId = undefined;
}

/** Counts a read: a transition under way ends on its last one. */
export function observe(context: ServerContext, server: ScalewayFakeServer): void {
  if (server.transition === undefined || !context.lifecycle.read(`server:${server.id}`)) return;
  const transition = server.transition;
  server.transition = undefined;
  server.modificationDate = context.now();
  if (transition === 'terminate') {
    terminate(context, server);
    return;
  }
  if (transition === 'poweroff') {
    server.state = 'stopped';
    server.stateDetail = '';
    releaseIp(context, server);
    return;
  }
  if (server.failure !== undefined) {
    server.state = 'stopped';
    server.stateDetail = `boot failed: ${server.failure}`;
    server.failure = undefined;
    return;
  }
  server.state = 'running';
  server.stateDetail = 'booted';
  if (server.ipId === undefined && server.dynamicIpRequired) {
    const ip = context.ips.set({
      id: context.nextId('ip'),
      address: context.nextAddress(),
      zone: server.zone,
      project: server.project,
      serverId: server.id,
      dynamic: true,
    });
    server.ipId = ip.id;
  }
}

function serverOf(context: ServerContext, route: RouteContext): ScalewayFakeServer {
  const zone = zoneOf(route);
  const server = context.servers.get(route.params.server_id ?? '');
  if (server === undefined || server.zone !== zone) notFound('instance_server', route.params.server_id ?? '');
  return server;
}

function invalid(argument: string, message: string): never {
  fail(400, 'invalid_arguments', 'invalid argument(s)', {
    details: [{ argument_name: argument, reason: 'constraint', help_message: message }],
  });
}

interface CreateBody {
  name?: unknown;
  commercial_type?: unknown;
  image?: unknown;
  project?: unknown;
  tags?: unknown;
  dynamic_ip_required?: unknown;
  security_group?: unknown;
  volumes?: unknown;
  boot_type?: unknown;
}

/** `POST .../servers` (createServer): 201 with the server, stopped; nothing boots it yet. */
export async function createServer(context: ServerContext, route: RouteContext): Promise<Response> {
  const zone = zoneOf(route);
  const body = await route.json<CreateBody>();
  if (typeof body !== 'object' || body === null) invalid('body', 'must be an object');
  const type = FAKE_SERVER_TYPES.find((entry) => entry.id === body.commercial_type);
  if (type === undefined) invalid('commercial_type', 'unknown Instance type');
  if (!type.zones.includes(zone) || !context.hasCapacity(zone, type.id))
    fail(412, 'out_of_stock', `resource ${type.id} is out of stock`, { resource: type.id });
  if (typeof body.image !== 'string' || FAKE_IMAGE_LABELS[body.image] === undefined)
    notFound('instance_image', typeof body.image === 'string' ? body.image : '');
  if (body.project !== context.project)
    fail(403, 'permissions_denied', 'insufficient permissions', {
      details: [{ resource: 'instance_server', action: 'create' }],
    });
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    invalid('tags', 'must be strings');
  const root = (
    body.volumes as Record<string, { volume_type?: unknown; size?: unknown; name?: unknown }> | undefined
  )?.['0'];
  const volumeType = root?.volume_type ?? 'l_ssd';
  if (volumeType === 'l_ssd' && !type.localVolumes)
    fail(400, 'invalid_request_error', `${type.id} does not support local volumes (l_ssd)`);
  const groupId = body.security_group ?? context.defaultGroup(zone).id;
  const group = typeof groupId === 'string' ? context.findGroup(groupId) : undefined;
  if (group === undefined || group.zone !== zone) notFound('instance_security_group', String(groupId));
  if (context.servers.size >= context.serverLimit())
    fail(403, 'quotas_exceeded', 'quota(s) exceeded for this resource', {
      details: [
        { resource: 'instances_servers', quota: context.serverLimit(), current: context.servers.size },
      ],
    });
  const now = context.now();
  const id = context.nextId('server');
  const name = typeof body.name === 'string' && body.name !== '' ? body.name : `srv-${id.slice(-6)}`;
  const volume = context.volumes.set({
    id: context.nextId('volume'),
    name: typeof root?.name === 'string' && root.name !== '' ? root.name : `${name}-vol-0`,
    zone,
    project: context.project,
    volumeType: volumeType === 'b_ssd' ? 'b_ssd' : 'l_ssd',
    size: Math.min(type.localMaxGB || 20, 10) * 1_000_000_000,
    serverId: id,
    creationDate: now,
  });
  const server = context.servers.set({
    id,
    name,
    zone,
    project: context.project,
    commercialType: type.id,
    imageRequested: body.image,
    imageId: fakeImageId(body.image, zone),
    imageName: FAKE_IMAGE_LABELS[body.image] ?? body.image,
    tags: [...(tags as string[])],
    securityGroupId: group.id,
    userData: new Map(),
    volumeIds: [volume.id],
    ipId: undefined,
    state: 'stopped',
    stateDetail: '',
    transition: undefined,
    creationDate: now,
    modificationDate: now,
    failure: context.takeAsyncFailure(),
    addressing: 'public',
    dynamicIpRequired: body.dynamic_ip_required === true,
  });
  return jsonResponse({ server: serverObject(context, server) }, 201);
}

/** `GET .../servers` (listServers): filters `tags`, `name`, `project`, `state`; numbered pages. */
export function listServers(context: ServerContext, route: RouteContext): Response {
  const zone = zoneOf(route);
  // The query is read once per request, not once per server.
  const query = route.url.searchParams;
  const tagged = tagFilter(route.url);
  const name = query.get('name');
  const project = query.get('project');
  const state = query.get('state');
  const matching = context.servers.values().filter((server) => {
    if (server.zone !== zone) return false;
    observe(context, server);
    if (!context.servers.has(server.id) || !tagged(server.tags)) return false;
    if (name !== null && !server.name.includes(name)) return false;
    if (project !== null && server.project !== project) return false;
    return state === null || server.state === state;
  });
  const page = paginate(matching, route.url, context.maxPerPage());
  return jsonResponse(
    { servers: page.items.map((server) => serverObject(context, server)) },
    200,
    page.headers,
  );
}

/** `GET .../servers/{server_id}` (getServer). */
export function getServer(context: ServerContext, route: RouteContext): Response {
  const server = serverOf(context, route);
  observe(context, server);
  if (!context.servers.has(server.id)) notFound('instance_server', server.id);
  return jsonResponse({ server: serverObject(context, server) });
}

/** `PATCH .../servers/{server_id}` (updateServer): `name` and `tags`. */
export async function updateServer(context: ServerContext, route: RouteContext): Promise<Response> {
  const server = serverOf(context, route);
  const body = await route.json<{ name?: unknown; tags?: unknown }>();
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags) || !body.tags.every((tag) => typeof tag === 'string'))
      invalid('tags', 'must be strings');
    server.tags = [...(body.tags as string[])];
  }
  if (typeof body.name === 'string') server.name = body.name;
  server.modificationDate = context.now();
  return jsonResponse({ server: serverObject(context, server) });
}

/** `DELETE .../servers/{server_id}` (deleteServer): 204, only once stopped; its volumes stay, detached. */
export function deleteServer(context: ServerContext, route: RouteContext): Response {
  const server = serverOf(context, route);
  if (server.state !== 'stopped' && server.state !== 'stopped in place')
    fail(400, 'invalid_request_error', 'instance should be powered off.');
  for (const volumeId of server.volumeIds) {
    const volume = context.volumes.get(volumeId);
    if (volume !== undefined) volume.serverId = undefined;
  }
  releaseIp(context, server);
  context.servers.delete(server.id);
  return noContent();
}

/** `POST .../servers/{server_id}/action` (serverAction): 202 with a task; the state moves on reads. */
export async function serverAction(context: ServerContext, route: RouteContext): Promise<Response> {
  const server = serverOf(context, route);
  const { action = 'poweron' } = (await route.json<{ action?: string }>()) ?? {};
  if (
    typeof action !== 'string' ||
    !['poweron', 'poweroff', 'reboot', 'terminate', 'stop_in_place', 'backup'].includes(action)
  )
    invalid('action', 'unknown action');
  // During a transition every action is refused as the SDK's `TransientStateError` reads it.
  if (server.state === 'starting' || server.state === 'stopping')
    fail(
      409,
      'transient_state',
      `resource instance_server with ID ${server.id} is in a transient state: ${server.state}`,
      {
        resource: 'instance_server',
        resource_id: server.id,
        current_state: server.state,
      },
    );
  if (!ALLOWED_ACTIONS[server.state].includes(action))
    fail(400, 'invalid_request_error', `Instance state ${server.state}: action ${action} is not allowed.`);
  context.lifecycle.restart(`server:${server.id}`);
  if (action === 'poweron' || action === 'reboot') {
    server.state = 'starting';
    server.stateDetail = action === 'reboot' ? 'rebooting' : 'provisioning node';
    server.transition = 'boot';
  } else if (action === 'poweroff' || action === 'terminate') {
    server.state = 'stopping';
    server.stateDetail = action === 'terminate' ? 'terminating' : 'stopping';
    server.transition = action;
  }
  server.modificationDate = context.now();
  const started = context.now();
  return jsonResponse(
    {
      task: {
        id: context.nextId('task'),
        description: `server_${action}`,
        status: 'pending',
        href_from: `/servers/${server.id}/action`,
        href_result: `/servers/${server.id}`,
        started_at: started,
        terminated_at: null,
        progress: 0,
        zone: server.zone,
      },
    },
    202,
  );
}

/** `PATCH .../servers/{server_id}/user_data/{key}` (setServerUserData): the raw text, 204. */
export async function setServerUserData(context: ServerContext, route: RouteContext): Promise<Response> {
  const server = serverOf(context, route);
  const type = route.request.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain')) fail(400, 'invalid_request_error', 'content type must be text/plain');
  server.userData.set(route.params.key ?? '', await route.request.text());
  return noContent();
}

/** `GET .../servers/{server_id}/user_data` (listServerUserData): the keys. */
export function listServerUserData(context: ServerContext, route: RouteContext): Response {
  return jsonResponse({ user_data: [...serverOf(context, route).userData.keys()] });
}
