import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/** Hours in the month Equinix Metal's hourly prices are stated against (730 = 8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** A monthly price from an hourly one: hourly × 730, rounded to the cent. */
export function monthlyFromHourly(hourly: number): number {
  return Math.round(hourly * HOURS_PER_MONTH * 100) / 100;
}

function plan(id: string, cpus: number, memoryGiB: number, diskGB: number, hourly: number): Plan {
  return {
    id,
    cpus,
    memoryMiB: memoryGiB * 1024,
    diskGB,
    // Every on-demand device gets a public IPv4 /31 by default (the create's `ip_addresses`).
    publicIpv4: true,
    price: {
      monthly: monthlyFromHourly(hourly),
      hourly,
      currency: 'USD',
      source: 'catalog',
      checkedAt: CHECKED_AT,
    },
  };
}

/**
 * Equinix Metal's standard on-demand plans (`GET /plans` slugs) with the hourly prices last
 * published; monthly is hourly × 730. The live figure is `pricing.hour` of `GET /plans`, which
 * `plans()` reads: see docs/providers/equinix-metal.md for what could not be confirmed.
 */
export const metalCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    plan('c3.small.x86', 8, 32, 960, 0.75),
    plan('m3.small.x86', 8, 64, 960, 1.05),
    plan('c3.medium.x86', 24, 64, 1440, 1.5),
    plan('m3.large.x86', 32, 256, 7680, 3.1),
    plan('n3.xlarge.x86', 32, 512, 7680, 4.5),
  ],
  // Metro codes as `GET /locations/metros` gives them. Core refuses a region the catalog does not
  // list, so it lists every metro known on the date checked: first the high-demand metros with the
  // widest on-demand inventory (deploy.equinix.com, Inventory and Capacity), then the others.
  regions: [
    { id: 'da', name: 'Dallas', available: true },
    { id: 'dc', name: 'Washington DC', available: true },
    { id: 'sv', name: 'Silicon Valley', available: true },
    { id: 'am', name: 'Amsterdam', available: true },
    { id: 'fr', name: 'Frankfurt', available: true },
    { id: 'sg', name: 'Singapore', available: true },
    { id: 'sy', name: 'Sydney', available: true },
    { id: 'ny', name: 'New York', available: true },
    { id: 'at', name: 'Atlanta', available: true },
    { id: 'ch', name: 'Chicago', available: true },
    { id: 'la', name: 'Los Angeles', available: true },
    { id: 'se', name: 'Seattle', available: true },
    { id: 'tr', name: 'Toronto', available: true },
    { id: 'mt', name: 'Montreal', available: true },
    { id: 'sp', name: 'São Paulo', available: true },
    { id: 'ld', name: 'London', available: true },
    { id: 'pa', name: 'Paris', available: true },
    { id: 'md', name: 'Madrid', available: true },
    { id: 'ml', name: 'Milan', available: true },
    { id: 'hk', name: 'Hong Kong', available: true },
    { id: 'ty', name: 'Tokyo', available: true },
    { id: 'sl', name: 'Seoul', available: true },
  ],
  // OS id -> Equinix Metal's operating-system slug (`GET /operating-systems`, Equinix's own list:
  // accounts cannot add entries to it, so the slug names the publisher's image).
  images: {
    'ubuntu-24.04': 'ubuntu_24_04',
    'ubuntu-22.04': 'ubuntu_22_04',
    'debian-12': 'debian_12',
  },
};
