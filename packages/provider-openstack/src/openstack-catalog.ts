import type { Catalog, Plan, UnknownPrice } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/**
 * The price of every flavor, in the catalog and from `plans()`: OpenStack has no price API and
 * every cloud prices its flavors itself (docs/providers/openstack.md). Plans of unknown price sort
 * after priced ones and among themselves by size (vCPUs, then memory), the order `smallest` picks in.
 */
export const UNKNOWN_PRICE: UnknownPrice = {
  source: 'unknown',
  reason: 'OpenStack has no price API; each cloud prices its flavors itself',
};

function plan(id: string, cpus: number, memoryMiB: number, diskGB: number): Plan {
  return { id, cpus, memoryMiB, diskGB, publicIpv4: true, price: UNKNOWN_PRICE };
}

/**
 * What the defaults resolve against without a request. OpenStack clouds name their own regions,
 * flavors and images, so the defaults are looked up at `provision()`:
 * - region `auto`: `OS_REGION_NAME` (or the clouds.yaml `region_name`), else the catalog's only one;
 * - plan `smallest`: the flavor with the fewest vCPUs, then the least memory, that fits (host
 *   options `minCpus`, `minMemoryMiB`, `flavorPattern`);
 * - os: `<os_distro>/<os_version>` of Glance's standard image properties; `ubuntu-lts` is the
 *   newest Ubuntu LTS among the cloud's public images.
 * The `m1.*` flavors are the ones Nova's historic defaults and DevStack create; a cloud may have
 * none of them. Any region and flavor name the cloud has is accepted.
 * https://docs.openstack.org/glance/latest/admin/useful-image-properties.html
 */
export const openstackCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'XXX',
  plans: [
    plan('smallest', 1, 1024, 10),
    plan('m1.small', 1, 2048, 20),
    plan('m1.medium', 2, 4096, 40),
    plan('m1.large', 4, 8192, 80),
  ],
  // Empty: regions are each cloud's own names; the default `auto` is resolved at provision().
  regions: [],
  images: {
    'ubuntu-lts': 'ubuntu/lts',
    'ubuntu-22.04': 'ubuntu/22.04',
    'ubuntu-24.04': 'ubuntu/24.04',
    'ubuntu-26.04': 'ubuntu/26.04',
    'debian-12': 'debian/12',
    'debian-13': 'debian/13',
  },
};
