import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { OPENSTACK_FAKE_PASSWORD, OpenStackFake } from './openstack-fake.js';

/** The emulator's instance limit unless told otherwise: generous, for load tests. */
export const EMULATED_INSTANCE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake OpenStack cloud (Keystone, Nova, Neutron,
 * Glance) under the emulator's `/openstack` prefix, reached with the `OS_*` variables of an
 * openrc file, the user `demo` in the project `demo`. Servers turn ACTIVE after a few reads.
 */
export const emulated: EmulatedCloud = {
  provider: 'openstack',
  limits: {
    instances: {
      default: EMULATED_INSTANCE_LIMIT,
      description:
        "Servers the project may have at once (creates beyond answer Nova's 403 quota error). A real cloud's operator sets the instances quota per project.",
    },
  },
  create: ({ baseUrl, limits }) =>
    new OpenStackFake({
      baseUrl,
      readsUntilActive: 4,
      instanceLimit: limits?.instances ?? EMULATED_INSTANCE_LIMIT,
    }),
  env: (baseUrl) => ({
    OS_AUTH_URL: `${baseUrl}/identity/v3`,
    OS_USERNAME: 'demo',
    OS_PASSWORD: OPENSTACK_FAKE_PASSWORD,
    OS_PROJECT_NAME: 'demo',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_IDENTITY_API_VERSION: '3',
  }),
};
