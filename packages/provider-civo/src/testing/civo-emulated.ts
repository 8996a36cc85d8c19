import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { CIVO_FAKE_TOKEN, CivoFake } from './civo-fake.js';

/** The emulator's instance limit unless told otherwise: generous, for load tests. */
export const EMULATED_INSTANCE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Civo under the emulator's `/civo` prefix,
 * reached by setting `CIVO_API_URL` and the fake's key. Instances turn active after a few reads,
 * as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'civo',
  limits: {
    instances: {
      default: EMULATED_INSTANCE_LIMIT,
      description:
        "Instances the account may have at once (creates beyond answer 403 quota_limit_reached). Civo sets a real account's quota per account.",
    },
  },
  create: ({ baseUrl, limits }) =>
    new CivoFake({
      baseUrl,
      readsUntilActive: 4,
      instanceLimit: limits?.instances ?? EMULATED_INSTANCE_LIMIT,
    }),
  env: (baseUrl) => ({ CIVO_API_URL: baseUrl, CIVO_TOKEN: CIVO_FAKE_TOKEN }),
};
