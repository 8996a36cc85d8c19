import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_IMAGES, FAKE_SERVER_TYPES } from './hetzner-fake-catalog.js';
import { compileSelector, hetznerErrors, json, paginate } from './hetzner-fake-http.js';
import type { HetznerFakeContext, HetznerFakeServer } from './hetzner-fake-records.js';
import { actionObject, advance, serverObject } from './hetzner-fake-server-object.js';

/** The operation name of `POST /servers`, for faults and `failNextCreation`. */
export const CREATE_SERVER_OPERATION = 'create_server';

// Hostnames per RFC 1123, as the reference requires of server names.
const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const LABEL = /^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?)$/;
const USER_DATA_BYTES = 32 * 1024;

const invalid = (message: string): never => hetznerErrors.fail('invalidInput', message);

/** Checks a `labels` object as the API does (keys and values at most 63 characters, alphanumeric ends). */
export function checkLabels(labels: unknown): Record<string, string> {
  if (labels === undefined) return {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    return invalid('invalid labels');
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL.test(key) || typeof value !== 'string' || (value !== '' && !LABEL.test(value)))
      invalid(`invalid label ${key}`);
  }
  return { ...(labels as Record<string, string>) };
}

/** The servers that still exist after one read each, in id order. */
function liveServers(context: HetznerFakeContext): HetznerFakeServer[] {
  return context.servers.values().filter((server) => advance(context, server));
}

function serverOr404(context: HetznerFakeContext, route: RouteContext): HetznerFakeServer {
  const server = context.servers.get(route.params.id ?? '');
  if (server === undefined || !advance(context, server))
    return hetznerErrors.fail('notFound', 'server not found');
  return server;
}

/** `GET /servers`: `name`, `label_selector`, `status`, `sort` (by id), pagination. */
export function listServers(context: HetznerFakeContext, route: RouteContext): Response {
  const query = route.url.searchParams;
  const name = query.get('name');
  const selector = query.get('label_selector');
  const statuses = query.getAll('status');
  let matched: HetznerFakeServer[];
  try {
    const matches = selector === null ? undefined : compileSelector(selector);
    matched = liveServers(context).filter(
      (server) =>
        (name === null || server.name === name) &&
        (matches === undefined || matches(server.labels)) &&
        (statuses.length === 0 || statuses.includes(server.status)),
    );
  } catch (error) {
    return invalid((error as Error).message);
  }
  if (query.get('sort')?.endsWith(':desc')) matched.reverse();
  const page = paginate(matched, route.url, context.maxPerPage());
  return json({ servers: page.items.map((server) => serverObject(context, server)), meta: page.meta });
}

/** `GET /servers/{id}`. */
export function getServer(context: HetznerFakeContext, route: RouteContext): Response {
  return json({ server: serverObject(context, serverOr404(context, route)) });
}

/** `POST /servers`: checks the body as the API does; the server is `initializing` with a `create_server` action. */
export async function createServer(context: HetznerFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<Record<string, unknown>>();
  if (typeof body !== 'object' || body === null) return invalid('invalid input in body');
  const { name, server_type, image, location } = body;
  if (typeof name !== 'string' || !HOSTNAME.test(name)) return invalid('invalid input in field name');
  const type = FAKE_SERVER_TYPES.find(
    (candidate) => candidate.name === server_type || String(candidate.id) === String(server_type),
  );
  if (type === undefined) return invalid('server type not found');
  const where = typeof location === 'string' ? location : (type.locations[0] as string);
  if (!type.locations.includes(where))
    return invalid(`server type ${type.name} is not available in ${where}`);
  const chosen = FAKE_IMAGES.find(
    (candidate) =>
      (candidate.name === image && candidate.architecture === type.architecture) ||
      String(candidate.id) === String(image),
  );
  if (chosen === undefined || chosen.architecture !== type.architecture) return invalid('image not found');
  const labels = checkLabels(body.labels);
  const userData = body.user_data;
  if (
    userData !== undefined &&
    (typeof userData !== 'string' || Buffer.byteLength(userData) > USER_DATA_BYTES)
  )
    return invalid('user_data must be a string of at most 32 KiB');
  // A server keeps its name until it is gone.
  if (liveServers(context).some((server) => server.name === name))
    return hetznerErrors.fail('uniqueness', 'server name');
  if (context.servers.size >= context.serverLimit())
    return hetznerErrors.fail('limitExceeded', 'server limit exceeded for this project');
  if (!context.hasCapacity(where, type.name))
    return hetznerErrors.fail('unavailable', `server type ${type.name} is unavailable in ${where}`);
  const publicNet = (body.public_net ?? {}) as { enable_ipv4?: boolean; enable_ipv6?: boolean };
  // `firewalls: [{ firewall: <id> }]`: applied on the public interface at creation time, so the
  // server is never reachable without them; each must exist, or nothing is created.
  const named = body.firewalls ?? [];
  if (!Array.isArray(named)) return invalid('invalid input in field firewalls');
  const firewalls = (named as Array<{ firewall?: unknown }>).map((item) =>
    Number.isInteger(item?.firewall)
      ? (context.firewalls.get(String(item.firewall)) ??
        invalid(`firewall ${String(item.firewall)} not found`))
      : invalid('invalid input in field firewalls'),
  );
  const id = context.servers.nextId();
  const index = context.nextAddressIndex();
  // Auto-assigned primary IPs are created with the server, `auto_delete` true.
  const primaryIps: string[] = [];
  for (const kind of ['ipv4', 'ipv6'] as const) {
    if ((kind === 'ipv4' ? publicNet.enable_ipv4 : publicNet.enable_ipv6) === false) continue;
    const ipId = context.primaryIps.nextId();
    const block = index <= 240 ? '203.0.113' : '198.51.100';
    context.primaryIps.set({
      id: ipId,
      type: kind,
      ip:
        kind === 'ipv4' ? `${block}.${9 + (((index - 1) % 240) + 1)}` : `2001:db8:${index.toString(16)}::/64`,
      name: `primary_ip-${ipId}`,
      assigneeId: Number(id),
      autoDelete: true,
      location: where,
      created: context.now(),
    });
    primaryIps.push(ipId);
  }
  const failure = context.takeAsyncFailure(CREATE_SERVER_OPERATION);
  const start = body.start_after_create !== false;
  const server: HetznerFakeServer = context.servers.set({
    id,
    name,
    status: 'initializing',
    next: failure !== undefined || !start ? 'off' : 'running',
    created: context.now(),
    labels,
    location: where,
    type,
    image: chosen,
    ...(typeof userData === 'string' ? { userData } : {}),
    primaryIps,
    addressing: 'public',
  });
  for (const firewall of firewalls) firewall.servers.push(Number(id));
  const resources = [{ id: Number(id), type: 'server' }];
  const action = context.startAction('create_server', resources, failure);
  const next =
    start && failure === undefined ? [actionObject(context.startAction('start_server', resources))] : [];
  return json(
    {
      server: serverObject(context, server),
      action: actionObject(action),
      next_actions: next,
      root_password: body.ssh_keys === undefined ? `fake-root-${id}` : null,
    },
    201,
  );
}

/** `DELETE /servers/{id}`: the server is `deleting`, then gone after a few reads. */
export function deleteServer(context: HetznerFakeContext, route: RouteContext): Response {
  const server = serverOr404(context, route);
  if (server.status !== 'deleting') {
    server.status = 'deleting';
    server.next = 'gone';
    server.reads = 0;
    if (context.destroyAfterReads === 0) advance(context, server);
  }
  const action = context.startAction('delete_server', [{ id: Number(server.id), type: 'server' }]);
  return json({ action: actionObject(action) });
}

const POWER: Record<
  string,
  { command: string; from: string[]; via: HetznerFakeServer['status']; to: HetznerFakeServer['status'] }
> = {
  poweron: { command: 'start_server', from: ['off'], via: 'starting', to: 'running' },
  poweroff: { command: 'stop_server', from: ['running', 'starting'], via: 'stopping', to: 'off' },
  reboot: { command: 'reboot_server', from: ['running'], via: 'running', to: 'running' },
};

/** `POST /servers/{id}/actions/{poweron|poweroff|reboot}`: an action; a server in another state is left as it is. */
export function powerAction(kind: 'poweron' | 'poweroff' | 'reboot') {
  return (context: HetznerFakeContext, route: RouteContext): Response => {
    const server = serverOr404(context, route);
    if (server.status === 'deleting') return hetznerErrors.fail('locked');
    const power = POWER[kind] as (typeof POWER)[string];
    if (power.from.includes(server.status) && server.next === undefined) {
      server.status = power.via;
      server.next = power.to;
    }
    const action = context.startAction(power.command, [{ id: Number(server.id), type: 'server' }]);
    return json({ action: actionObject(action) }, 201);
  };
}

/** `GET /servers/{id}/actions`: the server's actions, `status` filter, `sort` by id. */
export function listServerActions(context: HetznerFakeContext, route: RouteContext): Response {
  const server = serverOr404(context, route);
  const statuses = route.url.searchParams.getAll('status');
  const actions = [...context.actions.values()].filter(
    (action) =>
      action.resources.some((resource) => String(resource.id) === server.id) &&
      (statuses.length === 0 || statuses.includes(action.status)),
  );
  if (route.url.searchParams.get('sort')?.endsWith(':desc')) actions.reverse();
  const page = paginate(actions, route.url);
  return json({ actions: page.items.map(actionObject), meta: page.meta });
}

/** `GET /actions/{id}`. */
export function getAction(context: HetznerFakeContext, route: RouteContext): Response {
  const action = context.actions.get(Number(route.params.id));
  if (action === undefined) return hetznerErrors.fail('notFound', 'action not found');
  return json({ action: actionObject(action) });
}
