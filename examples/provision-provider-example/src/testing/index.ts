export { AcmeContractFake } from './acme-contract-fake.js';
export { emulated } from './acme-emulated.js';
export {
  ACME_API_URL,
  ACME_FAKE_API_KEY,
  AcmeFake,
  type AcmeFakeOptions,
  type AcmeMachineRecord,
} from './acme-fake.js';
