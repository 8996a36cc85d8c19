import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { API_PATH, METAL_FAKE_TOKEN, MetalFake } from './metal-fake.js';
import { FAKE_PROJECT_ID } from './metal-fake-catalog.js';

/** The emulator's device limit unless told otherwise: generous, for load tests. */
export const EMULATED_DEVICE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Equinix Metal under the emulator's
 * `/equinix-metal` prefix (then `/metal/v1`), reached by setting `METAL_API_URL`, the fake's key
 * and project. Devices turn active after a few reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'equinix-metal',
  limits: {
    devices: {
      default: EMULATED_DEVICE_LIMIT,
      description:
        'Devices the project may have at once (creates beyond answer 422). Equinix sets a real project’s limit per account.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new MetalFake({
      baseUrl,
      readsUntilActive: 4,
      deviceLimit: limits?.devices ?? EMULATED_DEVICE_LIMIT,
    }),
  env: (baseUrl) => ({
    // The API lives under `/metal/v1` of its host, as on api.equinix.com.
    METAL_API_URL: `${baseUrl.replace(/\/+$/, '')}${API_PATH}`,
    METAL_AUTH_TOKEN: METAL_FAKE_TOKEN,
    METAL_PROJECT_ID: FAKE_PROJECT_ID,
  }),
};
