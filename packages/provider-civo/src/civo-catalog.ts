import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';

function plan(id: string, cpus: number, memoryMiB: number, diskGB: number, monthly: number): Plan {
  return {
    id,
    cpus,
    memoryMiB,
    diskGB,
    // Every Civo instance created with `public_ip: create` gets one public IPv4 at no extra charge.
    publicIpv4: true,
    price: { monthly, currency: 'USD', source: 'catalog', checkedAt: CHECKED_AT },
  };
}

/**
 * Civo's general-purpose instance sizes (`g3.*`, as `GET /v2/sizes` names them with
 * `type: "Instance"`) with Civo's published monthly prices. The sizes endpoint carries no price,
 * so these are dated figures: see docs/providers/civo.md for what could not be confirmed.
 * https://www.civo.com/pricing  https://www.civo.com/api/instances (sizes)
 */
export const civoCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    plan('g3.xsmall', 1, 1024, 25, 5),
    plan('g3.small', 1, 2048, 25, 10),
    plan('g3.medium', 2, 4096, 50, 20),
    plan('g3.large', 4, 8192, 100, 40),
    plan('g3.xlarge', 6, 16384, 150, 80),
    plan('g3.2xlarge', 8, 32768, 200, 160),
  ],
  // Region codes as `GET /v2/regions` gives them (upper case). https://www.civo.com/api/regions
  regions: [
    { id: 'LON1', name: 'London', available: true },
    { id: 'FRA1', name: 'Frankfurt', available: true },
    { id: 'NYC1', name: 'New York', available: true },
    { id: 'PHX1', name: 'Phoenix', available: true },
  ],
  // OS id -> the name of Civo's own disk image (`GET /v2/disk_images`, which lists only Civo's
  // images unless `type=custom` is asked). Disk image ids differ per region, so the provisioner
  // resolves the name to the region's id (distribution checked too) before the create.
  images: {
    'ubuntu-24.04': 'ubuntu-noble',
    'ubuntu-22.04': 'ubuntu-jammy',
    'debian-12': 'debian-12',
  },
};
