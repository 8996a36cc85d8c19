/**
 * The fake's static catalog: the cheapest Basic (regular SSD) sizes, ten current regions and three
 * public images. Shapes follow `resources/sizes/models/size.yml`, `resources/regions/models/region.yml`
 * and `resources/images/models/image.yml` of DigitalOcean's OpenAPI description. Where each figure
 * comes from (checked 2026-11-22):
 * - s-1vcpu-512mb-10gb: memory, disk, transfer 0.5, $4.00, $0.00595/h and its region list are from a
 *   live `POST /v2/droplets` answer (Nov 2023, quoted in a public repository); that size is not
 *   offered in every region.
 * - s-1vcpu-1gb $6.00/$0.00893 is from a live `/v2/sizes` answer quoted in a public test; the other
 *   Basic prices ($12, $18, $24, $48), disks and transfer allowances are DigitalOcean's Droplet pricing
 *   page; every hourly price is the monthly one / 672 (the 4-week monthly cap), rounded to 5 places,
 *   which reproduces both observed hourly prices exactly.
 * - s-2vcpu-4gb is not offered in nyc3 (its live region list, March 2026, quoted in a public PR).
 * - Region names and `features` are from the same live answer; sfo1 is listed as not available, as
 *   the live API lists it (new Droplets cannot be created there).
 * - Image slugs are real; their numeric ids, sizes and dates are the fake's own.
 */

/** One Droplet size as `/v2/sizes` lists it. */
export interface CatalogSize {
  slug: string;
  memory: number;
  vcpus: number;
  disk: number;
  transfer: number;
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
  description: string;
  disk_info: Array<{ type: 'local'; size: { amount: number; unit: 'gib' } }>;
}

/** One region as `/v2/regions` lists it. */
export interface CatalogRegion {
  name: string;
  slug: string;
  features: string[];
  available: boolean;
  sizes: string[];
}

/** One public image as it appears inside a Droplet. */
export interface CatalogImage {
  id: number;
  name: string;
  distribution: string;
  slug: string;
  public: boolean;
  regions: string[];
  created_at: string;
  type: 'base';
  min_disk_size: number;
  size_gigabytes: number;
  description: string;
  tags: string[];
  status: 'available';
  error_message: string;
}

const REGION_NAMES: ReadonlyArray<readonly [slug: string, name: string]> = [
  ['nyc1', 'New York 1'],
  ['nyc3', 'New York 3'],
  ['sfo3', 'San Francisco 3'],
  ['ams3', 'Amsterdam 3'],
  ['sgp1', 'Singapore 1'],
  ['lon1', 'London 1'],
  ['fra1', 'Frankfurt 1'],
  ['tor1', 'Toronto 1'],
  ['blr1', 'Bangalore 1'],
  ['syd1', 'Sydney 1'],
];
const AVAILABLE_REGIONS = REGION_NAMES.map(([slug]) => slug);
const REGION_FEATURES = ['backups', 'ipv6', 'metadata', 'install_agent', 'storage', 'image_transfer'];

function basic(
  slug: string,
  memory: number,
  vcpus: number,
  disk: number,
  transfer: number,
  priceMonthly: number,
  regions: readonly string[],
): CatalogSize {
  return {
    slug,
    memory,
    vcpus,
    disk,
    transfer,
    price_monthly: priceMonthly,
    price_hourly: Math.round((priceMonthly / 672) * 100_000) / 100_000,
    regions: [...regions],
    available: true,
    description: 'Basic',
    disk_info: [{ type: 'local', size: { amount: disk, unit: 'gib' } }],
  };
}

/** Sizes, cheapest first. */
export const CATALOG_SIZES: readonly CatalogSize[] = [
  basic('s-1vcpu-512mb-10gb', 512, 1, 10, 0.5, 4, ['ams3', 'fra1', 'nyc1', 'sfo3', 'sgp1', 'syd1']),
  basic('s-1vcpu-1gb', 1024, 1, 25, 1, 6, AVAILABLE_REGIONS),
  basic('s-1vcpu-2gb', 2048, 1, 50, 2, 12, AVAILABLE_REGIONS),
  basic('s-2vcpu-2gb', 2048, 2, 60, 3, 18, AVAILABLE_REGIONS),
  basic(
    's-2vcpu-4gb',
    4096,
    2,
    80,
    4,
    24,
    AVAILABLE_REGIONS.filter((region) => region !== 'nyc3'),
  ),
  basic('s-4vcpu-8gb', 8192, 4, 160, 5, 48, AVAILABLE_REGIONS),
];

/** Regions in the order the fake lists them (and picks one when a create names none). */
export const CATALOG_REGIONS: readonly CatalogRegion[] = [
  ...REGION_NAMES.map(([slug, name]) => ({
    name,
    slug,
    features: [...REGION_FEATURES],
    available: true,
    sizes: CATALOG_SIZES.filter((size) => size.regions.includes(slug)).map((size) => size.slug),
  })),
  {
    name: 'San Francisco 1',
    slug: 'sfo1',
    features: ['backups', 'ipv6', 'metadata'],
    available: false,
    sizes: [],
  },
];

function image(
  id: number,
  slug: string,
  name: string,
  distribution: string,
  sizeGigabytes: number,
): CatalogImage {
  return {
    id,
    name,
    distribution,
    slug,
    public: true,
    regions: [...AVAILABLE_REGIONS],
    created_at: '2026-01-05T10:00:00Z',
    type: 'base',
    min_disk_size: 7,
    size_gigabytes: sizeGigabytes,
    description: `${distribution} ${name}`,
    tags: [],
    status: 'available',
    error_message: '',
  };
}

/** The public images the fake accepts, by slug or by id. */
export const CATALOG_IMAGES: readonly CatalogImage[] = [
  image(190000104, 'ubuntu-26-04-x64', '26.04 (LTS) x64', 'Ubuntu', 2.95),
  image(190000101, 'ubuntu-24-04-x64', '24.04 (LTS) x64', 'Ubuntu', 2.79),
  image(190000102, 'ubuntu-22-04-x64', '22.04 (LTS) x64', 'Ubuntu', 2.41),
  image(190000105, 'debian-13-x64', '13 x64', 'Debian', 1.2),
  image(190000103, 'debian-12-x64', '12 x64', 'Debian', 1.12),
];

export function findSize(slug: string): CatalogSize | undefined {
  return CATALOG_SIZES.find((size) => size.slug === slug);
}

export function findRegion(slug: string): CatalogRegion | undefined {
  return CATALOG_REGIONS.find((region) => region.slug === slug);
}

/** An image by slug (string) or numeric id (number), as `image` on a create request allows. */
export function findImage(reference: unknown): CatalogImage | undefined {
  if (typeof reference === 'number') return CATALOG_IMAGES.find((entry) => entry.id === reference);
  if (typeof reference === 'string') return CATALOG_IMAGES.find((entry) => entry.slug === reference);
  return undefined;
}

/** Deep copies, so an answer never shares arrays with the catalog. */
export function sizeObject(size: CatalogSize): CatalogSize {
  return structuredClone(size);
}

export function regionObject(region: CatalogRegion): CatalogRegion {
  return structuredClone(region);
}

export function imageObject(entry: CatalogImage): CatalogImage {
  return structuredClone(entry);
}
