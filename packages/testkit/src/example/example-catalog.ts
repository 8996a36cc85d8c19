import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-11-22';

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

/** Dated offline data for the example cloud: what defaults resolve against without a request. */
export const exampleCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    plan('nano', 1, 512, 10, 3.5, 0.0052),
    plan('micro', 1, 1024, 25, 5, 0.0074),
    plan('small', 2, 2048, 50, 10, 0.0149),
  ],
  regions: [
    { id: 'east-1', name: 'Example East 1', available: true },
    { id: 'west-1', name: 'Example West 1', available: true },
  ],
  images: { 'ubuntu-24.04': 'ubuntu-24-04' },
};
