import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-01';

// Shared CPU plans with Linode's published default prices; every Linode includes one public IPv4
// and one IPv6 address. Jakarta (id-cgk) and São Paulo (br-gru) cost more (the types endpoint's
// `region_prices`), so these prices hold only for `pricedRegions`; plans() reads them live.
// https://www.linode.com/pricing/  https://techdocs.akamai.com/linode-api/reference/get-linode-types
const plan = (
  id: string,
  cpus: number,
  memoryMiB: number,
  diskGB: number,
  monthly: number,
  hourly: number,
): Plan => ({
  id,
  cpus,
  memoryMiB,
  diskGB,
  publicIpv4: true,
  price: { monthly, hourly, currency: 'USD', source: 'catalog', checkedAt: CHECKED_AT },
});

// Core compute regions whose `capabilities` list "Metadata", the service that hands user-data to
// cloud-init: provision only offers regions where the user-data reaches the host.
// https://techdocs.akamai.com/cloud-computing/docs/overview-of-the-metadata-service
const METADATA_REGIONS: ReadonlyArray<[string, string]> = [
  ['us-ord', 'Chicago, IL'],
  ['us-iad', 'Washington, DC'],
  ['us-sea', 'Seattle, WA'],
  ['us-lax', 'Los Angeles, CA'],
  ['us-mia', 'Miami, FL'],
  ['fr-par', 'Paris, FR'],
  ['nl-ams', 'Amsterdam, NL'],
  ['se-sto', 'Stockholm, SE'],
  ['es-mad', 'Madrid, ES'],
  ['it-mil', 'Milan, IT'],
  ['in-maa', 'Chennai, IN'],
  ['jp-osa', 'Osaka, JP'],
  ['id-cgk', 'Jakarta, ID'],
  ['br-gru', 'São Paulo, BR'],
];

/**
 * Dated offline data for Linode: what `--dry-run`, `plans` without a token and the defaults are
 * resolved against. `plans()` reads live prices (per region where they differ) from the API.
 */
export const linodeCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  pricedRegions: METADATA_REGIONS.map(([id]) => id).filter((id) => id !== 'id-cgk' && id !== 'br-gru'),
  plans: [
    plan('g6-nanode-1', 1, 1024, 25, 5, 0.0075),
    plan('g6-standard-1', 1, 2048, 50, 12, 0.018),
    plan('g6-standard-2', 2, 4096, 80, 24, 0.036),
    plan('g6-standard-4', 4, 8192, 160, 48, 0.072),
    plan('g6-standard-6', 6, 16384, 320, 96, 0.144),
  ],
  regions: METADATA_REGIONS.map(([id, name]) => ({ id, name, available: true })),
  // OS id -> public image id. Official images are published by Linode itself (`created_by:
  // "linode"`, ids under `linode/`), never picked by label. Ubuntu 26.04 is the current LTS.
  images: {
    'ubuntu-26.04': 'linode/ubuntu26.04',
    'ubuntu-24.04': 'linode/ubuntu24.04',
    'ubuntu-22.04': 'linode/ubuntu22.04',
    'debian-13': 'linode/debian13',
    'debian-12': 'linode/debian12',
  },
};
