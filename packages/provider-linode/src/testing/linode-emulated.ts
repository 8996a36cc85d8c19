import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { LINODE_FAKE_TOKEN, LinodeFake } from './linode-fake.js';

/** The emulator's Linode limit unless told otherwise: generous, for trying things and load tests. */
export const EMULATED_LINODE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake Linode API under the emulator's `/linode`
 * prefix, reached by setting `LINODE_URL` and the fake's token. Each step of a Linode's start
 * (provisioning, booting) takes two status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'linode',
  limits: {
    linodes: {
      default: EMULATED_LINODE_LIMIT,
      description:
        'Linodes the account may have at once (creates beyond answer 400 "Account Limit reached"); Linode sets a real account\'s limit per account.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new LinodeFake({ baseUrl, readsUntilActive: 2, linodeLimit: limits?.linodes ?? EMULATED_LINODE_LIMIT }),
  env: (baseUrl) => ({ LINODE_URL: baseUrl, LINODE_TOKEN: LINODE_FAKE_TOKEN }),
};
