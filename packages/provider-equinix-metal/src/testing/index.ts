export { MetalContractFake } from './metal-contract-fake.js';
export { emulated } from './metal-emulated.js';
export {
  API_PATH,
  CREATE_DEVICE_OPERATION,
  METAL_API_URL,
  METAL_FAKE_TOKEN,
  MetalFake,
  type MetalFakeOptions,
} from './metal-fake.js';
export {
  FAKE_METROS,
  FAKE_OPERATING_SYSTEMS,
  FAKE_PLANS,
  FAKE_PROJECT,
  FAKE_PROJECT_ID,
} from './metal-fake-catalog.js';
export type { MetalFakeDevice } from './metal-fake-devices.js';
