import { LINK_ROOT } from './gcp-fake-http.js';

/** The zones the fake knows (`compute#zone`), by name. */
export const FAKE_ZONES: readonly { name: string; region: string; description: string }[] = [
  ...['a', 'b', 'c', 'f'].map((letter) => ({
    name: `us-central1-${letter}`,
    region: 'us-central1',
    description: `us-central1-${letter}`,
  })),
  ...['b', 'c', 'd'].map((letter) => ({
    name: `us-east1-${letter}`,
    region: 'us-east1',
    description: `us-east1-${letter}`,
  })),
  ...['a', 'b', 'c'].map((letter) => ({
    name: `us-west1-${letter}`,
    region: 'us-west1',
    description: `us-west1-${letter}`,
  })),
  ...['b', 'c', 'd'].map((letter) => ({
    name: `europe-west1-${letter}`,
    region: 'europe-west1',
    description: `europe-west1-${letter}`,
  })),
];

/** Machine types sold in every fake zone: name, vCPUs, memory (MB), shared core. */
export const FAKE_MACHINE_TYPES: readonly {
  name: string;
  guestCpus: number;
  memoryMb: number;
  isSharedCpu: boolean;
}[] = [
  { name: 'e2-micro', guestCpus: 2, memoryMb: 1024, isSharedCpu: true },
  { name: 'e2-small', guestCpus: 2, memoryMb: 2048, isSharedCpu: true },
  { name: 'e2-medium', guestCpus: 2, memoryMb: 4096, isSharedCpu: true },
  { name: 'e2-standard-2', guestCpus: 2, memoryMb: 8192, isSharedCpu: false },
];

/** Public images, by project and family; each family's newest image. */
export const FAKE_IMAGES: readonly { project: string; family: string; name: string; id: string }[] = [
  {
    project: 'ubuntu-os-cloud',
    family: 'ubuntu-2604-lts-amd64',
    name: 'ubuntu-2604-resolute-amd64-v20261120',
    id: '5103119221130475001',
  },
  {
    project: 'ubuntu-os-cloud',
    family: 'ubuntu-2404-lts-amd64',
    name: 'ubuntu-2404-noble-amd64-v20261120',
    id: '5103119221130475002',
  },
  {
    project: 'ubuntu-os-cloud',
    family: 'ubuntu-2204-lts',
    name: 'ubuntu-2204-jammy-v20261120',
    id: '5103119221130475003',
  },
  {
    project: 'debian-cloud',
    family: 'debian-13',
    name: 'debian-13-trixie-v20261118',
    id: '5103119221130475004',
  },
  {
    project: 'debian-cloud',
    family: 'debian-12',
    name: 'debian-12-bookworm-v20261118',
    id: '5103119221130475005',
  },
];

/** A zone as `zones.get` answers it. */
export function zoneObject(project: string, zone: (typeof FAKE_ZONES)[number], index: number) {
  return {
    kind: 'compute#zone',
    id: String(2000 + index),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: zone.name,
    description: zone.description,
    status: 'UP',
    region: `${LINK_ROOT}/projects/${project}/regions/${zone.region}`,
    selfLink: `${LINK_ROOT}/projects/${project}/zones/${zone.name}`,
    availableCpuPlatforms: ['Intel Broadwell', 'AMD Milan'],
    supportsPzs: false,
  };
}

/** A machine type as `machineTypes.get` answers it. */
export function machineTypeObject(
  project: string,
  zone: string,
  type: (typeof FAKE_MACHINE_TYPES)[number],
  index: number,
) {
  return {
    kind: 'compute#machineType',
    id: String(1000 + index),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: type.name,
    description: `${type.guestCpus} vCPUs, ${type.memoryMb / 1024} GB RAM`,
    guestCpus: type.guestCpus,
    memoryMb: type.memoryMb,
    imageSpaceGb: 0,
    maximumPersistentDisks: 128,
    maximumPersistentDisksSizeGb: '263168',
    zone,
    isSharedCpu: type.isSharedCpu,
    selfLink: `${LINK_ROOT}/projects/${project}/zones/${zone}/machineTypes/${type.name}`,
  };
}

/** An image as `images.get` and `images.getFromFamily` answer it. */
export function imageObject(image: (typeof FAKE_IMAGES)[number]) {
  return {
    kind: 'compute#image',
    id: image.id,
    creationTimestamp: '2026-11-20T10:00:00.000-08:00',
    name: image.name,
    family: image.family,
    status: 'READY',
    sourceType: 'RAW',
    archiveSizeBytes: '1073741824',
    diskSizeGb: '10',
    licenses: [`${LINK_ROOT}/projects/${image.project}/global/licenses/${image.family}`],
    selfLink: `${LINK_ROOT}/projects/${image.project}/global/images/${image.name}`,
  };
}

/**
 * The image a `sourceImage` names: `projects/<p>/global/images/family/<f>` (the family's newest) or
 * `projects/<p>/global/images/<name>`, as a full URL or a partial one.
 */
export function resolveImage(sourceImage: string): (typeof FAKE_IMAGES)[number] | undefined {
  const match = /(?:^|\/)projects\/([^/]+)\/global\/images\/(?:family\/([^/]+)|([^/]+))$/.exec(sourceImage);
  if (match === null) return undefined;
  const [, project, family, name] = match;
  return FAKE_IMAGES.find(
    (image) =>
      image.project === project && (family !== undefined ? image.family === family : image.name === name),
  );
}
