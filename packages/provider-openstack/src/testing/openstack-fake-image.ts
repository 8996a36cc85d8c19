import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_IMAGES, FAKE_PROJECT } from './openstack-fake-catalog.js';
import type { FakeImage } from './openstack-fake-records.js';
import { fail, json } from './openstack-fake-wire.js';

// Glance v2, from its API reference (https://docs.openstack.org/api-ref/image/v2/): custom
// properties sit at the top level of an image and filter a listing by equality.

const STANDARD = new Set([
  'limit',
  'marker',
  'sort',
  'sort_key',
  'sort_dir',
  'visibility',
  'status',
  'name',
  'member_status',
  'os_hidden',
]);

export function imageObject(image: FakeImage) {
  return {
    id: image.id,
    name: image.name,
    status: 'active',
    visibility: image.visibility,
    protected: false,
    os_hidden: false,
    owner: image.visibility === 'private' ? FAKE_PROJECT.id : '2f8e0b6c4a1d4e7f9b3c5a7d9e1f3b5d',
    checksum: 'd41d8cd98f00b204e9800998ecf8427e',
    os_hash_algo: 'sha512',
    os_hash_value: null,
    size: 612368384,
    virtual_size: 3758096384,
    min_ram: image.minRam,
    min_disk: image.minDisk,
    disk_format: 'qcow2',
    container_format: 'bare',
    created_at: image.created,
    updated_at: image.created,
    tags: [],
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
    ...image.properties,
  };
}

/** `GET /v2/images`: filters, `sort=key:dir`, `limit` and `marker`, `next` while more remain. */
export function listImages(route: RouteContext): Response {
  const query = route.url.searchParams;
  const visibility = query.get('visibility');
  let images = FAKE_IMAGES.filter((image) => {
    if (visibility !== null && visibility !== 'all' && image.visibility !== visibility) return false;
    if (query.has('name') && image.name !== query.get('name')) return false;
    if (query.has('status') && query.get('status') !== 'active') return false;
    for (const [key, value] of query) if (!STANDARD.has(key) && image.properties[key] !== value) return false;
    return true;
  });
  const [key = 'created_at', direction = 'desc'] =
    (query.get('sort') ?? 'created_at:desc').split(',')[0]?.split(':') ?? [];
  if (!['created_at', 'name', 'updated_at', 'id'].includes(key))
    fail('image', 400, `Invalid sort key: ${key}.`);
  const field = (image: FakeImage) => (key === 'name' ? image.name : key === 'id' ? image.id : image.created);
  images = [...images].sort(
    (a, b) => (field(a) < field(b) ? -1 : field(a) > field(b) ? 1 : 0) * (direction === 'asc' ? 1 : -1),
  );
  const marker = query.get('marker');
  const start = marker === null ? 0 : images.findIndex((image) => image.id === marker) + 1;
  if (marker !== null && start === 0)
    fail('image', 400, `Invalid marker. Image ${marker} could not be found.`);
  const limit = Math.max(1, Math.min(Number(query.get('limit') ?? 25) || 25, 1000));
  const page = images.slice(start, start + limit);
  const next = new URLSearchParams(query);
  next.set('marker', page.at(-1)?.id ?? '');
  return json({
    images: page.map(imageObject),
    first: `/v2/images${query.size === 0 ? '' : `?${new URLSearchParams([...query].filter(([name]) => name !== 'marker'))}`}`,
    schema: '/v2/schemas/images',
    ...(start + limit < images.length ? { next: `/v2/images?${next}` } : {}),
  });
}

/** `GET /v2/images/{id}`. */
export function getImage(route: RouteContext): Response {
  const image = FAKE_IMAGES.find((candidate) => candidate.id === route.params.id);
  if (image === undefined) fail('image', 404, `No image found with ID ${route.params.id}`);
  return json(imageObject(image));
}
