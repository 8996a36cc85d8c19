import type { RouteContext } from '@provision/testkit/fake-cloud';
import { ERROR_ID, ERROR_MESSAGE, noContent } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeContext } from './digitalocean-fake-records.js';

// `resources/tags/models/tags_resource.yml`: the resource types an untag names.
const RESOURCE_TYPES = new Set(['droplet', 'image', 'volume', 'volume_snapshot']);

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
