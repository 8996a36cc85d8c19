/**
 * What the fake sells, in the shapes of Civo's API reference (`/v2/regions`, `/v2/sizes`,
 * `/v2/disk_images`, `/v2/networks`): the four public regions, the general-purpose instance sizes
 * and a Kubernetes one (not for instances), Civo's Ubuntu and Debian images with ids that differ
 * per region, and each region's default network.
 */
export const FAKE_REGIONS = [
  { code: 'LON1', name: 'London 1', country: 'uk', country_name: 'United Kingdom' },
  { code: 'FRA1', name: 'Frankfurt 1', country: 'de', country_name: 'Germany' },
  { code: 'NYC1', name: 'New York 1', country: 'us', country_name: 'United States' },
  { code: 'PHX1', name: 'Phoenix 1', country: 'us', country_name: 'United States' },
].map((region, index) => ({
  ...region,
  type: 'civostack',
  out_of_capacity: false,
  default: index === 0,
  features: {
    iaas: true,
    kubernetes: true,
    object_store: true,
    loadbalancer: true,
    dbaas: true,
    volume: true,
  },
}));

function size(name: string, niceName: string, cpu: number, ram: number, disk: number, type = 'Instance') {
  return {
    type,
    name,
    nice_name: niceName,
    cpu_cores: cpu,
    gpu_count: 0,
    gpu_type: '',
    ram_mb: ram,
    disk_gb: disk,
    transfer_tb: 1,
    description: niceName,
    selectable: true,
  };
}

export const FAKE_SIZES = [
  size('g3.xsmall', 'Extra Small', 1, 1024, 25),
  size('g3.small', 'Small', 1, 2048, 25),
  size('g3.medium', 'Medium', 2, 4096, 50),
  size('g3.large', 'Large', 4, 8192, 100),
  size('g4s.kube.xsmall', 'Extra Small - Standard', 1, 1024, 30, 'Kubernetes'),
];

const IMAGES = [
  { name: 'ubuntu-noble', version: '24.04', distribution: 'ubuntu', initial_user: 'civo' },
  { name: 'ubuntu-jammy', version: '22.04', distribution: 'ubuntu', initial_user: 'civo' },
  { name: 'debian-12', version: '12', distribution: 'debian', initial_user: 'civo' },
];

/** The region's disk images; ids are stable per region and name. */
export function fakeDiskImages(region: string) {
  const regionIndex = FAKE_REGIONS.findIndex((entry) => entry.code === region);
  return IMAGES.map((image, index) => ({
    id: `${(0xd2c20000 + regionIndex * 16 + index).toString(16)}-512d-4087-906a-8486fcf4a1c7`,
    ...image,
    state: 'available',
    os: 'linux',
    description: '',
    label: image.distribution,
    distribution_default: index === 0,
  }));
}

/** The id of the region's default network. */
export function defaultNetworkId(region: string): string {
  const regionIndex = FAKE_REGIONS.findIndex((entry) => entry.code === region);
  return `28244c7d-b1b9-48cf-9727-${(0xaebb3493aa00 + regionIndex).toString(16)}`;
}
