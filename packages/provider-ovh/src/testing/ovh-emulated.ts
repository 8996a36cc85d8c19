import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { OVH_FAKE_CREDENTIALS, OvhFake } from './ovh-fake.js';
import { OVH_FAKE_PROJECT } from './ovh-fake-catalog.js';

/** The emulator's per-region instance limit unless told otherwise: generous, for load tests. */
export const EMULATED_INSTANCE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake OVH API under the emulator's `/ovh` prefix,
 * reached by setting `OVH_ENDPOINT` (the prefix and `/1.0`, as OVH's endpoints end), the fake's
 * keys and its project. Requests are signed over the URL the client addressed, as on OVH.
 */
export const emulated: EmulatedCloud = {
  provider: 'ovh',
  limits: {
    instances: {
      default: EMULATED_INSTANCE_LIMIT,
      description:
        'Instances the project may have in each region (creates beyond answer 400). OVHcloud sets a real project quota per region.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new OvhFake({
      baseUrl,
      readsUntilActive: 4,
      instanceLimit: limits?.instances ?? EMULATED_INSTANCE_LIMIT,
    }),
  env: (baseUrl) => ({
    OVH_ENDPOINT: `${baseUrl}/1.0`,
    OVH_APPLICATION_KEY: OVH_FAKE_CREDENTIALS.applicationKey,
    OVH_APPLICATION_SECRET: OVH_FAKE_CREDENTIALS.applicationSecret,
    OVH_CONSUMER_KEY: OVH_FAKE_CREDENTIALS.consumerKey,
    OVH_CLOUD_PROJECT_SERVICE: OVH_FAKE_PROJECT,
  }),
};
