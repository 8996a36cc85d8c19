export { OvhContractFake } from './ovh-contract-fake.js';
export { emulated } from './ovh-emulated.js';
export {
  CREATE_INSTANCE_OPERATION,
  OVH_API_URL,
  OVH_FAKE_CREDENTIALS,
  OvhFake,
  type OvhFakeOptions,
} from './ovh-fake.js';
export { type OvhFakeCredentials, TIMESTAMP_WINDOW_SECONDS } from './ovh-fake-auth.js';
export { FAKE_FLAVORS, FAKE_IMAGES, FAKE_REGIONS, OVH_FAKE_PROJECT } from './ovh-fake-catalog.js';
export type { OvhFakeInstance } from './ovh-fake-records.js';
export { seedHosts } from './ovh-fake-seed.js';
