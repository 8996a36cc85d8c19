import { describeProvisionerContract } from '@provision/testkit';
import { civoPlugin } from './civo-plugin.js';
import type { CivoSettings } from './civo-settings.js';
import { CIVO_FAKE_TOKEN, CivoContractFake, type CivoFake } from './testing/index.js';

// Well-formed, but not the key the fake accepts.
const WRONG_TOKEN = 'WrongCivoKey000000000000000000000000000000000000PV';

describeProvisionerContract<CivoSettings, CivoFake>({
  plugin: civoPlugin,
  createFake: (options) => new CivoContractFake(options),
  settings: (fake) => ({ token: CIVO_FAKE_TOKEN, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ token: WRONG_TOKEN, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }), env: { HOME: '/nonexistent' } },
    { name: 'empty', settings: (fake) => ({ token: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ token: 'short', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ token: `${CIVO_FAKE_TOKEN}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in CIVO_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { CIVO_TOKEN: 'not a key' },
    },
  ],
  // Repeated in docs/providers/civo.md.
  failureReasonAbsent:
    'Civo records no reason for an instance it could not build: one shows only `status: ERROR`.',
  // Repeated in docs/providers/civo.md.
  orphanAgeUnknown:
    "Civo's firewalls carry no creation time and take no tags or description, and their name must stay the host's deterministic one, so no age of a firewall can be read or written.",
  malformedIds: [
    'abc',
    'LON1',
    'lon1/779d651a-0000-4000-8000-000000000001',
    'LON1/not-a-uuid',
    'LON1/779d651a-0000-4000-8000-000000000001/x',
    '/',
  ],
});
