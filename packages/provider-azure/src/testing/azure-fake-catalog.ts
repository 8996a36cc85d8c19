/**
 * What the fake sells: B-series sizes, regions, and Canonical's Ubuntu images, as the Compute
 * API names them (`Microsoft.Compute/virtualMachines` `hardwareProfile.vmSize`,
 * `storageProfile.imageReference`). https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/b-family
 */
export const FAKE_SIZES: Readonly<Record<string, { cores: number; memoryMiB: number }>> = {
  Standard_B1ls: { cores: 1, memoryMiB: 512 },
  Standard_B1s: { cores: 1, memoryMiB: 1024 },
  Standard_B1ms: { cores: 1, memoryMiB: 2048 },
  Standard_B2ats_v2: { cores: 2, memoryMiB: 1024 },
  Standard_B2ts_v2: { cores: 2, memoryMiB: 1024 },
  Standard_B2s: { cores: 2, memoryMiB: 4096 },
};

/** Region names the fake accepts (`location`), lower case as ARM writes them. */
export const FAKE_LOCATIONS: readonly string[] = [
  'eastus',
  'eastus2',
  'westus2',
  'centralus',
  'northeurope',
  'westeurope',
  'uksouth',
  'germanywestcentral',
  'southeastasia',
  'australiaeast',
];

/** Platform images: `publisher:offer:sku`, compared without regard to case as ARM does. */
export const FAKE_IMAGES: readonly string[] = [
  'Canonical:ubuntu-26_04-lts:server',
  'Canonical:ubuntu-24_04-lts:server',
  'Canonical:ubuntu-24_04-lts:server-gen1',
  'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2',
];

/**
 * api-versions the fake serves, by resource provider namespace (stable versions of the specs):
 * the plugin's (resources 2021-04-01 and subscriptions 2022-12-01, compute 2024-07-01, network
 * 2024-05-01), older ones, and those of the current SDKs (`@azure/arm-resources` 8: 2025-04-01,
 * `@azure/arm-compute` 25: 2026-04-01, `@azure/arm-network` 39: 2026-01-01). The fields the fake
 * reads and writes are the same in all of them.
 */
export const FAKE_API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.resources': ['2021-04-01', '2022-09-01', '2022-12-01', '2024-03-01', '2025-04-01'],
  'microsoft.compute': ['2023-09-01', '2024-03-01', '2024-07-01', '2024-11-01', '2025-04-01', '2026-04-01'],
  'microsoft.network': ['2023-09-01', '2024-01-01', '2024-05-01', '2025-05-01', '2026-01-01'],
};
