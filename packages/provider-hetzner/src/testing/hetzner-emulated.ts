import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { HETZNER_FAKE_TOKEN, HetznerFake } from './hetzner-fake.js';

/** The emulator's server limit unless told otherwise: generous, so load tests do not hit it. */
export const EMULATED_SERVER_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Hetzner Cloud under the emulator's
 * `/hetzner` prefix, reached by setting `HCLOUD_ENDPOINT` and the fake's token. Servers run after
 * a few status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'hetzner',
  limits: {
    servers: {
      default: EMULATED_SERVER_LIMIT,
      description:
        'Servers the project may have at once (creates beyond answer resource_limit_exceeded). Hetzner sets a new project to a few and raises it on request.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new HetznerFake({
      baseUrl,
      readsUntilActive: 3,
      destroyAfterReads: 1,
      serverLimit: limits?.servers ?? EMULATED_SERVER_LIMIT,
    }),
  env: (baseUrl) => ({ HCLOUD_ENDPOINT: baseUrl, HCLOUD_TOKEN: HETZNER_FAKE_TOKEN }),
};
