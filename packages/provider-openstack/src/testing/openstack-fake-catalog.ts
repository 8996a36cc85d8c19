import type { FakeFlavor, FakeImage } from './openstack-fake-records.js';

/** The regions the fake serves; RegionOne is Keystone's and DevStack's default name. */
export const FAKE_REGIONS = ['RegionOne', 'RegionTwo'] as const;

/**
 * Keystone's regions (`GET /v3/regions`): the two the catalog serves, and one where the operator
 * has registered (under RegionTwo) but put no service in yet, so no endpoint of the catalog is there.
 */
export const FAKE_KEYSTONE_REGIONS: ReadonlyArray<{
  id: string;
  description: string;
  parentRegionId: string | null;
}> = [
  { id: 'RegionOne', description: '', parentRegionId: null },
  { id: 'RegionTwo', description: 'Second data centre', parentRegionId: null },
  { id: 'RegionThree', description: 'Being built: no services yet', parentRegionId: 'RegionTwo' },
];

/** The project the fake's user works in. */
export const FAKE_PROJECT = {
  id: '8a2c4e6f0b1d4f3a9c7e5b3d1f0a2c4e',
  name: 'demo',
  domain: 'default',
} as const;

/** The fake's user. */
export const FAKE_USER = { id: '3f1e5d7c9b2a4c6e8f0a1b3d5e7f9a2c', name: 'demo', domain: 'default' } as const;

/** An id shaped like a UUID, the same on every run, growing with `counter`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** Nova's and DevStack's default flavors (DevStack adds the `ds*` ones). */
export const FAKE_FLAVORS: readonly FakeFlavor[] = [
  { id: '1', name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 },
  { id: '2', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
  { id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 },
  { id: '4', name: 'm1.large', vcpus: 4, ram: 8192, disk: 80 },
  { id: 'd2', name: 'ds1G', vcpus: 1, ram: 1024, disk: 10 },
  { id: 'd3', name: 'ds2G', vcpus: 2, ram: 2048, disk: 10 },
  // A flavor without a root disk: it boots only from a volume.
  { id: 'v1', name: 'v1.volume-only', vcpus: 1, ram: 1024, disk: 0 },
];

const image = (
  counter: number,
  name: string,
  properties: Record<string, string>,
  created: string,
  visibility: FakeImage['visibility'] = 'public',
): FakeImage => ({
  id: fakeUuid('1e5a0b7c', counter),
  name,
  visibility,
  properties,
  minDisk: properties.os_distro === undefined ? 0 : 8,
  minRam: 0,
  created,
});

/**
 * The operator's images, with Glance's standard `os_distro` and `os_version` properties; a
 * private image of the same distribution, a non-LTS Ubuntu and an image without properties show
 * that the choice is by property and visibility, never by name.
 */
export const FAKE_IMAGES: readonly FakeImage[] = [
  image(1, 'cirros-0.6.2-x86_64-disk', {}, '2026-01-10T10:00:00Z'),
  image(
    2,
    'Ubuntu 22.04 LTS (Jammy Jellyfish)',
    { os_distro: 'ubuntu', os_version: '22.04' },
    '2026-02-01T10:00:00Z',
  ),
  image(
    3,
    'Ubuntu 24.04 LTS (Noble Numbat)',
    { os_distro: 'ubuntu', os_version: '24.04' },
    '2026-03-01T10:00:00Z',
  ),
  image(
    4,
    'Ubuntu 26.04 LTS (Resolute Raccoon)',
    { os_distro: 'ubuntu', os_version: '26.04' },
    '2026-05-01T10:00:00Z',
  ),
  image(5, 'Ubuntu 26.10', { os_distro: 'ubuntu', os_version: '26.10' }, '2026-11-01T10:00:00Z'),
  image(6, 'Debian 12 (bookworm)', { os_distro: 'debian', os_version: '12' }, '2026-04-01T10:00:00Z'),
  image(
    7,
    'ubuntu-26.04-custom',
    { os_distro: 'ubuntu', os_version: '26.04' },
    '2026-11-20T10:00:00Z',
    'private',
  ),
];
