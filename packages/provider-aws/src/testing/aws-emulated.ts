import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './aws-fake.js';

/**
 * The emulator's vCPU quota per region unless told otherwise: room for a thousand two-vCPU hosts,
 * so a load test does not hit it; `--limit aws.vcpus=32` rehearses a small account.
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-quotas.html
 */
export const EMULATED_VCPU_LIMIT = 2048;

/**
 * How `@provision/emulator` serves this fake: a fake EC2 under the emulator's `/aws` prefix,
 * reached through `AWS_ENDPOINT_URL_EC2` (the SDK's own service-specific endpoint variable, which
 * the plugin reads too), with AWS's documentation example keys and a region. Instances turn
 * running after a few status reads, as a user polling with `--wait` would see.
 */
export const emulated: EmulatedCloud = {
  provider: 'aws',
  limits: {
    vcpus: {
      default: EMULATED_VCPU_LIMIT,
      description:
        'vCPUs of running On-Demand Standard instances per region (launches beyond answer VcpuLimitExceeded). A real account has a Service Quotas value, raised on request; new accounts start low.',
    },
  },
  create: ({ baseUrl, limits }) =>
    new AwsEc2Fake({ baseUrl, readsUntilActive: 3, vcpuLimit: limits?.vcpus ?? EMULATED_VCPU_LIMIT }),
  env: (baseUrl) => ({
    AWS_ENDPOINT_URL_EC2: baseUrl,
    AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  }),
};
