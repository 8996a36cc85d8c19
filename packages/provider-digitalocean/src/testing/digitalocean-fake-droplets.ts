import type { RouteContext } from '@provision/testkit/fake-cloud';
import {
  findImage,
  findRegion,
  findSize,
  imageObject,
  regionObject,
  sizeObject,
} from './digitalocean-fake-catalog.js';
import { ERROR_ID, ERROR_MESSAGE, jsonResponse, noContent, paginate } from './digitalocean-fake-http.js';
import type {
  DigitalOceanFakeContext,
  DigitalOceanFakeDroplet,
  DropletStatus,
} from './digitalocean-fake-records.js';

/** What each modelled power action leaves the Droplet as, once the action completes. */
export const POWER_ACTIONS: Readonly<Record<string, DropletStatus>> = {
  power_on: 'active',
  power_off: 'off',
  shutdown: 'off',
  reboot: 'active',
  power_cycle: 'active',
};

/** The Droplet JSON of `resources/droplets/models/droplet.yml`. */
export function dropletObject(droplet: DigitalOceanFakeDroplet): Record<string, unknown> {
  const size = findSize(droplet.size);
  const region = findRegion(droplet.region);
  const image = findImage(droplet.image);
  if (size === undefined || region === undefined || image === undefined) {
    throw new Error(`Droplet ${droplet.id} refers to a size, region or image the catalog lacks.`);
  }
  // A new Droplet has no addresses yet (the create example shows `v4: []`); once running it has its
  // VPC address and its public one, plus IPv6 when asked for.
  const addressed = droplet.status !== 'new' && droplet.addressing !== 'none';
  const withPublic = droplet.addressing !== 'private-only';
  return {
    id: Number(droplet.id),
    name: droplet.name,
    memory: size.memory,
    vcpus: size.vcpus,
    disk: size.disk,
    disk_info: structuredClone(size.disk_info),
    locked: droplet.locked,
    status: droplet.status,
    kernel: null,
    created_at: droplet.createdAt,
    features: [...droplet.features],
    backup_ids: [],
    next_backup_window: null,
    snapshot_ids: [],
    image: imageObject(image),
    volume_ids: [],
    size: sizeObject(size),
    size_slug: size.slug,
    networks: {
      v4: addressed
        ? [
            {
              ip_address: droplet.privateIpv4,
              netmask: '255.255.240.0',
              gateway: '10.116.0.1',
              type: 'private',
            },
            ...(withPublic
              ? [
                  {
                    ip_address: droplet.publicIpv4,
                    netmask: '255.255.255.0',
                    gateway: gatewayOf(droplet.publicIpv4),
                    type: 'public',
                  },
                ]
              : []),
          ]
        : [],
      v6:
        addressed && withPublic && droplet.ipv6
          ? [{ ip_address: droplet.ipv6Address, netmask: 64, gateway: '2001:db8:1000::1', type: 'public' }]
          : [],
    },
    region: regionObject(region),
    tags: [...droplet.tags],
    vpc_uuid: droplet.vpcUuid,
  };
}

function gatewayOf(address: string): string {
  return `${address.split('.').slice(0, 3).join('.')}.1`;
}

/** Removes a Droplet for good; DigitalOcean also drops it from every firewall's `droplet_ids`. */
export function removeDroplet(context: DigitalOceanFakeContext, droplet: DigitalOceanFakeDroplet): void {
  context.droplets.delete(droplet.id);
  const id = Number(droplet.id);
  for (const firewall of context.firewalls.values()) {
    firewall.dropletIds = firewall.dropletIds.filter((dropletId) => dropletId !== id);
  }
}

function finishAction(
  context: DigitalOceanFakeContext,
  actionId: number,
  status: 'completed' | 'errored',
  reason?: string,
): void {
  const action = context.actions.get(actionId);
  if (action === undefined || action.status !== 'in-progress') return;
  action.status = status;
  action.completedAt = context.now();
  if (reason !== undefined) action.reason = reason;
}

/**
 * Counts one read of a Droplet and moves it along: new -> active (or, after `failNextCreation`,
 * gone with its create action `errored`), a pending action to its end state, a destroy to its end.
 * Returns the Droplet, or `undefined` once it no longer exists.
 *
 * A failed create is modelled as DigitalOcean does it: the create action ends `errored` and the
 * backend removes the Droplet, so it answers 404 from then on (the description has no failed
 * Droplet state: `status` is only new|active|off|archive).
 */
export function observeDroplet(
  context: DigitalOceanFakeContext,
  droplet: DigitalOceanFakeDroplet,
): DigitalOceanFakeDroplet | undefined {
  if (droplet.destroying) {
    droplet.destroyReads += 1;
    if (droplet.destroyReads < context.destroyAfterReads) return droplet;
    removeDroplet(context, droplet);
    return undefined;
  }
  if (droplet.status === 'new' && context.lifecycle.read(`droplet:${droplet.id}`)) {
    if (droplet.failure !== undefined) {
      finishAction(context, droplet.createActionId, 'errored', droplet.failure);
      removeDroplet(context, droplet);
      return undefined;
    }
    droplet.status = 'active';
    finishAction(context, droplet.createActionId, 'completed');
  }
  const pending =
    droplet.pendingActionId === undefined ? undefined : context.actions.get(droplet.pendingActionId);
  if (pending !== undefined && context.lifecycle.read(`action:${pending.id}`)) {
    droplet.status = POWER_ACTIONS[pending.type] ?? droplet.status;
    droplet.locked = false;
    droplet.pendingActionId = undefined;
    finishAction(context, pending.id, 'completed');
  }
  return droplet;
}

/**
 * A destroy finishes in the background, whatever is read: each listing of the account's Droplets
 * also counts one read for every Droplet being destroyed that it did not match, so one no listing
 * matches any more (its tag taken off before the DELETE) still goes away. Listings are the fake's
 * stand-in for time passing; a GET by id counts only for its own Droplet.
 */
function advanceOtherDestroys(
  context: DigitalOceanFakeContext,
  observed: readonly DigitalOceanFakeDroplet[],
): void {
  for (const droplet of context.droplets.values())
    if (droplet.destroying && !observed.includes(droplet)) observeDroplet(context, droplet);
}

/** The Droplet a `:droplet_id` names, or a 404 (ids are positive integers; anything else is not found). */
export function lookupDroplet(
  context: DigitalOceanFakeContext,
  route: RouteContext,
): DigitalOceanFakeDroplet {
  const raw = route.params.droplet_id ?? '';
  const droplet = /^[1-9]\d*$/.test(raw) ? context.droplets.get(raw) : undefined;
  if (droplet === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  return droplet;
}

/** GET /v2/droplets (`droplets_list`): tag_name, name and type filters, paginated. */
export function listDroplets(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const query = route.url.searchParams;
  const tagName = query.get('tag_name');
  const name = query.get('name');
  const type = query.get('type');
  if (tagName !== null && (name !== null || type !== null)) {
    // The description: tag_name "can not be combined with `name` or `type`".
    context.fail(422, ERROR_ID.unprocessable, 'tag_name can not be combined with name or type.');
  }
  if (type !== null && type !== 'droplets' && type !== 'gpus') {
    context.fail(422, ERROR_ID.unprocessable, 'type must be one of: droplets, gpus.');
  }
  const matching = context.droplets.values().filter((droplet) => {
    if (type === 'gpus') return false; // The catalog has no GPU sizes.
    if (tagName !== null && !droplet.tags.includes(tagName)) return false;
    if (name !== null && droplet.name.toLowerCase() !== name.toLowerCase()) return false;
    return true;
  });
  const visible = matching.flatMap((droplet) => observeDroplet(context, droplet) ?? []);
  advanceOtherDestroys(context, matching);
  const page = paginate(visible, route.url, context.maxPerPage);
  return jsonResponse({ droplets: page.items.map(dropletObject), links: page.links, meta: page.meta });
}

/** GET /v2/droplets/{droplet_id} (`droplets_get`). */
export function getDroplet(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const droplet = observeDroplet(context, lookupDroplet(context, route));
  if (droplet === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  return jsonResponse({ droplet: dropletObject(droplet) });
}

function startDestroy(context: DigitalOceanFakeContext, droplet: DigitalOceanFakeDroplet): void {
  droplet.destroying = true;
  droplet.locked = true;
  droplet.destroyReads = 0;
  if (context.destroyAfterReads === 0) removeDroplet(context, droplet);
}

/**
 * DELETE /v2/droplets/{droplet_id} (`droplets_destroy`): 204, then the Droplet stays visible, status
 * unchanged and locked, for `destroyAfterReads` more reads (GET, list, or a repeated DELETE, which
 * answers 204 while it still exists) and then answers 404, as the destroy completes in the background.
 */
export function destroyDroplet(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const droplet = lookupDroplet(context, route);
  if (droplet.destroying) {
    if (observeDroplet(context, droplet) === undefined)
      context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
    return noContent(true);
  }
  startDestroy(context, droplet);
  return noContent(true);
}

/** DELETE /v2/droplets?tag_name= (`droplets_destroy_byTag`): destroys every Droplet with the tag. */
export function destroyDropletsByTag(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const tagName = route.url.searchParams.get('tag_name');
  if (tagName === null || tagName === '') context.fail(422, ERROR_ID.unprocessable, 'tag_name is required.');
  if (!context.knownTags.has(tagName)) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  for (const droplet of context.droplets.values()) {
    if (droplet.tags.includes(tagName) && !droplet.destroying) startDestroy(context, droplet);
  }
  return noContent(true);
}
