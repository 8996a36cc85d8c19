import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { computeRoot, GcpFake } from './gcp-fake.js';
import { GCP_FAKE_ACCESS_TOKEN, GCP_FAKE_PROJECT } from './gcp-fake-auth.js';

/** The emulator's instance limit unless told otherwise: generous, so load tests do not hit it. */
export const EMULATED_INSTANCE_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: the Compute API under the emulator's `/gcp` prefix and
 * the token endpoint as a further base (`oauth2`), reached by setting
 * `CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE`, the fake's project and its access token. A key file
 * whose `token_uri` names the `oauth2` base works too (`gcpFakeServiceAccountKey`). On a port of
 * its own (the emulator's `cloudPorts`) the API is at `/compute/v1` under that host, as Google's
 * own clients expect. Instances run after a few status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'gcp',
  bases: ['oauth2'],
  limits: {
    instances: {
      default: EMULATED_INSTANCE_LIMIT,
      description:
        'Instances the project may have at once (inserts beyond answer quotaExceeded); Google sets regional CPU and instance quotas per project.',
    },
  },
  create: ({ baseUrl, bases, limits }) =>
    new GcpFake({
      baseUrl,
      ...(bases?.oauth2 === undefined ? {} : { oauthUrl: bases.oauth2 }),
      readsUntilActive: 3,
      destroyAfterReads: 1,
      instanceLimit: limits?.instances ?? EMULATED_INSTANCE_LIMIT,
    }),
  env: (baseUrl) => ({
    CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: computeRoot(baseUrl),
    GOOGLE_OAUTH_ACCESS_TOKEN: GCP_FAKE_ACCESS_TOKEN,
    GOOGLE_CLOUD_PROJECT: GCP_FAKE_PROJECT,
  }),
};
