import { type ContractConfig, describeProvisionerContract } from '@provision/testkit';
import { acmePlugin } from './acme-plugin.js';
import type { AcmeSettings } from './acme-settings.js';
import { AcmeContractFake, type AcmeFake } from './testing/index.js';

/** A key of the right form that the fake does not accept. */
const WRONG_API_KEY = 'acme_wrong00000000000000000002';

const config: ContractConfig<AcmeSettings, AcmeFake> = {
  plugin: acmePlugin,
  createFake: (options) => new AcmeContractFake(options),
  settings: (fake) => ({ apiKey: fake.apiKey, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ apiKey: WRONG_API_KEY, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ apiKey: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ apiKey: 'not-an-acme-key', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ apiKey: `${fake.apiKey}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in ACME_API_KEY',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { ACME_API_KEY: 'acme_short' },
    },
  ],
  malformedIds: ['abc', '1001', 'm-', 'm-1001/2', 'M-1001'],
};

describeProvisionerContract(config);
