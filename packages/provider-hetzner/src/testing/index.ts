export { HetznerContractFake } from './hetzner-contract-fake.js';
export { emulated } from './hetzner-emulated.js';
export { HETZNER_API_URL, HETZNER_FAKE_TOKEN, HetznerFake, type HetznerFakeOptions } from './hetzner-fake.js';
export {
  FAKE_IMAGES as HETZNER_FAKE_IMAGES,
  FAKE_LOCATIONS as HETZNER_FAKE_LOCATIONS,
  FAKE_SERVER_TYPES as HETZNER_FAKE_SERVER_TYPES,
} from './hetzner-fake-catalog.js';
export type {
  HetznerFakeAction,
  HetznerFakeFirewall,
  HetznerFakePrimaryIp,
  HetznerFakeRule,
  HetznerFakeServer,
  HetznerServerStatus,
} from './hetzner-fake-records.js';
