import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-11-22';

// Basic ("s-") and premium AMD/Intel sizes, with DigitalOcean's published monthly and hourly
// prices. Every droplet includes its public IPv4 address at no extra charge.
// https://www.digitalocean.com/pricing/droplets  https://docs.digitalocean.com/reference/api/digitalocean/#tag/Sizes
const size = (
  id: string,
  cpus: number,
  memoryMiB: number,
  diskGB: number,
  monthly: number,
  hourly: number,
  regions?: readonly string[],
): Plan => ({
  id,
  cpus,
  memoryMiB,
  diskGB,
  publicIpv4: true,
  price: { monthly, hourly, currency: 'USD', source: 'catalog', checkedAt: CHECKED_AT },
  ...(regions === undefined ? {} : { regions }),
});

/**
 * Dated offline data for DigitalOcean: what `--dry-run`, `plans` without a token and the
 * defaults are resolved against. `plans()` reads live prices from the API instead.
 */
export const digitaloceanCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    // The $4 size is sold in fewer regions than the others (its live `regions` list).
    size('s-1vcpu-512mb-10gb', 1, 512, 10, 4, 0.00595, ['ams3', 'fra1', 'nyc1', 'sfo3', 'sgp1', 'syd1']),
    size('s-1vcpu-1gb', 1, 1024, 25, 6, 0.00893),
    size('s-1vcpu-1gb-amd', 1, 1024, 25, 7, 0.01042),
    size('s-1vcpu-1gb-intel', 1, 1024, 25, 7, 0.01042),
    size('s-1vcpu-2gb', 1, 2048, 50, 12, 0.01786),
    size('s-1vcpu-2gb-amd', 1, 2048, 50, 14, 0.02083),
    size('s-2vcpu-2gb', 2, 2048, 60, 18, 0.02679),
    size('s-2vcpu-4gb', 2, 4096, 80, 24, 0.03571),
    size('s-4vcpu-8gb', 4, 8192, 160, 48, 0.07143),
  ],
  // https://docs.digitalocean.com/platform/regional-availability/
  regions: [
    { id: 'nyc1', name: 'New York 1', available: true },
    { id: 'nyc3', name: 'New York 3', available: true },
    { id: 'sfo2', name: 'San Francisco 2', available: true },
    { id: 'sfo3', name: 'San Francisco 3', available: true },
    { id: 'tor1', name: 'Toronto 1', available: true },
    { id: 'atl1', name: 'Atlanta 1', available: true },
    { id: 'ams3', name: 'Amsterdam 3', available: true },
    { id: 'lon1', name: 'London 1', available: true },
    { id: 'fra1', name: 'Frankfurt 1', available: true },
    { id: 'sgp1', name: 'Singapore 1', available: true },
    { id: 'blr1', name: 'Bangalore 1', available: true },
    { id: 'syd1', name: 'Sydney 1', available: true },
  ],
  // OS id -> image slug. Ubuntu 26.04 is the current LTS (released April 2026).
  images: {
    'ubuntu-26.04': 'ubuntu-26-04-x64',
    'ubuntu-24.04': 'ubuntu-24-04-x64',
    'ubuntu-22.04': 'ubuntu-22-04-x64',
    'debian-13': 'debian-13-x64',
    'debian-12': 'debian-12-x64',
  },
};
