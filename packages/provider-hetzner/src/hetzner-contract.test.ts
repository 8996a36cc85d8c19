import { describeProvisionerContract } from '@provision/testkit';
import { hetznerPlugin } from './hetzner-plugin.js';
import type { HetznerSettings } from './hetzner-settings.js';
import { HETZNER_FAKE_TOKEN, HetznerContractFake, type HetznerFake } from './testing/index.js';

// Well-formed, but not the token the fake accepts.
const WRONG_TOKEN = 'W'.repeat(64);

describeProvisionerContract<HetznerSettings, HetznerFake>({
  plugin: hetznerPlugin,
  createFake: (options) => new HetznerContractFake(options),
  settings: (fake) => ({ token: HETZNER_FAKE_TOKEN, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ token: WRONG_TOKEN, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ token: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ token: 'short', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ token: `${HETZNER_FAKE_TOKEN}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in HCLOUD_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { HCLOUD_TOKEN: 'not a token' },
    },
  ],
  malformedIds: ['abc', '0', '-1', '12/abc', '12/34/56', '12/', '/12', 'server-12'],
});
