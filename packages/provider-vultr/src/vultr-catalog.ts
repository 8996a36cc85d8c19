import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-01';

function plan(
  id: string,
  cpus: number,
  memoryMiB: number,
  diskGB: number,
  monthly: number,
  publicIpv4 = true,
): Plan {
  return {
    id,
    cpus,
    memoryMiB,
    diskGB,
    publicIpv4,
    price: { monthly, currency: 'USD', source: 'catalog', checkedAt: CHECKED_AT },
  };
}

/**
 * Cloud Compute (`vc2`) plans with Vultr's published monthly prices; every plan but the `-v6` one
 * includes a public IPv4. The IPv6-only plan is listed so that nothing mistakes it for the
 * cheapest: core never picks a plan without `publicIpv4`.
 * https://www.vultr.com/pricing/  https://www.vultr.com/api/#tag/plans
 */
export const vultrCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    plan('vc2-1c-0.5gb-v6', 1, 512, 10, 2.5, false),
    plan('vc2-1c-1gb', 1, 1024, 25, 5),
    plan('vc2-1c-2gb', 1, 2048, 55, 10),
    plan('vc2-2c-2gb', 2, 2048, 65, 15),
    plan('vc2-2c-4gb', 2, 4096, 80, 20),
    plan('vc2-4c-8gb', 4, 8192, 160, 40),
  ],
  // https://www.vultr.com/features/datacenter-locations/
  regions: [
    { id: 'ewr', name: 'New Jersey', available: true },
    { id: 'ord', name: 'Chicago', available: true },
    { id: 'dfw', name: 'Dallas', available: true },
    { id: 'atl', name: 'Atlanta', available: true },
    { id: 'mia', name: 'Miami', available: true },
    { id: 'sea', name: 'Seattle', available: true },
    { id: 'lax', name: 'Los Angeles', available: true },
    { id: 'sjc', name: 'Silicon Valley', available: true },
    { id: 'yto', name: 'Toronto', available: true },
    { id: 'ams', name: 'Amsterdam', available: true },
    { id: 'lhr', name: 'London', available: true },
    { id: 'fra', name: 'Frankfurt', available: true },
    { id: 'cdg', name: 'Paris', available: true },
    { id: 'nrt', name: 'Tokyo', available: true },
    { id: 'sgp', name: 'Singapore', available: true },
    { id: 'syd', name: 'Sydney', available: true },
  ],
  // OS id -> Vultr `os_id`, from Vultr's own OS list (`GET /v2/os`, family `ubuntu`/`debian`):
  // Vultr publishes these images itself, so its ids are the publisher's.
  images: {
    'ubuntu-24.04': '2284',
    'ubuntu-22.04': '1743',
    'debian-12': '2136',
  },
};
