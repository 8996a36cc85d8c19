import { describeProvisionerContract } from '@provision/testkit';
import { scalewayPlugin } from './scaleway-plugin.js';
import type { ScalewaySettings } from './scaleway-settings.js';
import {
  SCALEWAY_FAKE_ACCESS_KEY,
  SCALEWAY_FAKE_PROJECT_ID,
  SCALEWAY_FAKE_SECRET_KEY,
  ScalewayContractFake,
  type ScalewayFake,
} from './testing/index.js';

// Well-formed, but not the key the fake accepts.
const WRONG_KEY = '00000000-0000-4000-8000-000000000bad';
const account = { accessKey: SCALEWAY_FAKE_ACCESS_KEY, projectId: SCALEWAY_FAKE_PROJECT_ID };

describeProvisionerContract<ScalewaySettings, ScalewayFake>({
  plugin: scalewayPlugin,
  createFake: (options) => new ScalewayContractFake(options),
  settings: (fake) => ({ ...account, secretKey: SCALEWAY_FAKE_SECRET_KEY, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ ...account, secretKey: WRONG_KEY, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ ...account, endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ ...account, secretKey: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ ...account, secretKey: 'short', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({
        ...account,
        secretKey: `${SCALEWAY_FAKE_SECRET_KEY}\n`,
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'malformed in SCW_SECRET_KEY',
      settings: (fake) => ({ ...account, endpoint: fake.baseUrl }),
      env: { SCW_SECRET_KEY: 'not a key' },
    },
    {
      name: 'a malformed access key',
      settings: (fake) => ({
        ...account,
        accessKey: 'AKIAEXAMPLE',
        secretKey: SCALEWAY_FAKE_SECRET_KEY,
        endpoint: fake.baseUrl,
      }),
    },
  ],
  malformedIds: [
    'abc',
    'fr-par-1',
    '5e7e0000-0000-4000-8000-000000000001',
    'fr-par-1/not-a-uuid',
    'paris/5e7e0000-0000-4000-8000-000000000001',
    'fr-par-1/5e7e0000-0000-4000-8000-000000000001/x',
    '/',
  ],
});
