import type { RouteContext } from '@provision/testkit/fake-cloud';
import { findRegion, regionObject } from './digitalocean-fake-catalog.js';
import { lookupDroplet, observeDroplet, POWER_ACTIONS } from './digitalocean-fake-droplets.js';
import { ERROR_ID, ERROR_MESSAGE, jsonResponse, paginate } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeAction, DigitalOceanFakeContext } from './digitalocean-fake-records.js';

// Every `type` the description's `droplet_action` enum lists (`droplets/models/droplet_actions.yml`).
const ACTION_TYPES = new Set([
  'enable_backups',
  'disable_backups',
  'reboot',
  'power_cycle',
  'shutdown',
  'power_off',
  'power_on',
  'restore',
  'password_reset',
  'resize',
  'rebuild',
  'rename',
  'change_kernel',
  'enable_ipv6',
  'snapshot',
]);

/** The action JSON of `resources/actions/models/action.yml`. */
export function actionObject(action: DigitalOceanFakeAction): Record<string, unknown> {
  const region = findRegion(action.region);
  return {
    id: action.id,
    status: action.status,
    type: action.type,
    started_at: action.startedAt,
    completed_at: action.completedAt,
    resource_id: action.resourceId,
    resource_type: 'droplet',
    ...(region === undefined ? {} : { region: regionObject(region) }),
    region_slug: action.region,
  };
}

/**
 * POST /v2/droplets/{droplet_id}/actions (`dropletActions_post`): 201 with the action in progress.
 * The power actions are modelled (the Droplet reaches its end state when the action completes, after
 * `readsUntilActive` reads); other valid types answer 422 saying the fake does not model them.
 * While an action (or the create, or a destroy) is in progress the Droplet is locked and a new action
 * is refused with 422, as the Droplet Actions reference describes.
 */
export async function postDropletAction(
  context: DigitalOceanFakeContext,
  route: RouteContext,
): Promise<Response> {
  const droplet = lookupDroplet(context, route);
  const body = await route.json<unknown>();
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !ACTION_TYPES.has(type)) {
    context.fail(422, ERROR_ID.unprocessable, 'You specified an invalid action type.');
  }
  if (POWER_ACTIONS[type] === undefined) {
    context.fail(422, ERROR_ID.unprocessable, `The ${type} action is not modelled by this fake.`);
  }
  const current = droplet;
  if (current.status === 'new' || current.destroying || current.pendingActionId !== undefined) {
    context.fail(422, ERROR_ID.unprocessable, 'Droplet already has a pending event.');
  }
  const id = context.nextActionId();
  const action: DigitalOceanFakeAction = {
    id,
    status: 'in-progress',
    type,
    startedAt: context.now(),
    completedAt: null,
    resourceId: Number(current.id),
    region: current.region,
  };
  context.actions.set(id, action);
  current.pendingActionId = id;
  current.locked = true;
  return jsonResponse({ action: actionObject(action) }, 201);
}

/** GET /v2/actions/{action_id} (`actions_get`): reading an action also counts as reading its Droplet. */
export function getAction(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const raw = route.params.action_id ?? '';
  const action = /^[1-9]\d*$/.test(raw) ? context.actions.get(Number(raw)) : undefined;
  if (action === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  const droplet = context.droplets.get(String(action.resourceId));
  if (droplet !== undefined && action.status === 'in-progress') observeDroplet(context, droplet);
  return jsonResponse({ action: actionObject(action) });
}

/**
 * GET /v2/actions (`actions_list`): every action of the account, paginated. The description does
 * not state an order; the fake lists the newest first, as DigitalOcean's control panel and doctl
 * show account history.
 */
export function listActions(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const newestFirst = [...context.actions.values()].sort((a, b) => b.id - a.id);
  const page = paginate(newestFirst, route.url);
  return jsonResponse({ actions: page.items.map(actionObject), links: page.links, meta: page.meta });
}
