import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';

/**
 * How `@provision/emulator` serves this fake: a fake DigitalOcean under the emulator's
 * `/digitalocean` prefix, reached by setting `DIGITALOCEAN_API_URL` and the fake's token.
 * Hosts turn active after a few status reads, as a user polling with `--wait` would see
 * (`provision()` reads a new droplet once itself, in the lookup after its create, so four reads
 * leave the same two or three polls to the user).
 */
export const emulated: EmulatedCloud = {
  provider: 'digitalocean',
  create: ({ baseUrl }) =>
    new DigitalOceanFake({ baseUrl, readsUntilActive: 4, destroyAfterReads: 1, dropletLimit: 100 }),
  env: (baseUrl) => ({ DIGITALOCEAN_API_URL: baseUrl, DIGITALOCEAN_TOKEN: DIGITALOCEAN_FAKE_TOKEN }),
};
