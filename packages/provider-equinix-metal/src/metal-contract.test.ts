import { describeProvisionerContract } from '@provision/testkit';
import { metalPlugin } from './metal-plugin.js';
import type { MetalSettings } from './metal-settings.js';
import { FAKE_PROJECT_ID, METAL_FAKE_TOKEN, MetalContractFake, type MetalFake } from './testing/index.js';

// Well-formed, but not the key the fake accepts.
const WRONG_TOKEN = 'WrongMetalKey0000000000000000001';
const NO_HOME = { HOME: '/nonexistent' };

describeProvisionerContract<MetalSettings, MetalFake>({
  plugin: metalPlugin,
  createFake: (options) => new MetalContractFake(options),
  settings: (fake) => ({ token: METAL_FAKE_TOKEN, projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl }),
  wrongCredentialSettings: (fake) => ({
    token: WRONG_TOKEN,
    projectId: FAKE_PROJECT_ID,
    endpoint: fake.apiUrl,
  }),
  env: NO_HOME,
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl }) },
    {
      name: 'empty',
      settings: (fake) => ({ token: '', projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl }),
    },
    {
      name: 'malformed',
      settings: (fake) => ({ token: 'short', projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl }),
    },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({
        token: `${METAL_FAKE_TOKEN}\n`,
        projectId: FAKE_PROJECT_ID,
        endpoint: fake.apiUrl,
      }),
    },
    {
      name: 'malformed in METAL_AUTH_TOKEN',
      settings: (fake) => ({ projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl }),
      env: { ...NO_HOME, METAL_AUTH_TOKEN: 'not a key' },
    },
    { name: 'project missing', settings: (fake) => ({ token: METAL_FAKE_TOKEN, endpoint: fake.apiUrl }) },
    {
      name: 'project not a UUID',
      settings: (fake) => ({ token: METAL_FAKE_TOKEN, projectId: 'my-project', endpoint: fake.apiUrl }),
    },
  ],
  malformedIds: [
    'abc',
    'da',
    'da/de71ce00-0000-4000-8000-000000000001',
    'DE71CE00-0000-4000-8000-000000000001',
    '/',
  ],
});
