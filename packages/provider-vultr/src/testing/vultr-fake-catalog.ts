/**
 * What the fake sells: a few Cloud Compute plans (with the `-v6` plan that has no IPv4), regions
 * and OS images, in the description's shapes (`plans`, `region`, `os` schemas). Prices are Vultr's
 * published monthly ones (docs/providers/vultr.md).
 */
export const FAKE_REGIONS = [
  { id: 'ewr', city: 'New Jersey', country: 'US', continent: 'North America', options: ['ddos_protection'] },
  { id: 'ams', city: 'Amsterdam', country: 'NL', continent: 'Europe', options: ['ddos_protection'] },
  { id: 'sgp', city: 'Singapore', country: 'SG', continent: 'Asia', options: [] },
];

export const FAKE_PLANS = [
  plan('vc2-1c-0.5gb-v6', 1, 512, 10, 500, 2.5, ['ewr', 'atl']),
  plan('vc2-1c-1gb', 1, 1024, 25, 1024, 5),
  plan('vc2-1c-2gb', 1, 2048, 55, 2048, 10),
  plan('vc2-2c-4gb', 2, 4096, 80, 3072, 20),
];

export const FAKE_OS = [
  { id: 2284, name: 'Ubuntu 24.04 LTS x64', arch: 'x64', family: 'ubuntu' },
  { id: 1743, name: 'Ubuntu 22.04 LTS x64', arch: 'x64', family: 'ubuntu' },
  { id: 2136, name: 'Debian 12 x64 (bookworm)', arch: 'x64', family: 'debian' },
];

function plan(
  id: string,
  vcpu: number,
  ram: number,
  disk: number,
  bandwidth: number,
  monthly: number,
  locations = FAKE_REGIONS.map((region) => region.id),
) {
  return {
    id,
    vcpu_count: vcpu,
    ram,
    disk,
    disk_count: 1,
    bandwidth,
    monthly_cost: monthly,
    type: 'vc2',
    locations,
  };
}
