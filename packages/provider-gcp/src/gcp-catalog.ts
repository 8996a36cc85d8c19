import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/** An in-use external IPv4 (ephemeral or static), per hour in USD, billed since 2024-02-01. https://cloud.google.com/vpc/network-pricing#ipaddress */
export const EXTERNAL_IPV4_HOURLY = 0.005;

/** The boot disk: 10 GB of Standard persistent disk at $0.04 per GB-month. https://cloud.google.com/compute/disks-image-pricing */
export const BOOT_DISK_GB = 10;
const BOOT_DISK_MONTHLY = BOOT_DISK_GB * 0.04;

/** Hours in the month the catalog's monthly prices assume (Google's calculator uses 730). */
const HOURS_PER_MONTH = 730;

// On-demand Linux prices in us-central1 (USD), without sustained-use discounts; the us-east1 and
// us-west1 prices of these types are the same. The monthly and hourly figures include the
// external IPv4 and the 10 GB boot disk, the whole bill of one host.
// https://cloud.google.com/compute/vm-instance-pricing#e2_sharedcore_machine_types
const type = (
  id: string,
  cpus: number,
  memoryGB: number,
  hourly: number,
  regions: readonly string[],
): Plan => {
  const total = hourly + EXTERNAL_IPV4_HOURLY + BOOT_DISK_MONTHLY / HOURS_PER_MONTH;
  return {
    id,
    cpus,
    memoryMiB: memoryGB * 1024,
    diskGB: BOOT_DISK_GB,
    publicIpv4: true,
    architecture: 'x86_64',
    price: {
      monthly: Math.round(total * HOURS_PER_MONTH * 100) / 100,
      hourly: Math.round(total * 100_000) / 100_000,
      currency: 'USD',
      source: 'catalog',
      checkedAt: CHECKED_AT,
    },
    regions,
  };
};

/** The zones this catalog prices: the three free-tier regions' zones. https://cloud.google.com/free/docs/free-cloud-features#compute */
const ZONES = [
  'us-central1-a',
  'us-central1-b',
  'us-central1-c',
  'us-central1-f',
  'us-east1-b',
  'us-east1-c',
  'us-east1-d',
  'us-west1-a',
  'us-west1-b',
  'us-west1-c',
];

/**
 * Dated offline data for Compute Engine, which has no price API a key-less caller can read:
 * what defaults, `--dry-run` and `plans` use. Regions are zones (an instance lives in one).
 */
export const gcpCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    // Shared-core E2: e2-micro has 2 vCPUs at 25 % of a core, e2-small 50 %, e2-medium 100 %.
    type('e2-micro', 2, 1, 0.008376, ZONES),
    type('e2-small', 2, 2, 0.016751, ZONES),
    type('e2-medium', 2, 4, 0.033503, ZONES),
    type('e2-standard-2', 2, 8, 0.067006, ZONES),
  ],
  regions: ZONES.map((zone) => ({ id: zone, name: zone, available: true })),
  // OS id -> image family of the publisher's own project (`ubuntu-os-cloud`, Canonical's), resolved
  // by Compute Engine at creation to the family's newest image. https://cloud.google.com/compute/docs/images/os-details#ubuntu_lts
  images: {
    'ubuntu-26.04': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2604-lts-amd64',
    'ubuntu-24.04': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
    'ubuntu-22.04': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts',
    'debian-13': 'projects/debian-cloud/global/images/family/debian-13',
    'debian-12': 'projects/debian-cloud/global/images/family/debian-12',
  },
};
