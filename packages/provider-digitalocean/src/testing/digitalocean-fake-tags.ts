import type { RouteContext } from '@provision/testkit/fake-cloud';
import { ERROR_ID, ERROR_MESSAGE, jsonResponse, noContent } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeContext } from './digitalocean-fake-records.js';

// `resources/tags/models/tags_resource.yml`: the resource types an untag names.
const RESOURCE_TYPES = new Set(['droplet', 'image', 'volume', 'volume_snapshot']);

// `resources/tags/models/tags.yml`: letters, digits, colons, dashes and underscores, at most 255.
const TAG_NAME = /^[a-zA-Z0-9_\-:]{1,255}$/;

interface TagResource {
  readonly resource_id?: unknown;
  readonly resource_type?: unknown;
}

/**
 * DELETE /v2/tags/{tag_id}/resources (`tags_unassign_resources`): removes the tag from the listed
 * resources and answers 204 with no body (`shared/responses/no_content.yml`); 404 for a tag the
 * account has never had. `resources` is required; the fake models Droplets only, so other types
 * (and Droplets that no longer exist) are accepted and change nothing. The tag itself stays on the
 * account, as with the API (deleting it is `tags_delete`).
 */
export async function unassignTag(context: DigitalOceanFakeContext, route: RouteContext): Promise<Response> {
  const tag = route.params.tag_id ?? '';
  const body = await route.json<{ resources?: unknown }>();
  const resources = body?.resources;
  if (!Array.isArray(resources))
    context.fail(422, ERROR_ID.unprocessable, 'resources is required and must be an array.');
  for (const resource of resources as TagResource[]) {
    if (typeof resource?.resource_id !== 'string' || !RESOURCE_TYPES.has(String(resource.resource_type)))
      context.fail(
        422,
        ERROR_ID.unprocessable,
        'each resource needs a string resource_id and a resource_type of droplet, image, volume or volume_snapshot.',
      );
  }
  if (!context.knownTags.has(tag)) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  for (const resource of resources as TagResource[]) {
    if (resource.resource_type !== 'droplet') continue;
    const droplet = context.droplets.get(resource.resource_id as string);
    if (droplet !== undefined) droplet.tags = droplet.tags.filter((other) => other !== tag);
  }
  return noContent(false);
}

/**
 * POST /v2/tags (`tags_create`): 201 `{ tag }` with its name and the count of what carries it
 * (`responses/tags_new.yml`); a name outside the model's pattern or length answers 400
 * (`responses/tags_bad_request.yml`, an `error_with_root_causes` body in the description; the fake
 * sends its usual error body). The description names no other answer for a tag the account has
 * already, so the fake answers 201 with the tag as it is, changing nothing.
 */
export async function createTag(context: DigitalOceanFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<{ name?: unknown }>();
  const name = body?.name;
  if (typeof name !== 'string' || !TAG_NAME.test(name))
    context.fail(400, ERROR_ID.badRequest, 'tag name must be 1 to 255 letters, digits, ":", "-" or "_".');
  context.knownTags.add(name as string);
  const droplets = context.droplets
    .values()
    .filter((droplet) => droplet.tags.includes(name as string)).length;
  const resources = { count: droplets, droplets: { count: droplets } };
  return jsonResponse({ tag: { name, resources } }, 201);
}
