import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { VULTR_FAKE_API_KEY, VultrFake } from './vultr-fake.js';

/** The emulator's instance limit unless told otherwise: generous, for load tests. */
export const EMULATED_INSTANCE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Vultr under the emulator's `/vultr` prefix,
 * reached by setting `VULTR_API_URL` and the fake's key. Instances turn active after a few reads,
 * as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'vultr',
  limits: {
    instances: {
      default: EMULATED_INSTANCE_LIMIT,
      description:
        "Instances the account may have at once (creates beyond answer 400). Vultr sets a real account's limit per account.",
    },
  },
  create: ({ baseUrl, limits }) =>
    new VultrFake({
      baseUrl,
      readsUntilActive: 4,
      instanceLimit: limits?.instances ?? EMULATED_INSTANCE_LIMIT,
    }),
  env: (baseUrl) => ({ VULTR_API_URL: baseUrl, VULTR_API_KEY: VULTR_FAKE_API_KEY }),
};
