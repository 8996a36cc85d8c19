import { describeProvisionerContract } from '@provision/testkit';
import { linodePlugin } from './linode-plugin.js';
import type { LinodeSettings } from './linode-settings.js';
import { LINODE_FAKE_TOKEN, LinodeContractFake, type LinodeFake } from './testing/index.js';

// Well-formed, but not the token the fake accepts.
const WRONG_TOKEN = 'f'.repeat(64);

describeProvisionerContract<LinodeSettings, LinodeFake>({
  plugin: linodePlugin,
  createFake: (options) => new LinodeContractFake(options),
  settings: (fake) => ({ token: LINODE_FAKE_TOKEN, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ token: WRONG_TOKEN, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ token: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ token: 'not-a-token', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ token: `${LINODE_FAKE_TOKEN}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in LINODE_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { LINODE_TOKEN: 'x'.repeat(64) },
    },
    {
      name: 'malformed in LINODE_CLI_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { LINODE_CLI_TOKEN: 'short' },
    },
  ],
  malformedIds: ['abc', '0', '-1', '12/abc', '12/34/56', '12/', '/12', 'linode-12'],
});
