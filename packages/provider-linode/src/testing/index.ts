export { LinodeContractFake } from './linode-contract-fake.js';
export { emulated } from './linode-emulated.js';
export { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake, type LinodeFakeOptions } from './linode-fake.js';
export {
  FAKE_IMAGES as LINODE_FAKE_IMAGES,
  FAKE_REGIONS as LINODE_FAKE_REGIONS,
  FAKE_TYPES as LINODE_FAKE_TYPES,
} from './linode-fake-catalog.js';
export type {
  FirewallRule,
  LinodeFakeEvent,
  LinodeFakeFirewall,
  LinodeFakeInstance,
  LinodeStatus,
} from './linode-fake-records.js';
