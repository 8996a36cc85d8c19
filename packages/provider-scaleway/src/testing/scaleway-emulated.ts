import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import {
  SCALEWAY_FAKE_ACCESS_KEY,
  SCALEWAY_FAKE_PROJECT_ID,
  SCALEWAY_FAKE_SECRET_KEY,
  ScalewayFake,
} from './scaleway-fake.js';

/** The emulator's server limit unless told otherwise: generous, so load tests do not hit it. */
export const EMULATED_SERVER_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Scaleway Instance API under the emulator's
 * `/scaleway` prefix, reached by setting `SCW_API_URL` and the fake's keys and Project. Servers
 * run after a few status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'scaleway',
  limits: {
    servers: {
      default: EMULATED_SERVER_LIMIT,
      description:
        'Servers the Project may have at once (creates beyond answer quotas_exceeded). Scaleway sets Organization quotas and raises them on request.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new ScalewayFake({ baseUrl, readsUntilActive: 3, serverLimit: limits?.servers ?? EMULATED_SERVER_LIMIT }),
  env: (baseUrl) => ({
    SCW_API_URL: baseUrl,
    SCW_SECRET_KEY: SCALEWAY_FAKE_SECRET_KEY,
    SCW_ACCESS_KEY: SCALEWAY_FAKE_ACCESS_KEY,
    SCW_DEFAULT_PROJECT_ID: SCALEWAY_FAKE_PROJECT_ID,
  }),
};
