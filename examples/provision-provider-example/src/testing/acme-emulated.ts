import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { ACME_FAKE_API_KEY, AcmeFake } from './acme-fake.js';

/**
 * How `@provision/emulator` serves this fake: Acme under the emulator's `/acme` prefix, reached by
 * setting `ACME_ENDPOINT` and the fake's API key.
 */
export const emulated: EmulatedCloud = {
  provider: 'acme',
  create: ({ baseUrl }) => new AcmeFake({ baseUrl, readsUntilActive: 3 }),
  env: (baseUrl) => ({ ACME_ENDPOINT: baseUrl, ACME_API_KEY: ACME_FAKE_API_KEY }),
};
