import type { RouteContext } from '@provision/testkit/fake-cloud';
import { CATALOG_IMAGES, type CatalogImage, imageObject } from './digitalocean-fake-catalog.js';
import { ERROR_ID, ERROR_MESSAGE, jsonResponse, paginate } from './digitalocean-fake-http.js';
import type { DigitalOceanFakeContext } from './digitalocean-fake-records.js';

/**
 * `GET /v2/images` (`images_list`) and `GET /v2/images/{image_id}` (`images_get`), from
 * `resources/images/` of DigitalOcean's OpenAPI description. The fake's images are all public
 * distribution images (no 1-Click applications, no snapshots or custom images of the account), so:
 * `type=distribution` lists them all and `type=application` none; `private=true` lists none;
 * `tag_name` matches an image's `tags`, which are empty for public images. A `type` outside the
 * description's enum is ignored, as the description gives no error for it.
 */

function distributionImages(): readonly CatalogImage[] {
  return CATALOG_IMAGES;
}

/** GET /v2/images: `{ images, links, meta }`, filtered by `type`, `private` and `tag_name`, paginated. */
export function listImages(_context: DigitalOceanFakeContext, route: RouteContext): Response {
  const query = route.url.searchParams;
  const type = query.get('type');
  const tag = query.get('tag_name');
  let images = [...distributionImages()];
  if (type === 'application') images = [];
  if (query.get('private') === 'true') images = images.filter((image) => !image.public);
  if (tag !== null) images = images.filter((image) => image.tags.includes(tag));
  const page = paginate(images, route.url);
  return jsonResponse({ images: page.items.map(imageObject), links: page.links, meta: page.meta });
}

/** GET /v2/images/{image_id}: a public image by numeric id or slug; 404 otherwise. */
export function getImage(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const reference = route.params.image_id as string;
  const image = /^\d+$/.test(reference)
    ? CATALOG_IMAGES.find((candidate) => candidate.id === Number(reference))
    : CATALOG_IMAGES.find((candidate) => candidate.slug === reference && candidate.public);
  if (image === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  return jsonResponse({ image: imageObject(image) });
}
