import { describeProvisionerContract } from '@provision/testkit';
import { openstackPlugin } from './openstack-plugin.js';
import type { OpenStackSettings } from './openstack-settings.js';
import { OPENSTACK_FAKE_PASSWORD, OpenStackContractFake, type OpenStackFake } from './testing/index.js';

const user = (fake: OpenStackFake): OpenStackSettings => ({
  endpoint: `${fake.baseUrl}/identity/v3`,
  username: 'demo',
  projectName: 'demo',
  userDomainName: 'Default',
  projectDomainName: 'Default',
  regionName: 'RegionOne',
});

describeProvisionerContract<OpenStackSettings, OpenStackFake>({
  plugin: openstackPlugin,
  createFake: (options) => new OpenStackContractFake(options),
  settings: (fake) => ({ ...user(fake), password: OPENSTACK_FAKE_PASSWORD }),
  wrongCredentialSettings: (fake) => ({ ...user(fake), password: 'not-the-password' }),
  badCredentials: [
    { name: 'missing', settings: (fake) => user(fake) },
    { name: 'empty', settings: (fake) => ({ ...user(fake), password: '' }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ ...user(fake), password: `${OPENSTACK_FAKE_PASSWORD}\n` }),
    },
    {
      name: 'no project',
      settings: (fake) => ({ ...user(fake), projectName: undefined, password: OPENSTACK_FAKE_PASSWORD }),
    },
    {
      name: 'an application credential without its secret',
      settings: (fake) => ({ endpoint: `${fake.baseUrl}/identity/v3`, applicationCredentialId: 'abc' }),
    },
    {
      name: 'OS_CLOUD naming no cloud of clouds.yaml',
      settings: () => ({}),
      env: {
        OS_CLOUD: 'contract-no-such-cloud',
        HOME: '/nonexistent',
        OS_CLIENT_CONFIG_FILE: '/nonexistent/clouds.yaml',
      },
    },
  ],
  // The spec names Keystone's usual region; the default `auto` would resolve to it too.
  spec: { region: 'RegionOne' },
  malformedIds: [
    'abc',
    'RegionOne/x',
    'RegionOne/c0ffee00-0000-4000-8000-000000000001',
    '/',
    'Region One/a/b',
  ],
  soldOutReportedAsynchronously:
    "Nova never refuses a create for want of capacity: it accepts it, and the server goes ERROR with the fault 'No valid host was found', which status() reports as error saying the cloud had no capacity (docs/providers/openstack.md).",
});
