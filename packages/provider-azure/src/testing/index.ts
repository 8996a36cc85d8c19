export { AzureContractFake } from './azure-contract-fake.js';
export { emulated } from './azure-emulated.js';
export { AZURE_CREATE_OPERATION, AzureFake, type AzureFakeOptions } from './azure-fake.js';
export { FAKE_API_VERSIONS, FAKE_IMAGES, FAKE_LOCATIONS, FAKE_SIZES } from './azure-fake-catalog.js';
export type {
  AzureFakeDeployment,
  AzureFakeGroup,
  AzureFakeResource,
  AzureFakeVmState,
} from './azure-fake-records.js';
export {
  AZURE_FAKE_ACCESS_TOKEN,
  AZURE_FAKE_CREDENTIALS,
  AZURE_LOGIN_URL,
  AZURE_MANAGEMENT_URL,
  AZURE_PRICES_URL,
} from './azure-fake-wire.js';
