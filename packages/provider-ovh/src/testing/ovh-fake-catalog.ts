import { stableUuid } from './ovh-fake-wire.js';

/**
 * What the fake sells, in the description's shapes (`cloud.flavor.Flavor`, `cloud.image.Image`):
 * a few regions, each with the Discovery and General Purpose flavors (and a Windows one, which
 * provision never offers), OVH's public images, and a private snapshot named like a public image
 * (which provision must never pick). Flavor and image ids differ per region, as on OVH.
 */
export const FAKE_REGIONS = ['GRA11', 'SBG5', 'BHS5'] as const;

/** The fake's project id (`serviceName`). */
export const OVH_FAKE_PROJECT = '0123456789abcdef0123456789abcdef';

const FLAVORS = [
  { name: 'd2-2', vcpus: 1, ram: 2000, disk: 25, type: 'ovh.d2', osType: 'linux' },
  { name: 'd2-4', vcpus: 2, ram: 4000, disk: 50, type: 'ovh.d2', osType: 'linux' },
  { name: 'd2-8', vcpus: 4, ram: 8000, disk: 50, type: 'ovh.d2', osType: 'linux' },
  { name: 'b3-8', vcpus: 2, ram: 8000, disk: 50, type: 'ovh.b3', osType: 'linux' },
  { name: 'win-b3-8', vcpus: 2, ram: 8000, disk: 50, type: 'ovh.b3', osType: 'windows' },
];

export const FAKE_FLAVORS = FAKE_REGIONS.flatMap((region) =>
  FLAVORS.map((flavor) => ({
    available: true,
    capabilities: [
      { enabled: true, name: 'resize' },
      { enabled: true, name: 'snapshot' },
      { enabled: true, name: 'volume' },
      { enabled: false, name: 'failoverip' },
    ],
    disk: flavor.disk,
    id: stableUuid('flavor', region, flavor.name),
    inboundBandwidth: 100,
    name: flavor.name,
    osType: flavor.osType,
    outboundBandwidth: 100,
    planCodes: { hourly: `${flavor.name}.consumption`, monthly: `${flavor.name}.monthly.postpaid` },
    quota: 20,
    ram: flavor.ram,
    region,
    type: flavor.type,
    vcpus: flavor.vcpus,
  })),
);

const IMAGES = [
  { name: 'Ubuntu 24.04', user: 'ubuntu', visibility: 'public' },
  { name: 'Ubuntu 22.04', user: 'ubuntu', visibility: 'public' },
  { name: 'Debian 12', user: 'debian', visibility: 'public' },
  // A customer's snapshot may carry any name: only `public` images are OVHcloud's.
  { name: 'Ubuntu 24.04', user: 'ubuntu', visibility: 'private' },
];

export const FAKE_IMAGES = FAKE_REGIONS.flatMap((region) =>
  IMAGES.map((image) => ({
    creationDate: '2026-10-01T00:00:00Z',
    flavorType: null,
    id: stableUuid('image', region, image.name, image.visibility),
    minDisk: 0,
    minRam: 0,
    name: image.name,
    planCode: null,
    region,
    size: 2.5,
    status: 'active',
    tags: [],
    type: 'linux',
    user: image.user,
    visibility: image.visibility,
  })),
);

/** Hourly prices in hundred-millionths of a euro, the public catalog's unit (ovhSubsidiary FR, excluding VAT). */
const HOURLY_PRICES: Readonly<Record<string, number>> = {
  'd2-2': 990_000,
  'd2-4': 1_980_000,
  'd2-8': 3_660_000,
  'b3-8': 5_080_000,
  'win-b3-8': 7_680_000,
};

function pricing(price: number, intervalUnit: 'hour' | 'month', capacities: string[]) {
  return {
    capacities,
    commitment: 0,
    description: intervalUnit === 'hour' ? 'Consumption' : 'Monthly fees',
    engagementConfiguration: null,
    interval: 1,
    intervalUnit,
    mode: 'default',
    mustBeCompleted: false,
    phase: 1,
    price,
    promotions: [],
    quantity: { max: null, min: 1 },
    repeat: { max: null, min: 1 },
    strategy: 'tiered',
    tax: Math.round(price * 0.2),
    type: intervalUnit === 'hour' ? 'consumption' : 'rental',
  };
}

function addon(planCode: string, invoiceName: string, pricings: ReturnType<typeof pricing>[]) {
  return {
    addonFamilies: [],
    blobs: null,
    configurations: [],
    consumptionConfiguration: null,
    family: 'instance',
    invoiceName,
    planCode,
    pricingType: pricings[0]?.type === 'consumption' ? 'consumption' : 'rental',
    pricings,
    product: 'publiccloud-instance',
  };
}

/**
 * `GET /order/catalog/public/cloud?ovhSubsidiary=`, `order.catalog.public.Catalog` in small: the
 * project plan and, per flavor, the hourly add-on `<flavor>.consumption` and the monthly one
 * `<flavor>.monthly.postpaid` (about half the hourly price over a month).
 */
export function fakePublicCatalog(subsidiary: string) {
  const flavors = [...new Set(FLAVORS.map((flavor) => flavor.name))];
  return {
    addons: flavors.flatMap((name) => {
      const hourly = HOURLY_PRICES[name] ?? 0;
      return [
        addon(`${name}.consumption`, `${name} instance`, [pricing(hourly, 'hour', ['consumption'])]),
        addon(`${name}.monthly.postpaid`, `${name} instance (monthly)`, [
          pricing(Math.round(hourly * 365), 'month', ['renew']),
        ]),
      ];
    }),
    catalogId: 1,
    locale: { currencyCode: 'EUR', subsidiary, taxRate: 20 },
    planFamilies: [{ name: 'default' }],
    plans: [],
    products: [
      { blobs: null, configurations: [], description: 'Public Cloud instance', name: 'publiccloud-instance' },
    ],
  };
}
