/**
 * What the fake Hetzner Cloud sells: locations, server types with per-location prices, system
 * images per architecture, and the pricing endpoint's answer. Shapes from Hetzner's OpenAPI
 * description (`test-fixtures/hetzner-openapi.trimmed.json`); figures are the fake's own,
 * close to the published ones (docs/providers/hetzner.md).
 */

/** A location as the API answers it. */
export interface FakeLocation {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly country: string;
  readonly city: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly network_zone: string;
}

export const FAKE_LOCATIONS: readonly FakeLocation[] = [
  {
    id: 1,
    name: 'fsn1',
    description: 'Falkenstein DC Park 1',
    country: 'DE',
    city: 'Falkenstein',
    latitude: 50.47612,
    longitude: 12.370071,
    network_zone: 'eu-central',
  },
  {
    id: 2,
    name: 'nbg1',
    description: 'Nuremberg DC Park 1',
    country: 'DE',
    city: 'Nuremberg',
    latitude: 49.452102,
    longitude: 11.076665,
    network_zone: 'eu-central',
  },
  {
    id: 3,
    name: 'hel1',
    description: 'Helsinki DC Park 1',
    country: 'FI',
    city: 'Helsinki',
    latitude: 60.169855,
    longitude: 24.938379,
    network_zone: 'eu-central',
  },
  {
    id: 4,
    name: 'ash',
    description: 'Ashburn, VA',
    country: 'US',
    city: 'Ashburn, VA',
    latitude: 39.045821,
    longitude: -77.487073,
    network_zone: 'us-east',
  },
  {
    id: 5,
    name: 'hil',
    description: 'Hillsboro, OR',
    country: 'US',
    city: 'Hillsboro, OR',
    latitude: 45.54222,
    longitude: -122.951924,
    network_zone: 'us-west',
  },
];

/** A server type: its facts and the net monthly price (EUR) where it is sold. */
export interface FakeServerType {
  readonly id: number;
  readonly name: string;
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
  readonly architecture: 'x86' | 'arm';
  readonly cpu_type: 'shared' | 'dedicated';
  readonly monthly: number;
  readonly locations: readonly string[];
}

const EU = ['fsn1', 'nbg1', 'hel1'];
export const FAKE_SERVER_TYPES: readonly FakeServerType[] = [
  {
    id: 104,
    name: 'cx23',
    cores: 2,
    memory: 4,
    disk: 40,
    architecture: 'x86',
    cpu_type: 'shared',
    monthly: 3.49,
    locations: EU,
  },
  {
    id: 45,
    name: 'cax11',
    cores: 2,
    memory: 4,
    disk: 40,
    architecture: 'arm',
    cpu_type: 'shared',
    monthly: 3.79,
    locations: EU,
  },
  {
    id: 108,
    name: 'cpx22',
    cores: 3,
    memory: 4,
    disk: 80,
    architecture: 'x86',
    cpu_type: 'shared',
    monthly: 5.99,
    locations: [...EU, 'ash', 'hil'],
  },
  {
    id: 105,
    name: 'cx33',
    cores: 4,
    memory: 8,
    disk: 80,
    architecture: 'x86',
    cpu_type: 'shared',
    monthly: 5.49,
    locations: EU,
  },
  {
    id: 96,
    name: 'ccx13',
    cores: 2,
    memory: 8,
    disk: 80,
    architecture: 'x86',
    cpu_type: 'dedicated',
    monthly: 12.49,
    locations: [...EU, 'ash', 'hil'],
  },
];

/** Net monthly price of a primary IPv4 (EUR), the same everywhere in the fake. */
export const FAKE_IPV4_MONTHLY = 0.5;
const VAT = 0.19;
const HOURS = 730;

const amount = (net: number) => ({ net: net.toFixed(4), gross: (net * (1 + VAT)).toFixed(4) });

/** A server type's `prices`, per location. */
export function typePrices(type: FakeServerType) {
  return type.locations.map((location) => ({
    location,
    price_hourly: amount(type.monthly / HOURS),
    price_monthly: amount(type.monthly),
    included_traffic: location === 'ash' || location === 'hil' ? 1099511627776 : 21990232555520,
    price_per_tb_traffic: amount(1),
  }));
}

/** A server type as the API answers it. */
export function serverTypeObject(type: FakeServerType) {
  return {
    id: type.id,
    name: type.name,
    description: type.name.toUpperCase(),
    category: type.cpu_type === 'dedicated' ? 'dedicated_cpu' : 'cost_optimized',
    cores: type.cores,
    memory: type.memory,
    disk: type.disk,
    deprecated: false,
    deprecation: null,
    prices: typePrices(type),
    storage_type: 'local',
    cpu_type: type.cpu_type,
    architecture: type.architecture,
    locations: type.locations.map((name) => ({
      id: FAKE_LOCATIONS.find((location) => location.name === name)?.id ?? 0,
      name,
      deprecation: null,
    })),
  };
}

/** A system image. */
export interface FakeImage {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly architecture: 'x86' | 'arm';
  readonly os_flavor: 'ubuntu' | 'debian';
  readonly os_version: string;
}

const image = (
  id: number,
  flavor: 'ubuntu' | 'debian',
  version: string,
  architecture: 'x86' | 'arm',
): FakeImage => ({
  id,
  name: `${flavor}-${version}`,
  description: `${flavor === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${version}`,
  architecture,
  os_flavor: flavor,
  os_version: version,
});

export const FAKE_IMAGES: readonly FakeImage[] = [
  image(161547269, 'ubuntu', '26.04', 'x86'),
  image(161547270, 'ubuntu', '26.04', 'arm'),
  image(161547271, 'ubuntu', '24.04', 'x86'),
  image(161547272, 'ubuntu', '24.04', 'arm'),
  image(67794396, 'ubuntu', '22.04', 'x86'),
  image(67794397, 'ubuntu', '22.04', 'arm'),
  image(114690387, 'debian', '12', 'x86'),
  image(114690389, 'debian', '12', 'arm'),
  image(161547273, 'debian', '13', 'x86'),
  image(161547274, 'debian', '13', 'arm'),
];

/** An image as the API answers it. */
export function imageObject(item: FakeImage) {
  return {
    id: item.id,
    type: 'system',
    status: 'available',
    name: item.name,
    description: item.description,
    image_size: null,
    disk_size: 5,
    created: '2026-04-24T09:00:00Z',
    created_from: null,
    bound_to: null,
    os_flavor: item.os_flavor,
    os_version: item.os_version,
    rapid_deploy: true,
    protection: { delete: false },
    deprecated: null,
    deleted: null,
    labels: {},
    architecture: item.architecture,
  };
}

/** The location object of `name`; the datacenter the fake places servers in is `<name>-dc1`. */
export function locationObject(name: string) {
  return FAKE_LOCATIONS.find((location) => location.name === name) as FakeLocation;
}

export function datacenterObject(name: string) {
  const location = locationObject(name);
  const ids = FAKE_SERVER_TYPES.filter((type) => type.locations.includes(name)).map((type) => type.id);
  return {
    id: location.id,
    name: `${name}-dc1`,
    description: `${location.city} DC 1`,
    location,
    server_types: { supported: ids, available: ids, available_for_migration: ids },
  };
}

/** `GET /pricing`. */
export function pricingObject() {
  const everywhere = FAKE_LOCATIONS.map((location) => location.name);
  return {
    currency: 'EUR',
    vat_rate: (VAT * 100).toFixed(2),
    image: { price_per_gb_month: amount(0.011) },
    floating_ip: { price_monthly: amount(3) },
    floating_ips: (['ipv4', 'ipv6'] as const).map((type) => ({
      type,
      prices: everywhere.map((location) => ({ location, price_monthly: amount(type === 'ipv4' ? 3 : 1) })),
    })),
    primary_ips: (['ipv4', 'ipv6'] as const).map((type) => ({
      type,
      prices: everywhere.map((location) => {
        const monthly = type === 'ipv4' ? FAKE_IPV4_MONTHLY : 0;
        return { location, price_hourly: amount(monthly / HOURS), price_monthly: amount(monthly) };
      }),
    })),
    server_backup: { percentage: '20.00' },
    server_types: FAKE_SERVER_TYPES.map((type) => ({
      id: type.id,
      name: type.name,
      prices: typePrices(type),
    })),
    load_balancer_types: [],
    volume: { price_per_gb_month: amount(0.044) },
  };
}
