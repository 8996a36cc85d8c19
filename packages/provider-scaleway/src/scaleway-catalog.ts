import { type Catalog, type Plan, type ResolvedHostSpec, UnsupportedError } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/**
 * A public IPv4 on Scaleway is a flexible IP, billed apart from the Instance (IPv6 is free).
 * Figures from Scaleway's pricing page as last read; not confirmed against an official list on
 * 2026-12-02 (docs/providers/scaleway.md). `plans()` adds these to the live Instance prices.
 * https://www.scaleway.com/en/pricing/network/
 */
export const IPV4_HOURLY = 0.004;
export const IPV4_MONTHLY = 2.92;

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function plan(
  id: string,
  cpus: number,
  memoryMiB: number,
  hourly: number,
  monthly: number,
  regions?: readonly string[],
): Plan {
  return {
    id,
    ...(regions === undefined ? {} : { regions }),
    cpus,
    memoryMiB,
    publicIpv4: true,
    architecture: 'x86_64',
    price: {
      monthly: round(monthly + IPV4_MONTHLY),
      hourly: round(hourly + IPV4_HOURLY),
      currency: 'EUR',
      source: 'catalog',
      checkedAt: CHECKED_AT,
    },
  };
}

/**
 * Instance types whose root volume can be local (`l_ssd`), which the `terminate` action deletes
 * with the server: provision creates every host on one, so nothing billed outlives it. Prices
 * exclude VAT and include the IPv4. https://www.scaleway.com/en/pricing/virtual-instances/
 * Live figures: `GET /instance/v1/zones/{zone}/products/servers` (plans()).
 */
export const scalewayCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'EUR',
  plans: [
    // Sold only in Paris 1 and Amsterdam 1, in small numbers.
    plan('STARDUST1-S', 1, 1024, 0.00015, 0.11, ['fr-par-1', 'nl-ams-1']),
    plan('DEV1-S', 2, 2048, 0.0088, 6.42),
    plan('DEV1-M', 3, 4096, 0.0198, 14.45),
    plan('DEV1-L', 4, 8192, 0.042, 30.66),
    plan('GP1-XS', 4, 16384, 0.091, 66.43),
  ],
  // Availability Zones of the Instance API. https://www.scaleway.com/en/docs/console/account/reference-content/products-availability/
  regions: [
    { id: 'fr-par-1', name: 'Paris 1', available: true },
    { id: 'fr-par-2', name: 'Paris 2', available: true },
    { id: 'fr-par-3', name: 'Paris 3', available: true },
    { id: 'nl-ams-1', name: 'Amsterdam 1', available: true },
    { id: 'nl-ams-2', name: 'Amsterdam 2', available: true },
    { id: 'nl-ams-3', name: 'Amsterdam 3', available: true },
    { id: 'pl-waw-1', name: 'Warsaw 1', available: true },
    { id: 'pl-waw-2', name: 'Warsaw 2', available: true },
    { id: 'pl-waw-3', name: 'Warsaw 3', available: true },
  ],
  // OS id -> Scaleway marketplace image label. The create request takes the label, and Scaleway
  // resolves it to its own image for the zone and Instance type, so only images Scaleway itself
  // publishes in its marketplace are ever chosen. https://www.scaleway.com/en/developers/api/marketplace/
  images: {
    'ubuntu-24.04': 'ubuntu_noble',
    'ubuntu-22.04': 'ubuntu_jammy',
    'debian-12': 'debian_bookworm',
  },
};

/**
 * Refuses, before any request, a type of the catalog that Scaleway does not sell in the spec's
 * zone (STARDUST1-S outside `fr-par-1` and `nl-ams-1`). A type the catalog does not know is left
 * to the API, which answers for it.
 * @throws UnsupportedError naming the type, the zone and the zones that sell it.
 */
export function refuseUnsoldType(spec: Pick<ResolvedHostSpec, 'plan' | 'region'>): void {
  const regions = scalewayCatalog.plans.find((candidate) => candidate.id === spec.plan)?.regions;
  if (regions === undefined || regions.includes(spec.region)) return;
  throw new UnsupportedError(
    `Scaleway does not sell the Instance type ${spec.plan} in zone ${spec.region}.`,
    {
      provider: 'scaleway',
      operation: 'provision',
      hint: `${spec.plan} is sold in ${regions.join(', ')}: ask for one of those zones, or another type.`,
    },
  );
}
