/** The zones the fake serves. */
export const FAKE_ZONES = [
  'fr-par-1',
  'fr-par-2',
  'fr-par-3',
  'nl-ams-1',
  'nl-ams-2',
  'nl-ams-3',
  'pl-waw-1',
  'pl-waw-2',
  'pl-waw-3',
] as const;

/** One Instance type as the fake sells it. */
export interface FakeServerType {
  readonly id: string;
  readonly ncpus: number;
  readonly ramGiB: number;
  readonly hourly: number;
  readonly monthly: number;
  /** Whether its root volume may be local (`l_ssd`); the others take block volumes only. */
  readonly localVolumes: boolean;
  /** Largest local volume total, in GB. */
  readonly localMaxGB: number;
  readonly zones: readonly string[];
}

const EVERYWHERE = FAKE_ZONES;

/** Instance types (a few of Scaleway's, with its figures as last read: see docs/providers/scaleway.md). */
export const FAKE_SERVER_TYPES: readonly FakeServerType[] = [
  {
    id: 'STARDUST1-S',
    ncpus: 1,
    ramGiB: 1,
    hourly: 0.00015,
    monthly: 0.11,
    localVolumes: true,
    localMaxGB: 10,
    zones: ['fr-par-1', 'nl-ams-1'],
  },
  {
    id: 'DEV1-S',
    ncpus: 2,
    ramGiB: 2,
    hourly: 0.0088,
    monthly: 6.42,
    localVolumes: true,
    localMaxGB: 20,
    zones: EVERYWHERE,
  },
  {
    id: 'DEV1-M',
    ncpus: 3,
    ramGiB: 4,
    hourly: 0.0198,
    monthly: 14.45,
    localVolumes: true,
    localMaxGB: 40,
    zones: EVERYWHERE,
  },
  {
    id: 'DEV1-L',
    ncpus: 4,
    ramGiB: 8,
    hourly: 0.042,
    monthly: 30.66,
    localVolumes: true,
    localMaxGB: 80,
    zones: EVERYWHERE,
  },
  {
    id: 'GP1-XS',
    ncpus: 4,
    ramGiB: 16,
    hourly: 0.091,
    monthly: 66.43,
    localVolumes: true,
    localMaxGB: 150,
    zones: EVERYWHERE,
  },
  {
    id: 'PLAY2-PICO',
    ncpus: 1,
    ramGiB: 2,
    hourly: 0.014,
    monthly: 10.22,
    localVolumes: false,
    localMaxGB: 0,
    zones: EVERYWHERE,
  },
];

/** Marketplace labels the fake resolves, to the image name Scaleway shows. */
export const FAKE_IMAGE_LABELS: Readonly<Record<string, string>> = {
  ubuntu_noble: 'Ubuntu 24.04 Noble Numbat',
  ubuntu_jammy: 'Ubuntu 22.04 Jammy Jellyfish',
  debian_bookworm: 'Debian Bookworm',
};

/** The fake's image id for a label in a zone: the same on every run. */
export function fakeImageId(label: string, zone: string): string {
  const labelIndex = Object.keys(FAKE_IMAGE_LABELS).indexOf(label) + 1;
  const zoneIndex = (FAKE_ZONES as readonly string[]).indexOf(zone) + 1;
  return `1ab9e000-0000-4000-8000-${(labelIndex * 100 + zoneIndex).toString(16).padStart(12, '0')}`;
}

const GIB = 1024 ** 3;

/** The `GET .../products/servers` entry of one type (the SDK's `ServerType`). */
export function serverTypeObject(type: FakeServerType) {
  return {
    alt_names: [],
    arch: 'x86_64',
    block_bandwidth: 104857600,
    capabilities: { block_storage: true, boot_types: ['local', 'rescue'], max_file_systems: 0 },
    end_of_service: false,
    gpu: 0,
    hourly_price: type.hourly,
    monthly_price: type.monthly,
    ncpus: type.ncpus,
    network: {
      interfaces: [],
      sum_internal_bandwidth: 209715200,
      sum_internet_bandwidth: 209715200,
      ipv6_support: true,
    },
    per_volume_constraint: {
      l_ssd: { min_size: type.localVolumes ? 1_000_000_000 : 0, max_size: type.localMaxGB * 1_000_000_000 },
    },
    ram: type.ramGiB * GIB,
    scratch_storage_max_size: null,
    scratch_storage_max_volumes_count: 0,
    volumes_constraint: { min_size: 0, max_size: type.localMaxGB * 1_000_000_000 },
  };
}
