/**
 * What the fake EC2 offers: regions, the instance types of the plugin's catalog and a few larger
 * ones, and public images. Canonical (`099720109477`) publishes the Ubuntu images; one image under
 * Canonical's name pattern comes from another account, as anyone can publish such a name.
 */

/** The account that owns every resource the fake creates. */
export const FAKE_ACCOUNT_ID = '111122223333';
/** Canonical's account id. */
export const CANONICAL_ACCOUNT_ID = '099720109477';
/** An account that publishes an image named like Canonical's. */
export const IMPOSTOR_ACCOUNT_ID = '666666666666';

/** A region: name and opt-in status (`opt-in-not-required`, `opted-in`, `not-opted-in`). */
export interface FakeRegion {
  name: string;
  optInStatus: string;
}

export const FAKE_REGIONS: readonly FakeRegion[] = [
  { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'us-east-2', optInStatus: 'opt-in-not-required' },
  { name: 'us-west-2', optInStatus: 'opt-in-not-required' },
  { name: 'eu-central-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-southeast-2', optInStatus: 'opt-in-not-required' },
  { name: 'af-south-1', optInStatus: 'not-opted-in' },
];

/** The id of a region's default security group (every default VPC has one; it is not a leftover). */
export function defaultGroupId(region: string): string {
  const index = FAKE_REGIONS.findIndex((candidate) => candidate.name === region);
  return `sg-0dead${String(Math.max(index, 0)).padStart(12, '0')}`;
}

/** An instance type: vCPUs, memory and architecture. */
export interface FakeInstanceType {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architecture: 'x86_64' | 'arm64';
}

const types = (
  architecture: FakeInstanceType['architecture'],
  family: string,
  sizes: Array<[string, number, number]>,
) =>
  sizes.map(
    ([size, vcpus, memoryMiB]): FakeInstanceType => ({
      name: `${family}.${size}`,
      vcpus,
      memoryMiB,
      architecture,
    }),
  );

export const FAKE_INSTANCE_TYPES: readonly FakeInstanceType[] = [
  ...types('arm64', 't4g', [
    ['nano', 2, 512],
    ['micro', 2, 1024],
    ['small', 2, 2048],
    ['medium', 2, 4096],
  ]),
  ...types('x86_64', 't3a', [
    ['nano', 2, 512],
    ['micro', 2, 1024],
    ['small', 2, 2048],
    ['medium', 2, 4096],
  ]),
  ...types('x86_64', 't3', [
    ['nano', 2, 512],
    ['micro', 2, 1024],
    ['small', 2, 2048],
    ['medium', 2, 4096],
  ]),
  ...types('x86_64', 't2', [
    ['nano', 1, 512],
    ['micro', 1, 1024],
  ]),
  ...types('x86_64', 'm7i', [['large', 2, 8192]]),
  ...types('arm64', 'm7g', [['large', 2, 8192]]),
];

/** A public image. */
export interface FakeImage {
  id: string;
  name: string;
  ownerId: string;
  ownerAlias: string | undefined;
  architecture: 'x86_64' | 'arm64';
  creationDate: string;
  state: string;
  rootDeviceType: string;
}

const ubuntu = (
  id: string,
  version: string,
  codename: string,
  architecture: FakeImage['architecture'],
  date: string,
  volume = 'hvm-ssd-gp3',
): FakeImage => ({
  id,
  name: `ubuntu/images/${volume}/ubuntu-${codename}-${version}-${architecture === 'arm64' ? 'arm64' : 'amd64'}-server-${date.replaceAll('-', '').slice(0, 8)}`,
  ownerId: CANONICAL_ACCOUNT_ID,
  ownerAlias: 'amazon',
  architecture,
  creationDate: `${date}T12:00:00.000Z`,
  state: 'available',
  rootDeviceType: 'ebs',
});

/** The same images in every region (real AMI ids differ per region; the fake keeps them equal). */
export const FAKE_IMAGES: readonly FakeImage[] = [
  ubuntu('ami-0a1b2c3d4e5f60001', '26.04', 'resolute', 'x86_64', '2026-10-02'),
  ubuntu('ami-0a1b2c3d4e5f60002', '26.04', 'resolute', 'x86_64', '2026-11-12'),
  ubuntu('ami-0a1b2c3d4e5f60003', '26.04', 'resolute', 'arm64', '2026-10-02'),
  ubuntu('ami-0a1b2c3d4e5f60004', '26.04', 'resolute', 'arm64', '2026-11-12'),
  ubuntu('ami-0a1b2c3d4e5f60005', '24.04', 'noble', 'x86_64', '2026-11-05'),
  ubuntu('ami-0a1b2c3d4e5f60006', '24.04', 'noble', 'arm64', '2026-11-05'),
  ubuntu('ami-0a1b2c3d4e5f60007', '22.04', 'jammy', 'x86_64', '2026-10-20', 'hvm-ssd'),
  ubuntu('ami-0a1b2c3d4e5f60008', '22.04', 'jammy', 'arm64', '2026-10-20', 'hvm-ssd'),
  // Newer than every Canonical image and named like one, but published by someone else.
  {
    ...ubuntu('ami-0badc0ffee0000001', '26.04', 'resolute', 'arm64', '2026-11-20'),
    ownerId: IMPOSTOR_ACCOUNT_ID,
    ownerAlias: undefined,
  },
  {
    ...ubuntu('ami-0badc0ffee0000002', '26.04', 'resolute', 'x86_64', '2026-11-20'),
    ownerId: IMPOSTOR_ACCOUNT_ID,
    ownerAlias: undefined,
  },
];
