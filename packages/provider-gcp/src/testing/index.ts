export { GcpContractFake } from './gcp-contract-fake.js';
export { emulated } from './gcp-emulated.js';
export { computeRoot, GCP_COMPUTE_URL, GCP_OAUTH_URL, GcpFake, type GcpFakeOptions } from './gcp-fake.js';
export {
  GCP_FAKE_ACCESS_TOKEN,
  GCP_FAKE_AUTHORIZED_USER,
  GCP_FAKE_PROJECT,
  GCP_FAKE_SERVICE_ACCOUNT,
  gcpFakeAdcFile,
  gcpFakeServiceAccountKey,
} from './gcp-fake-auth.js';
export {
  FAKE_IMAGES as GCP_FAKE_IMAGES,
  FAKE_MACHINE_TYPES as GCP_FAKE_MACHINE_TYPES,
  FAKE_ZONES as GCP_FAKE_ZONES,
} from './gcp-fake-catalog.js';
export type { GcpFakeFirewall, GcpFakeInstance } from './gcp-fake-records.js';
