import type { RouteContext } from '@provision/testkit/fake-cloud';
import type { FakeServer } from './openstack-fake-records.js';
import { addressesOf, observe, serverObject, serverOf } from './openstack-fake-servers.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, json, noContent } from './openstack-fake-wire.js';

// Nova's server listing, reads and DELETE, from its API reference
// (https://docs.openstack.org/api-ref/compute/) at microversion 2.47 (the flavor embedded in the
// server). Answers carry the microversion headers the fake adds. Create Server is in
// openstack-fake-server-create.ts, the server's state and its JSON in openstack-fake-servers.ts.

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
