import { AWS_FAKE_CREDENTIALS, type AwsEc2Fake } from '@provision/provider-aws/testing';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The real AWS SDK (@aws-sdk/client-ec2 inside @provision/provider-aws), driven by the CLI,
// talking real HTTP to the emulator's fake EC2: the full lifecycle with a security group.
describeCliLifecycle<AwsEc2Fake>({
  provider: 'aws',
  displayName: 'AWS',
  secrets: [AWS_FAKE_CREDENTIALS.secretAccessKey],
  endpoints: { AWS_ENDPOINT_URL_EC2: /^http:\/\/127\.0\.0\.1:\d+\/aws$/ },
  name: 'cli-aws',
  ports: ['443'],
  host: { firewalled: true },
  ref: /^aws:us-east-1\/i-[0-9a-f]+\/sg-[0-9a-f]+$/,
  deleteBy: 'ref',
});
