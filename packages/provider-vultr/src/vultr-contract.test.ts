import { describeProvisionerContract } from '@provision/testkit';
import { VULTR_FAKE_API_KEY, VultrContractFake, type VultrFake } from './testing/index.js';
import { vultrPlugin } from './vultr-plugin.js';
import type { VultrSettings } from './vultr-settings.js';

// Well-formed, but not the key the fake accepts.
const WRONG_KEY = 'WRONGVULTRKEY000000000000000000000PV';

describeProvisionerContract<VultrSettings, VultrFake>({
  plugin: vultrPlugin,
  createFake: (options) => new VultrContractFake(options),
  settings: (fake) => ({ apiKey: VULTR_FAKE_API_KEY, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ apiKey: WRONG_KEY, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ apiKey: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ apiKey: 'short', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ apiKey: `${VULTR_FAKE_API_KEY}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in VULTR_API_KEY',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { VULTR_API_KEY: 'not a key' },
    },
  ],
  // Repeated in docs/providers/vultr.md.
  failureReasonAbsent:
    'Vultr has no failed state for an instance and records no reason: one it could not deploy shows only `status: suspended`.',
  malformedIds: ['abc', '0', 'cb676a46-0000-4000-8000-00000000100', 'x/y', `${'a'.repeat(36)}`, '/'],
});
