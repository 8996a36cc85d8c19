import { definePlugin, type PluginManifest } from '@provision/core';
import { awsCatalog } from './aws-catalog.js';
import { AWS_CREDENTIALS_HELP, awsHasCredentials } from './aws-has-credentials.js';
import {
  AWS_CREDENTIAL_ENV,
  AWS_ENDPOINT_ENV,
  AWS_OTHER_ENV,
  AWS_REGION_ENV,
  AWS_REGION_PATTERN,
  type AwsSettings,
  awsSettingsSchema,
} from './aws-settings.js';
import { VERSION } from './version.js';

/**
 * The AWS (EC2) plugin manifest. Importing it costs nothing: the AWS SDK is imported by `load()`
 * on the first call that needs the API.
 */
export const awsPlugin: PluginManifest<AwsSettings> = definePlugin({
  id: 'aws',
  displayName: 'AWS EC2',
  specificationVersion: 'v1',
  packageName: '@provision/provider-aws',
  version: VERSION,
  maintainers: ['@provision/aws-maintainers'],
  settings: awsSettingsSchema,
  secretSettings: ['credentials'],
  env: {
    required: [...AWS_CREDENTIAL_ENV],
    optional: [...AWS_OTHER_ENV, ...AWS_REGION_ENV, ...AWS_ENDPOINT_ENV],
  },
  hasCredentials: awsHasCredentials,
  // What awsHasCredentials looks at: the SDK chain's variables, then whether its files exist.
  credentials: {
    variables: [
      { set: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] },
      { set: ['AWS_PROFILE'] },
      { set: ['AWS_WEB_IDENTITY_TOKEN_FILE'] },
      { set: ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] },
      { set: ['AWS_CONTAINER_CREDENTIALS_FULL_URI'] },
    ],
    files: [
      ['$AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials'],
      ['$AWS_CONFIG_FILE', '~/.aws/config'],
    ],
  },
  credentialsHelp: AWS_CREDENTIALS_HELP,
  // us-east-1: the cheapest region for the cheapest type (t4g.nano, Graviton, with its public IPv4).
  defaults: { region: 'us-east-1', plan: 't4g.nano', os: 'ubuntu-26.04' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    plans: true,
    regions: true,
    verifyCredentials: true,
    quota: true,
    orphans: true,
    inboundRules: true,
    inbound: true,
    deleteByIp: true,
  },
  limits: {
    // Region names and instance types as EC2 writes them (`t4g.nano`, `m7i-flex.large`, `u-6tb1.56xlarge`).
    // https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html
    ids: {
      region: { pattern: AWS_REGION_PATTERN, description: 'a region name like "us-east-1"' },
      plan: { pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, description: 'an instance type like "t4g.nano"' },
    },
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html:
    // "user data is limited to 16 KB, in raw form, before it is base64-encoded".
    userDataBytes: 16 * 1024,
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html: 50 tags per resource,
    // keys up to 128 and values up to 256 Unicode characters; the managed tags take 5.
    tags: {
      maxCount: 40,
      keyPattern: /^(?!aws:)[\p{L}\p{N} +\-=._:/@]+$/iu,
      valuePattern: /^[\p{L}\p{N} +\-=._:/@]*$/u,
      maxKeyLength: 128,
      maxValueLength: 256,
      // Every tag written, managed ones included: 50 per resource, keys 128, values 256.
      storage: { kind: 'key-value', maxKeyLength: 128, maxValueLength: 256, maxCount: 50 },
    },
    // https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups:
    // 60 inbound rules per security group for IPv4 and 60 for IPv6; each port rule makes one of each.
    maxInboundRules: 60,
  },
  // provision: the identity lookup, the image lookup (once per region) and the launch; with inbound
  // also the security group and its rules. See docs/providers/aws.md.
  // list: one DescribeInstances page; plans: one DescribeInstanceTypes; orphans: the managed
  // security groups and the instances they might still guard; inboundRules: the instance's groups
  // (DescribeInstances) and their rules (DescribeSecurityGroups).
  callBudget: {
    provision: 3,
    provisionWithInbound: 5,
    status: 1,
    delete: 2,
    list: 1,
    plans: 1,
    orphans: 2,
    inboundRules: 2,
  },
  // Its prices are those of us-east-1 (see aws-catalog.ts); other regions' differ.
  catalog: { ...awsCatalog, pricedRegions: ['us-east-1'] },
  load: () => import('./aws-provisioner.js'),
});
