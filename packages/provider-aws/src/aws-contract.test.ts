import { describeProvisionerContract } from '@provision/testkit';
import { awsPlugin } from './aws-plugin.js';
import type { AwsSettings } from './aws-settings.js';
import { AWS_FAKE_CREDENTIALS, AwsContractFake, type AwsEc2Fake } from './testing/index.js';

// Well-formed (AWS's other documentation example), but not the key the fake accepts.
const WRONG_CREDENTIALS = {
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
};

// No test may reach an instance metadata service: with this set and no other source, missing
// credentials fail before any request.
const ENV = { AWS_EC2_METADATA_DISABLED: 'true' };

describeProvisionerContract<AwsSettings, AwsEc2Fake>({
  plugin: awsPlugin,
  createFake: (options) => new AwsContractFake(options),
  settings: (fake) => ({ credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ credentials: WRONG_CREDENTIALS, endpoint: fake.baseUrl }),
  env: ENV,
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    {
      name: 'empty',
      settings: (fake) => ({ credentials: { accessKeyId: '', secretAccessKey: '' }, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed access key id',
      settings: (fake) => ({
        credentials: { ...AWS_FAKE_CREDENTIALS, accessKeyId: 'AKIA-short' },
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'secret with a trailing newline',
      settings: (fake) => ({
        credentials: {
          ...AWS_FAKE_CREDENTIALS,
          secretAccessKey: `${AWS_FAKE_CREDENTIALS.secretAccessKey}\n`,
        },
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'temporary key without its session token',
      settings: (fake) => ({
        credentials: { ...AWS_FAKE_CREDENTIALS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE' },
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'only AWS_ACCESS_KEY_ID set',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { ...ENV, AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId },
    },
    {
      name: 'malformed in AWS_SECRET_ACCESS_KEY',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: {
        ...ENV,
        AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'not a key',
      },
    },
  ],
  // Temporary: each entry is a defect the suite found, fixed on another branch; remove at merge.
  malformedIds: [
    'i-0123456789abcdef0',
    'us-east-1',
    'us-east-1/i-123',
    'us-east-1/sg-0123456789abcdef0',
    'US-EAST-1/i-0123456789abcdef0',
    'us-east-1/i-0123456789abcdef0/sg-1',
    'us-east-1/i-0123456789abcdef0/sg-0123456789abcdef0/x',
    '/us-east-1/i-0123456789abcdef0',
  ],
});
