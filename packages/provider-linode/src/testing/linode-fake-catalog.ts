/**
 * The regions, types and images the fake serves, shaped as `GET /v4/regions`, `/v4/linode/types`
 * and `/v4/images` answer. Figures from Linode's pricing page and API answers (see
 * `test-fixtures/linode-openapi.SOURCE.md`); `us-east` carries the description's example
 * capabilities, which lack "Metadata", so the fake refuses user-data there as the API does.
 */

const METADATA = [
  'Linodes',
  'NodeBalancers',
  'Block Storage',
  'Object Storage',
  'Cloud Firewall',
  'Metadata',
];

/** A region as `GET /v4/regions` lists it. */
export interface FakeRegion {
  id: string;
  label: string;
  country: string;
  capabilities: string[];
  status: 'ok' | 'outage';
  resolvers: { ipv4: string; ipv6: string };
  'site-type': 'core' | 'distributed';
  placement_group_limits: { maximum_linodes_per_pg: number; maximum_pgs_per_customer: number | null };
}

const region = (id: string, label: string, country: string, capabilities = METADATA): FakeRegion => ({
  id,
  label,
  country,
  capabilities,
  status: 'ok',
  resolvers: { ipv4: '192.0.2.53,192.0.2.54', ipv6: '2001:db8::53' },
  'site-type': 'core',
  placement_group_limits: { maximum_linodes_per_pg: 5, maximum_pgs_per_customer: null },
});

/** Regions of the fake. */
export const FAKE_REGIONS: readonly FakeRegion[] = [
  region('us-ord', 'Chicago, IL', 'us'),
  region('us-iad', 'Washington, DC', 'us'),
  region('us-sea', 'Seattle, WA', 'us'),
  region('fr-par', 'Paris, FR', 'fr'),
  region('nl-ams', 'Amsterdam, NL', 'nl'),
  region('id-cgk', 'Jakarta, ID', 'id'),
  region('br-gru', 'Sao Paulo, BR', 'br'),
  region('us-east', 'Newark, NJ', 'us', [
    'Linodes',
    'NodeBalancers',
    'Block Storage',
    'Object Storage',
    'Placement Groups',
    'Block Storage Encryption',
  ]),
];

/** A Linode type as `GET /v4/linode/types` lists it. */
export interface FakeType {
  id: string;
  label: string;
  class: 'nanode' | 'standard' | 'dedicated';
  disk: number;
  memory: number;
  vcpus: number;
  gpus: number;
  network_out: number;
  transfer: number;
  price: { hourly: number; monthly: number };
  region_prices: Array<{ id: string; hourly: number; monthly: number }>;
  addons: { backups: { price: { hourly: number; monthly: number }; region_prices: unknown[] } };
  successor: string | null;
}

// Jakarta and São Paulo are priced above the default.
const type = (
  id: string,
  label: string,
  vcpus: number,
  memory: number,
  disk: number,
  monthly: number,
  hourly: number,
): FakeType => ({
  id,
  label,
  class: id === 'g6-nanode-1' ? 'nanode' : 'standard',
  disk: disk * 1024,
  memory,
  vcpus,
  gpus: 0,
  network_out: 1000 * vcpus,
  transfer: 1000 * Math.max(1, memory / 1024),
  price: { hourly, monthly },
  region_prices: [
    { id: 'id-cgk', hourly: Number((hourly * 1.2).toFixed(4)), monthly: monthly * 1.2 },
    { id: 'br-gru', hourly: Number((hourly * 1.4).toFixed(4)), monthly: monthly * 1.4 },
  ],
  addons: { backups: { price: { hourly: hourly / 5, monthly: monthly / 5 }, region_prices: [] } },
  successor: null,
});

/** Types of the fake. */
export const FAKE_TYPES: readonly FakeType[] = [
  type('g6-nanode-1', 'Nanode 1GB', 1, 1024, 25, 5, 0.0075),
  type('g6-standard-1', 'Linode 2GB', 1, 2048, 50, 12, 0.018),
  type('g6-standard-2', 'Linode 4GB', 2, 4096, 80, 24, 0.036),
  type('g6-standard-4', 'Linode 8GB', 4, 8192, 160, 48, 0.072),
];

/** A public image as `GET /v4/images` lists it. */
export interface FakeImage {
  id: string;
  label: string;
  vendor: string;
  created_by: string;
  is_public: boolean;
  capabilities: string[];
  deprecated: boolean;
  status: 'available';
  type: 'manual';
  size: number;
  total_size: number;
  created: string;
  updated: string;
  description: string | null;
  eol: string | null;
  expiry: string | null;
  regions: unknown[];
  tags: string[];
}

const image = (id: string, label: string, vendor: string): FakeImage => ({
  id,
  label,
  vendor,
  created_by: 'linode',
  is_public: true,
  capabilities: ['cloud-init', 'distributed-sites'],
  deprecated: false,
  status: 'available',
  type: 'manual',
  size: 2500,
  total_size: 2500,
  created: '2026-04-24T00:00:00',
  updated: '2026-04-24T00:00:00',
  description: null,
  eol: null,
  expiry: null,
  regions: [],
  tags: [],
});

/** Public images of the fake, published by Linode (`created_by: "linode"`). */
export const FAKE_IMAGES: readonly FakeImage[] = [
  image('linode/ubuntu26.04', 'Ubuntu 26.04 LTS', 'Ubuntu'),
  image('linode/ubuntu24.04', 'Ubuntu 24.04 LTS', 'Ubuntu'),
  image('linode/ubuntu22.04', 'Ubuntu 22.04 LTS', 'Ubuntu'),
  image('linode/debian13', 'Debian 13', 'Debian'),
  image('linode/debian12', 'Debian 12', 'Debian'),
];
