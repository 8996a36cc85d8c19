import type { RouteContext } from '@provision/testkit/fake-cloud';
import {
  CATALOG_REGIONS,
  type CatalogRegion,
  findImage,
  findRegion,
  findSize,
} from './digitalocean-fake-catalog.js';
import { dropletObject } from './digitalocean-fake-droplets.js';
import { ERROR_ID, fakeUuid, jsonResponse } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeContext, DigitalOceanFakeDroplet } from './digitalocean-fake-records.js';

/** Operation name of POST /v2/droplets: the description's operationId. */
export const CREATE_DROPLET_OPERATION = 'droplets_create';

// `droplet_single_create.yml`: name pattern and maximum length.
const NAME_PATTERN = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;
const NAME_MAX_LENGTH = 255;
// `tags/models/tags.yml`: "letters, numbers, colons, dashes, and underscores", at most 255 characters.
const TAG_PATTERN = /^[a-zA-Z0-9_\-:]+$/;
const TAG_MAX_LENGTH = 255;
// `droplet_create.yml`: user data "may not exceed 64 KiB in size".
const USER_DATA_MAX_BYTES = 64 * 1024;
// `droplets_create.yml`: "Up to ten Droplets may be created this way at a time".
const MULTI_CREATE_MAX = 10;

/** Error messages the live API sends (see the fixture's SOURCE notes); the others are the fake's own. */
const MESSAGE = {
  invalidName: 'Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)',
  invalidRegion: 'You specified an invalid region for Droplet creation.',
  invalidSize: 'You specified an invalid size for Droplet creation.',
  invalidImage: 'You specified an invalid image for Droplet creation.',
  regionUnavailable: 'Region is not available',
  sizeUnavailable: 'Size is not available in this region.',
  dropletLimit: 'creating this/these droplet(s) will exceed your droplet limit',
  payload: 'request payload validation failed',
} as const;

/** A plan slug no catalog has: asking `hasCapacity` with it tells a region-wide sell-out apart. */
const ANY_OTHER_SIZE = '\u0000any-size';

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNames(context: DigitalOceanFakeContext, body: Body): string[] {
  const reject = (message: string): never => context.fail(422, ERROR_ID.unprocessable, message);
  let names: unknown[];
  if (body.names !== undefined) {
    if (!Array.isArray(body.names) || body.names.length === 0)
      reject('names must be a non-empty array of strings.');
    if ((body.names as unknown[]).length > MULTI_CREATE_MAX)
      reject(`At most ${MULTI_CREATE_MAX} Droplets may be created at a time.`);
    names = body.names as unknown[];
  } else {
    if (body.name === undefined || body.name === null || body.name === '') reject('name is required.');
    names = [body.name];
  }
  for (const name of names) {
    if (typeof name !== 'string' || name.length > NAME_MAX_LENGTH || !NAME_PATTERN.test(name))
      reject(MESSAGE.invalidName);
  }
  return names as string[];
}

function checkBoolean(context: DigitalOceanFakeContext, body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') context.fail(422, ERROR_ID.unprocessable, `${field} must be a boolean.`);
  return value;
}

function checkTags(context: DigitalOceanFakeContext, body: Body): string[] {
  if (body.tags === undefined || body.tags === null) return [];
  if (!Array.isArray(body.tags))
    context.fail(422, ERROR_ID.unprocessable, 'tags must be an array of strings.');
  const tags: string[] = [];
  for (const tag of body.tags) {
    if (
      typeof tag !== 'string' ||
      tag.length === 0 ||
      tag.length > TAG_MAX_LENGTH ||
      !TAG_PATTERN.test(tag)
    ) {
      // Worded after the tag error example in `tags/responses/tags_bad_request.yml`.
      const shown = typeof tag === 'string' ? tag.slice(0, 64) : String(tag);
      context.fail(
        422,
        ERROR_ID.unprocessable,
        `Error validating resource tag: tag-name "${shown}" must contain only letters, numbers, colons, dashes and underscores, at most ${TAG_MAX_LENGTH} characters`,
      );
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function checkUserData(context: DigitalOceanFakeContext, body: Body): string | undefined {
  const value = body.user_data;
  if (value === undefined || value === null) return undefined;
  // Never echo the user data: it may hold secrets.
  if (typeof value !== 'string') context.fail(422, ERROR_ID.unprocessable, 'user_data must be a string.');
  if (Buffer.byteLength(value, 'utf8') > USER_DATA_MAX_BYTES) {
    context.fail(422, ERROR_ID.unprocessable, 'user_data exceeds the maximum size of 64 KiB.');
  }
  return value;
}

/**
 * The region to create in. A full slug must exist and be available; a bare prefix (`nyc`) or no
 * region at all lets the fake pick, as the description allows: the first catalog region (matching
 * the prefix) that offers the size and has capacity.
 */
function placeDroplet(context: DigitalOceanFakeContext, requested: unknown, size: string): CatalogRegion {
  const reject = (message: string): never => context.fail(422, ERROR_ID.unprocessable, message);
  if (requested !== undefined && requested !== null && typeof requested !== 'string')
    reject(MESSAGE.invalidRegion);
  const slug = requested as string | undefined | null;
  if (typeof slug === 'string' && /\d$/.test(slug)) {
    const region = findRegion(slug) ?? reject(MESSAGE.invalidRegion);
    if (!region.available || !context.hasCapacity(region.slug, ANY_OTHER_SIZE))
      reject(MESSAGE.regionUnavailable);
    if (!region.sizes.includes(size) || !context.hasCapacity(region.slug, size))
      reject(MESSAGE.sizeUnavailable);
    return region;
  }
  const candidates = CATALOG_REGIONS.filter(
    (region) => typeof slug !== 'string' || region.slug.startsWith(slug),
  );
  if (candidates.length === 0) reject(MESSAGE.invalidRegion);
  const region = candidates.find(
    (candidate) =>
      candidate.available && candidate.sizes.includes(size) && context.hasCapacity(candidate.slug, size),
  );
  return region ?? reject(MESSAGE.sizeUnavailable);
}

function addresses(
  index: number,
): Pick<DigitalOceanFakeDroplet, 'publicIpv4' | 'privateIpv4' | 'ipv6Address'> {
  // Documentation ranges (RFC 5737 / RFC 3849): 203.0.113.10-249, then 198.51.100.10-249.
  const block = index <= 240 ? '203.0.113' : '198.51.100';
  const host = 9 + (((index - 1) % 240) + 1);
  return {
    publicIpv4: `${block}.${host}`,
    privateIpv4: `10.116.${Math.floor(index / 250)}.${(index % 250) + 2}`,
    ipv6Address: `2001:db8:1000::${index.toString(16)}`,
  };
}

/** `ssh_keys` name keys of the account by id or fingerprint; unknown ones answer 422 as the live API does. */
function checkSshKeys(context: DigitalOceanFakeContext, body: Record<string, unknown>): void {
  if (body.ssh_keys === undefined) return;
  if (!Array.isArray(body.ssh_keys)) context.fail(422, ERROR_ID.unprocessable, MESSAGE.payload);
  const keys = context.sshKeys.values();
  const unknown = body.ssh_keys.filter(
    (reference: unknown) =>
      !keys.some((key) =>
        typeof reference === 'number' ? Number(key.id) === reference : key.fingerprint === reference,
      ),
  );
  if (unknown.length > 0)
    context.fail(
      422,
      ERROR_ID.unprocessable,
      `${unknown.map(String).join(', ')} are invalid key identifiers for Droplet creation.`,
    );
}

/** POST /v2/droplets (`droplets_create`): 202 `{ droplet, links: { actions } }` (or `droplets` for `names`). */
export async function createDroplets(
  context: DigitalOceanFakeContext,
  route: RouteContext,
): Promise<Response> {
  const body = await route.json<unknown>();
  if (!isObject(body)) context.fail(422, ERROR_ID.unprocessable, MESSAGE.payload);
  const names = checkNames(context, body);
  const size = typeof body.size === 'string' ? findSize(body.size) : undefined;
  if (size === undefined) context.fail(422, ERROR_ID.unprocessable, MESSAGE.invalidSize);
  const image = findImage(body.image);
  if (image === undefined) context.fail(422, ERROR_ID.unprocessable, MESSAGE.invalidImage);
  const tags = checkTags(context, body);
  checkSshKeys(context, body);
  const userData = checkUserData(context, body);
  const ipv6 = checkBoolean(context, body, 'ipv6') ?? false;
  const monitoring = checkBoolean(context, body, 'monitoring') ?? false;
  const backups = checkBoolean(context, body, 'backups') ?? false;
  const withAgent = checkBoolean(context, body, 'with_droplet_agent') ?? true;
  const region = placeDroplet(context, body.region, size.slug);
  if (context.droplets.size + names.length > context.dropletLimit) {
    context.fail(422, ERROR_ID.unprocessable, MESSAGE.dropletLimit);
  }
  const features = [
    ...(backups ? ['backups'] : []),
    ...(ipv6 ? ['ipv6'] : []),
    ...(monitoring ? ['monitoring'] : []),
    ...(withAgent ? ['droplet_agent'] : []),
  ];
  const created = names.map((name) => {
    const id = context.droplets.nextId();
    const actionId = context.nextActionId();
    const now = context.now();
    context.actions.set(actionId, {
      id: actionId,
      status: 'in-progress',
      type: 'create',
      startedAt: now,
      completedAt: null,
      resourceId: Number(id),
      region: region.slug,
    });
    for (const tag of tags) context.knownTags.add(tag);
    return context.droplets.set({
      id,
      name,
      region: region.slug,
      size: size.slug,
      image: image.slug,
      status: 'new',
      locked: false,
      createdAt: now,
      tags: [...tags],
      features: [...features],
      ipv6,
      monitoring,
      backups,
      userData,
      vpcUuid: fakeUuid('5c0a1e00', CATALOG_REGIONS.indexOf(region) + 1),
      ...addresses(context.nextAddressIndex()),
      createActionId: actionId,
      failure: context.takeAsyncFailure(CREATE_DROPLET_OPERATION),
      destroying: false,
      destroyReads: 0,
      pendingActionId: undefined,
    });
  });
  const actions = created.map((droplet) => ({
    id: droplet.createActionId,
    rel: 'create',
    href: `${context.baseUrl}/v2/actions/${droplet.createActionId}`,
  }));
  const payload =
    body.names === undefined
      ? { droplet: dropletObject(created[0] as DigitalOceanFakeDroplet), links: { actions } }
      : { droplets: created.map(dropletObject), links: { actions } };
  return jsonResponse(payload, 202);
}
