/**
 * What the fake sells, in the shapes of Equinix Metal's OpenAPI description (`/locations/metros`,
 * `/plans`, `/operating-systems`, `/projects/{id}`): eight metros, the standard on-demand plans
 * (one also sold in one metro at its own price, one reserved-only), Ubuntu and Debian.
 */
import { fakeUuid } from './metal-fake-wire.js';

/** The one project the fake's key may use. */
export const FAKE_PROJECT_ID = '0f2d4ac4-6b7d-4a3c-9a51-3e3b0c1a2b3c';

export const FAKE_METROS = [
  ['da', 'Dallas', 'US'],
  ['dc', 'Washington DC', 'US'],
  ['sv', 'Silicon Valley', 'US'],
  ['ny', 'New York', 'US'],
  ['am', 'Amsterdam', 'NL'],
  ['fr', 'Frankfurt', 'DE'],
  ['sg', 'Singapore', 'SG'],
  ['sy', 'Sydney', 'AU'],
].map(([code, name, country], index) => ({
  id: fakeUuid('108b2cfb', index + 1),
  code: code as string,
  name: name as string,
  country: country as string,
}));

/** The metro record of a code. */
export function metroOf(code: string) {
  return FAKE_METROS.find((metro) => metro.code === code);
}

function plan(
  slug: string,
  name: string,
  hour: number,
  cpu: string,
  memory: string,
  drives: Array<{ count: number; size: string; type: string }>,
  options: { onDemand?: boolean; metroPrices?: Record<string, number> } = {},
) {
  const index = slug.length * 31 + hour * 100;
  return {
    id: fakeUuid('e69c0169', Math.round(index)),
    slug,
    name,
    description: `${name}: ${cpu}, ${memory}`,
    line: 'baremetal',
    class: slug,
    type: 'standard',
    categories: ['compute', 'current_gen'],
    deployment_types: options.onDemand === false ? [] : ['on_demand', 'spot_market'],
    pricing: { hour },
    specs: {
      cpus: [{ count: 1, type: cpu }],
      memory: { total: memory },
      drives: drives.map((drive) => ({ ...drive, category: 'boot' })),
      nics: [{ count: 2, type: '10Gbps' }],
      features: { raid: true, txt: true, uefi: true },
    },
    available_in_metros: FAKE_METROS.map((metro) => ({
      href: `/metal/v1/locations/metros/${metro.id}`,
      price: { hour: options.metroPrices?.[metro.code] ?? hour },
    })),
  };
}

export const FAKE_PLANS = [
  plan('c3.small.x86', 'c3.small.x86', 0.75, 'Intel Xeon E-2378G 8-Core', '32GB', [
    { count: 2, size: '480GB', type: 'SSD' },
  ]),
  plan(
    'm3.small.x86',
    'm3.small.x86',
    1.05,
    'Intel Xeon E-2378G 8-Core',
    '64GB',
    [{ count: 2, size: '480GB', type: 'SSD' }],
    { metroPrices: { sg: 1.25 } },
  ),
  plan('c3.medium.x86', 'c3.medium.x86', 1.5, 'AMD EPYC 7402P 24-Core', '64GB', [
    { count: 2, size: '240GB', type: 'SSD' },
    { count: 2, size: '480GB', type: 'SSD' },
  ]),
  plan('m3.large.x86', 'm3.large.x86', 3.1, 'AMD EPYC 7502P 32-Core', '256GB', [
    { count: 2, size: '3.8TB', type: 'NVME' },
  ]),
  plan('a3.large.x86', 'a3.large.x86', 9, 'Intel Xeon 6338 32-Core', '1024GB', [], { onDemand: false }),
];

const OPERATING_SYSTEMS = [
  ['ubuntu_24_04', 'Ubuntu 24.04 LTS', 'ubuntu', '24.04'],
  ['ubuntu_22_04', 'Ubuntu 22.04 LTS', 'ubuntu', '22.04'],
  ['debian_12', 'Debian 12', 'debian', '12'],
] as const;

export const FAKE_OPERATING_SYSTEMS = OPERATING_SYSTEMS.map(([slug, name, distro, version], index) => ({
  id: fakeUuid('5c5d1e2a', index + 1),
  slug,
  name,
  distro,
  distro_label: distro === 'ubuntu' ? 'Ubuntu' : 'Debian',
  version,
  preinstallable: false,
  licensed: false,
  pricing: {},
  provisionable_on: FAKE_PLANS.map((entry) => entry.slug),
  default_operating_system: index === 0,
}));

/** The project `GET /projects/{id}` answers. */
export const FAKE_PROJECT = {
  id: FAKE_PROJECT_ID,
  name: 'provision-fake',
  href: `/metal/v1/projects/${FAKE_PROJECT_ID}`,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
  backend_transfer_enabled: false,
  customdata: {},
  type: 'default',
  tags: [],
};
