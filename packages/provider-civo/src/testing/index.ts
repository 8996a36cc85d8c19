export { CivoContractFake } from './civo-contract-fake.js';
export { emulated } from './civo-emulated.js';
export {
  CIVO_API_URL,
  CIVO_FAKE_TOKEN,
  CivoFake,
  type CivoFakeOptions,
  CREATE_INSTANCE_OPERATION,
} from './civo-fake.js';
export { defaultNetworkId, FAKE_REGIONS, FAKE_SIZES, fakeDiskImages } from './civo-fake-catalog.js';
export type { CivoFakeFirewall, CivoFakeInstance, CivoFakeRule } from './civo-fake-records.js';
