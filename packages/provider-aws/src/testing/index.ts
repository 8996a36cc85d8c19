export { AwsContractFake } from './aws-contract-fake.js';
export { emulated } from './aws-emulated.js';
export { AWS_EC2_URL, AWS_FAKE_CREDENTIALS, AwsEc2Fake, type AwsEc2FakeOptions } from './aws-fake.js';
export {
  CANONICAL_ACCOUNT_ID as AWS_FAKE_CANONICAL_ACCOUNT_ID,
  FAKE_ACCOUNT_ID as AWS_FAKE_ACCOUNT_ID,
  FAKE_IMAGES as AWS_FAKE_IMAGES,
  FAKE_INSTANCE_TYPES as AWS_FAKE_INSTANCE_TYPES,
  FAKE_REGIONS as AWS_FAKE_REGIONS,
  type FakeImage as AwsFakeImage,
  type FakeInstanceType as AwsFakeInstanceType,
  type FakeRegion as AwsFakeRegion,
  IMPOSTOR_ACCOUNT_ID as AWS_FAKE_IMPOSTOR_ACCOUNT_ID,
} from './aws-fake-catalog.js';
export type { AwsFakeInstance, AwsFakeSecurityGroup, InstanceStateName } from './aws-fake-records.js';
export { RUN_OPERATION as AWS_FAKE_RUN_OPERATION } from './aws-fake-run.js';
export type { NormalizedInboundRule } from './aws-fake-security-groups.js';
export { type FakeSigner as AwsFakeSigner, presignedUrl, sigV2Url, sigV4Headers } from './aws-fake-signer.js';
