import { describeProvisionerContract } from '@provision/testkit';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// Well-formed, but not the token the fake accepts.
const WRONG_TOKEN = `dop_v1_${'f'.repeat(64)}`;

describeProvisionerContract<DigitalOceanSettings, DigitalOceanFake>({
  plugin: digitaloceanPlugin,
  createFake: (options) =>
    new DigitalOceanFake(options?.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  settings: (fake) => ({ token: DIGITALOCEAN_FAKE_TOKEN, endpoint: fake.baseUrl }),
  hostKind: 'droplet',
  createOperation: 'droplets_create',
  // Host ids start with the droplet id.
  inboundOf: (fake, host) => fake.inboundRules(host.id.split('/')[0] ?? ''),
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
  // DigitalOcean removes a droplet whose creation fails and records no reason, only an errored action.
  failureReasonFromCloud: false,
  // Destroys the droplet through the API, as someone in the control panel would, and waits until
  // it is gone: its firewall stays, guarding nothing.
  orphanHost: async (fake, host) => {
    const url = `${fake.baseUrl}/v2/droplets/${host.id.split('/')[0]}`;
    const headers = { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` };
    await fetch(url, { method: 'DELETE', headers });
    for (let read = 0; read < 20 && (await fetch(url, { headers })).status !== 404; read++);
  },
  malformedIds: ['abc', '0', '-1', '12/not-a-uuid', '12/34/56', '12/', '/12', 'droplet-12'],
});
