import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-12-02';

/** A Standard static public IPv4, per month (USD, 730 hours at $0.005): billed on its own, added to every plan. */
export const PUBLIC_IPV4_MONTHLY = 3.65;
/** Its hourly charge (USD). */
export const PUBLIC_IPV4_HOURLY = 0.005;
/** The 30 GiB Standard HDD (S4) OS disk each host gets, per month (USD). */
export const OS_DISK_MONTHLY = 1.54;
/** Its charge spread over the month's 730 hours (USD). */
export const OS_DISK_HOURLY = OS_DISK_MONTHLY / 730;

/** A size's price with the public IPv4 and the OS disk added (USD, a month of 730 hours). */
export function hostPrice(vmHourly: number): { monthly: number; hourly: number } {
  const hourly = vmHourly + PUBLIC_IPV4_HOURLY + OS_DISK_HOURLY;
  return { monthly: Math.round(hourly * 730 * 100) / 100, hourly: Math.round(hourly * 10_000) / 10_000 };
}

// Linux pay-as-you-go prices in East US (USD), before the IP and the disk, which are added.
// https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (B-series)
// https://azure.microsoft.com/pricing/details/ip-addresses/  https://azure.microsoft.com/pricing/details/managed-disks/
// The Retail Prices API (https://prices.azure.com/api/retail/prices) has the live figures.
const size = (id: string, cpus: number, memoryMiB: number, hourly: number): Plan => ({
  id,
  cpus,
  memoryMiB,
  diskGB: 30,
  publicIpv4: true,
  architecture: 'x86_64',
  price: {
    ...hostPrice(hourly),
    currency: 'USD',
    source: 'catalog',
    checkedAt: CHECKED_AT,
  },
  regions: REGIONS.map((region) => region.id),
});

const REGIONS = [
  { id: 'eastus', name: 'East US (Virginia)', available: true },
  { id: 'eastus2', name: 'East US 2 (Virginia)', available: true },
  { id: 'westus2', name: 'West US 2 (Washington)', available: true },
  { id: 'centralus', name: 'Central US (Iowa)', available: true },
  { id: 'northeurope', name: 'North Europe (Ireland)', available: true },
  { id: 'westeurope', name: 'West Europe (Netherlands)', available: true },
  { id: 'uksouth', name: 'UK South (London)', available: true },
  { id: 'germanywestcentral', name: 'Germany West Central (Frankfurt)', available: true },
  { id: 'southeastasia', name: 'Southeast Asia (Singapore)', available: true },
  { id: 'australiaeast', name: 'Australia East (New South Wales)', available: true },
] as const;

/**
 * Dated offline data for Azure: what defaults and `--dry-run` are resolved against. Prices differ
 * by region; these are East US's (`pricedRegions`).
 */
export const azureCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  pricedRegions: ['eastus'],
  plans: [
    size('Standard_B1ls', 1, 512, 0.0052),
    size('Standard_B2ats_v2', 2, 1024, 0.0094),
    size('Standard_B1s', 1, 1024, 0.0104),
    size('Standard_B2ts_v2', 2, 1024, 0.0104),
    size('Standard_B1ms', 1, 2048, 0.0207),
    size('Standard_B2s', 2, 4096, 0.0416),
  ],
  regions: [...REGIONS],
  // OS id -> image URN (publisher:offer:sku:version), Canonical's own offers. Ubuntu 26.04 is the
  // current LTS (April 2026); its offer follows 24.04's naming and is what public templates use.
  // https://documentation.ubuntu.com/azure/azure-how-to/instances/find-ubuntu-images/
  images: {
    'ubuntu-26.04': 'Canonical:ubuntu-26_04-lts:server:latest',
    'ubuntu-24.04': 'Canonical:ubuntu-24_04-lts:server:latest',
    'ubuntu-22.04': 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
  },
};

/** The four parts of an image URN, as the VM's `imageReference` takes them. */
export function imageReference(urn: string): {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
} {
  const [publisher = '', offer = '', sku = '', version = 'latest'] = urn.split(':');
  return { publisher, offer, sku, version };
}
