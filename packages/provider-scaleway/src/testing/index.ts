export { ScalewayContractFake } from './scaleway-contract-fake.js';
export { emulated } from './scaleway-emulated.js';
export {
  CREATE_SERVER_OPERATION,
  SCALEWAY_API_URL,
  SCALEWAY_FAKE_ACCESS_KEY,
  SCALEWAY_FAKE_PROJECT_ID,
  SCALEWAY_FAKE_SECRET_KEY,
  ScalewayFake,
  type ScalewayFakeOptions,
} from './scaleway-fake.js';
export {
  FAKE_SERVER_TYPES as SCALEWAY_FAKE_SERVER_TYPES,
  FAKE_ZONES as SCALEWAY_FAKE_ZONES,
} from './scaleway-fake-catalog.js';
export type {
  ScalewayFakeGroup,
  ScalewayFakeIp,
  ScalewayFakeRule,
  ScalewayFakeServer,
  ScalewayFakeVolume,
} from './scaleway-fake-records.js';
