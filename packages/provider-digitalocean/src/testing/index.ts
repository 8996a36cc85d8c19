export { DigitalOceanContractFake } from './digitalocean-contract-fake.js';
export { emulated } from './digitalocean-emulated.js';
export {
  DIGITALOCEAN_API_URL,
  DIGITALOCEAN_FAKE_TOKEN,
  DigitalOceanFake,
  type DigitalOceanFakeOptions,
} from './digitalocean-fake.js';
export {
  CATALOG_IMAGES as DIGITALOCEAN_FAKE_IMAGES,
  CATALOG_REGIONS as DIGITALOCEAN_FAKE_REGIONS,
  CATALOG_SIZES as DIGITALOCEAN_FAKE_SIZES,
  type CatalogImage as DigitalOceanFakeImage,
  type CatalogRegion as DigitalOceanFakeRegion,
  type CatalogSize as DigitalOceanFakeSize,
} from './digitalocean-fake-catalog.js';
export type { NormalizedInboundRule } from './digitalocean-fake-firewalls.js';
export type {
  DigitalOceanFakeAction,
  DigitalOceanFakeDroplet,
  DigitalOceanFakeFirewall,
  DropletStatus,
  FirewallRuleRecord,
} from './digitalocean-fake-records.js';
