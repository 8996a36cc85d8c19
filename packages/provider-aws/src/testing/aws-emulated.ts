import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './aws-fake.js';

/**
 * How `@provision/emulator` serves this fake: a fake EC2 under the emulator's `/aws` prefix,
 * reached through `AWS_ENDPOINT_URL_EC2` (the SDK's own service-specific endpoint variable, which
 * the plugin reads too), with AWS's documentation example keys and a region. Instances turn
 * running after a few status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'aws',
  create: ({ baseUrl }) => new AwsEc2Fake({ baseUrl, readsUntilActive: 3 }),
  env: (baseUrl) => ({
    AWS_ENDPOINT_URL_EC2: baseUrl,
    AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  }),
};
