import type { RouteContext } from '@provision/testkit/fake-cloud';
import { observe, serverOf, VM_STATES } from './openstack-fake-servers.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds } from './openstack-fake-wire.js';

// Nova's server actions, from its API reference (https://docs.openstack.org/api-ref/compute/#servers-run-an-action-servers-action).

/** `POST /servers/{id}/action`: `os-start`, `os-stop`, `reboot`; 202, or 409 in the wrong state. */
export async function serverAction(state: FakeState, route: RouteContext): Promise<Response> {
  const server = serverOf(state, route);
  if (!observe(state, server)) fail('compute', 404, `Instance ${server.id} could not be found.`);
  if (server.deleting)
    fail('compute', 409, `Cannot perform an action on instance ${server.id} while it is being deleted.`);
  const body = (await route.json<Record<string, unknown>>()) ?? {};
  const [action] = Object.keys(body);
  const refuse = (what: string) =>
    fail(
      'compute',
      409,
      `Cannot '${what}' instance ${server.id} while it is in vm_state ${VM_STATES[server.status][0]}`,
    );
  if (action === 'os-start') {
    if (server.status !== 'SHUTOFF') refuse('start');
    server.status = 'ACTIVE';
  } else if (action === 'os-stop') {
    if (server.status !== 'ACTIVE' && server.status !== 'ERROR') refuse('stop');
    server.status = 'SHUTOFF';
  } else if (action === 'reboot') {
    const type = (body.reboot as { type?: unknown } | null)?.type;
    if (type !== 'SOFT' && type !== 'HARD')
      fail('compute', 400, "Invalid input for field/attribute type. Value must be one of 'SOFT', 'HARD'.");
    if (server.status !== 'ACTIVE' && !(type === 'HARD' && server.status === 'SHUTOFF')) refuse('reboot');
    server.status = 'ACTIVE';
  } else fail('compute', 400, `There is no such action: ${action ?? ''}`);
  server.updated = isoSeconds(state.now());
  return new Response(null, { status: 202 });
}
