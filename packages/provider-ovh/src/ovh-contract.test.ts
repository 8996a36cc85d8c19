import { describeProvisionerContract } from '@provision/testkit';
import { ovhPlugin } from './ovh-plugin.js';
import type { OvhSettings } from './ovh-settings.js';
import { OVH_FAKE_CREDENTIALS, OVH_FAKE_PROJECT, OvhContractFake, type OvhFake } from './testing/index.js';

const endpoint = (fake: OvhFake) => `${fake.baseUrl}/1.0`;
const valid = (fake: OvhFake): OvhSettings => ({
  ...OVH_FAKE_CREDENTIALS,
  project: OVH_FAKE_PROJECT,
  endpoint: endpoint(fake),
});

describeProvisionerContract<OvhSettings, OvhFake>({
  plugin: ovhPlugin,
  createFake: (options) => new OvhContractFake(options),
  settings: valid,
  // Well-formed, but a consumer key the fake never issued.
  wrongCredentialSettings: (fake) => ({ ...valid(fake), consumerKey: 'WrongOvhConsumerKey0000000000032' }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ project: OVH_FAKE_PROJECT, endpoint: endpoint(fake) }) },
    { name: 'empty secret', settings: (fake) => ({ ...valid(fake), applicationSecret: '' }) },
    { name: 'malformed key', settings: (fake) => ({ ...valid(fake), applicationKey: 'short' }) },
    {
      name: 'consumer key with a trailing newline',
      settings: (fake) => ({ ...valid(fake), consumerKey: `${OVH_FAKE_CREDENTIALS.consumerKey}\n` }),
    },
    {
      name: 'malformed in OVH_APPLICATION_SECRET',
      settings: (fake) => ({ ...valid(fake), applicationSecret: undefined }),
      env: { OVH_APPLICATION_SECRET: 'not a secret' },
    },
  ],
  // Repeated in docs/providers/ovh.md.
  failureReasonAbsent:
    'OVHcloud’s /cloud API reports an instance it could not build only as `status: ERROR` and records no reason.',
  malformedIds: ['abc', '0', `${OVH_FAKE_PROJECT}/x`, 'x/y', `${OVH_FAKE_PROJECT}`, '/'],
});
