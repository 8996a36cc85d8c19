import { describeProvisionerContract } from '@provision/testkit';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanContractFake, type DigitalOceanFake } from './testing/index.js';

// Well-formed, but not the token the fake accepts.
const WRONG_TOKEN = `dop_v1_${'f'.repeat(64)}`;

describeProvisionerContract<DigitalOceanSettings, DigitalOceanFake>({
  plugin: digitaloceanPlugin,
  createFake: (options) => new DigitalOceanContractFake(options),
  settings: (fake) => ({ token: DIGITALOCEAN_FAKE_TOKEN, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ token: WRONG_TOKEN, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ token: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ token: 'dop_v1_short', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ token: `${DIGITALOCEAN_FAKE_TOKEN}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in DIGITALOCEAN_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { DIGITALOCEAN_TOKEN: 'not a token' },
    },
    {
      name: 'malformed in DIGITALOCEAN_ACCESS_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { DIGITALOCEAN_ACCESS_TOKEN: 'x'.repeat(64) },
    },
  ],
  // Repeated in docs/providers/digitalocean.md.
  failureReasonAbsent:
    'DigitalOcean removes a Droplet whose creation fails and records no reason: the API only marks its create action errored.',
  malformedIds: ['abc', '0', '-1', '12/not-a-uuid', '12/34/56', '12/', '/12', 'droplet-12'],
});
