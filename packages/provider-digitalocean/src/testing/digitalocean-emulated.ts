import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';

/**
 * The emulator's Droplet limit unless told otherwise. DigitalOcean sets `droplet_limit` per
 * account and raises it after verification; its docs name no fixed number for a new account (the
 * API description's example account has 25, small new accounts are commonly lower). The emulator
 * is for trying things and load tests, so it is generous; `--limit digitalocean.droplets=25`
 * rehearses a typical account.
 * https://docs.digitalocean.com/products/accounts/ ("Droplet and Volume Limit Increases")
 */
export const EMULATED_DROPLET_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: a fake DigitalOcean under the emulator's
 * `/digitalocean` prefix, reached by setting `DIGITALOCEAN_API_URL` and the fake's token.
 * Hosts turn active after a few status reads, as a user polling with `--wait` would see
 * (`provision()` reads a new droplet once itself, in the lookup after its create, so four reads
 * leave the same two or three polls to the user).
 */
export const emulated: EmulatedCloud = {
  provider: 'digitalocean',
  limits: {
    droplets: {
      default: EMULATED_DROPLET_LIMIT,
      description:
        "Droplets the account may have at once (`droplet_limit`; creates beyond answer 422). DigitalOcean sets a real account's per account, 25 in its API description's example.",
    },
  },
  create: ({ baseUrl, limits }) =>
    new DigitalOceanFake({
      baseUrl,
      readsUntilActive: 4,
      destroyAfterReads: 1,
      dropletLimit: limits?.droplets ?? EMULATED_DROPLET_LIMIT,
    }),
  env: (baseUrl) => ({ DIGITALOCEAN_API_URL: baseUrl, DIGITALOCEAN_TOKEN: DIGITALOCEAN_FAKE_TOKEN }),
};
