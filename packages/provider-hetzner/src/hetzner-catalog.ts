import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/** The monthly charge of a primary IPv4 (net, EUR), added to every plan: a server's public IPv4 is billed on its own. */
export const PRIMARY_IPV4_MONTHLY = 0.5;

/** Its hourly charge (net, EUR). */
export const PRIMARY_IPV4_HOURLY = 0.0007;

// Shared-vCPU server types, net prices in EUR (without VAT) with the primary IPv4 included.
// Live prices come from `GET /pricing` (plans()); these are what defaults and `--dry-run` use.
// cx23 and cx33 carry the figures `GET /pricing` answered for fsn1 after the 2026-04-01 increase
// (as reported by a third party on 2026-05-27); the others predate it (docs/providers/hetzner.md).
// https://www.hetzner.com/cloud  https://docs.hetzner.cloud/reference/cloud#server-types
const type = (
  id: string,
  cpus: number,
  memoryGB: number,
  diskGB: number,
  monthly: number,
  hourly: number,
  regions: readonly string[],
  architecture: 'x86_64' | 'arm64' = 'x86_64',
): Plan => ({
  id,
  cpus,
  memoryMiB: memoryGB * 1024,
  diskGB,
  publicIpv4: true,
  architecture,
  price: {
    monthly: Math.round((monthly + PRIMARY_IPV4_MONTHLY) * 100) / 100,
    hourly: Math.round((hourly + PRIMARY_IPV4_HOURLY) * 10_000) / 10_000,
    currency: 'EUR',
    source: 'catalog',
    checkedAt: CHECKED_AT,
  },
  regions,
});

const EU = ['fsn1', 'nbg1', 'hel1'];

/**
 * Dated offline data for Hetzner Cloud: what `--dry-run`, `plans` without a token and the
 * defaults are resolved against. `plans()` reads live prices from the API instead.
 */
export const hetznerCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'EUR',
  plans: [
    type('cx23', 2, 4, 40, 3.99, 0.0064, EU),
    type('cax11', 2, 4, 40, 3.79, 0.0061, EU, 'arm64'),
    type('cpx22', 3, 4, 80, 5.99, 0.0096, [...EU, 'ash', 'hil', 'sin']),
    type('cx33', 4, 8, 80, 6.49, 0.0104, EU),
    type('cax21', 4, 8, 80, 6.49, 0.0104, EU, 'arm64'),
    type('cpx32', 4, 8, 160, 10.49, 0.0168, [...EU, 'ash', 'hil', 'sin']),
  ],
  // https://docs.hetzner.cloud/reference/cloud#locations
  regions: [
    { id: 'fsn1', name: 'Falkenstein', available: true },
    { id: 'nbg1', name: 'Nuremberg', available: true },
    { id: 'hel1', name: 'Helsinki', available: true },
    { id: 'ash', name: 'Ashburn, VA', available: true },
    { id: 'hil', name: 'Hillsboro, OR', available: true },
    { id: 'sin', name: 'Singapore', available: true },
  ],
  // OS id -> system image name; Hetzner picks the image of the server type's architecture.
  // Ubuntu 26.04 is the current LTS (April 2026).
  images: {
    'ubuntu-26.04': 'ubuntu-26.04',
    'ubuntu-24.04': 'ubuntu-24.04',
    'ubuntu-22.04': 'ubuntu-22.04',
    'debian-13': 'debian-13',
    'debian-12': 'debian-12',
  },
};
