export { VultrContractFake } from './vultr-contract-fake.js';
export { emulated } from './vultr-emulated.js';
export {
  CREATE_INSTANCE_OPERATION,
  VULTR_API_URL,
  VULTR_FAKE_API_KEY,
  VultrFake,
  type VultrFakeOptions,
} from './vultr-fake.js';
export { FAKE_OS, FAKE_PLANS, FAKE_REGIONS } from './vultr-fake-catalog.js';
export type { VultrFakeGroup, VultrFakeInstance, VultrFakeRule } from './vultr-fake-records.js';
