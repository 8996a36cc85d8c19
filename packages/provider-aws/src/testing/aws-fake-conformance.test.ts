import { setupFakeServer } from '@provision/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AWS_FAKE_ACTIONS, AwsEc2Fake } from './aws-fake.js';
import { ec2Request, loadEc2Model } from './aws-fake-test-helpers.js';
import { requestErrors, responseErrors } from './aws-model-validator.js';
import { child, readXml } from './aws-xml-reader.js';

// The fake's answers (and the requests these tests send) held to EC2's API description.
const model = loadEc2Model();
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

/** Every action a test below sent through `conforming`: all the fake serves must be among them. */
const checked = new Set<string>();

afterAll(() => {
  expect([...checked].sort()).toEqual(AWS_FAKE_ACTIONS);
});

/** Sends `action`, checks the request and the answer against the description, returns the answer's root. */
async function conforming(action: string, params: Record<string, string | number | boolean> = {}) {
  checked.add(action);
  const form = new URLSearchParams({ Action: action, Version: '2016-11-15' });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  expect(requestErrors(model, action, form), `${action} request`).toEqual([]);
  const response = await ec2Request(fake.baseUrl, action, params);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const root = readXml(text);
  expect(responseErrors(model, action, root), `${action} answer`).toEqual([]);
  return root;
}

const LAUNCH = {
  ClientToken: 'conformance-1',
  ImageId: 'ami-0a1b2c3d4e5f60004',
  InstanceType: 't4g.nano',
  MinCount: 1,
  MaxCount: 1,
  UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
  'NetworkInterface.1.DeviceIndex': 0,
  'NetworkInterface.1.AssociatePublicIpAddress': 'true',
  'TagSpecification.1.ResourceType': 'instance',
  'TagSpecification.1.Tag.1.Key': 'team',
  'TagSpecification.1.Tag.1.Value': 'red',
  'MetadataOptions.HttpTokens': 'required',
};

/** A launch without network interfaces, where instance-level security groups go. */
const PLAIN_LAUNCH = Object.fromEntries(
  Object.entries(LAUNCH).filter(([key]) => !key.startsWith('NetworkInterface.')),
);

describe('the fake EC2 answers as the description says', () => {
  it('for the whole life of an instance and its security group', async () => {
    const group = await conforming('CreateSecurityGroup', {
      GroupName: 'web',
      GroupDescription: 'web servers',
      'TagSpecification.1.ResourceType': 'security-group',
      'TagSpecification.1.Tag.1.Key': 'team',
      'TagSpecification.1.Tag.1.Value': 'red',
    });
    const groupId = child(group, 'groupId')?.text as string;
    await conforming('AuthorizeSecurityGroupIngress', {
      GroupId: groupId,
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': 443,
      'IpPermissions.1.ToPort': 443,
      'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
      'IpPermissions.1.Ipv6Ranges.1.CidrIpv6': '::/0',
    });
    await conforming('DescribeSecurityGroups', { 'Filter.1.Name': 'group-name', 'Filter.1.Value.1': 'web' });
    const run = await conforming('RunInstances', {
      ...LAUNCH,
      'NetworkInterface.1.SecurityGroupId.1': groupId,
    });
    const instanceId = child(child(child(run, 'instancesSet') as never, 'item') as never, 'instanceId')
      ?.text as string;
    expect(instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    await conforming('DescribeInstances', { 'InstanceId.1': instanceId });
    await conforming('DescribeInstances', {
      'Filter.1.Name': 'tag:team',
      'Filter.1.Value.1': 'red',
      'Filter.2.Name': 'instance-state-name',
      'Filter.2.Value.1': 'running',
      MaxResults: 5,
    });
    await conforming('StopInstances', { 'InstanceId.1': instanceId });
    await conforming('DescribeInstances', { 'InstanceId.1': instanceId });
    await conforming('StartInstances', { 'InstanceId.1': instanceId });
    await conforming('DescribeInstances', { 'InstanceId.1': instanceId });
    await conforming('RebootInstances', { 'InstanceId.1': instanceId });
    await conforming('TerminateInstances', { 'InstanceId.1': instanceId });
    await conforming('TerminateInstances', { 'InstanceId.1': instanceId });
    const ended = await conforming('DescribeInstances', { 'InstanceId.1': instanceId });
    expect(ended.children.map((element) => element.name)).toContain('reservationSet');
    await conforming('DeleteSecurityGroup', { GroupId: groupId });
  });

  it('for images, regions and instance types', async () => {
    await conforming('DescribeImages', {
      'Owner.1': '099720109477',
      'Filter.1.Name': 'name',
      'Filter.1.Value.1': 'ubuntu/images/hvm-ssd*/ubuntu-*-26.04-arm64-server-*',
    });
    await conforming('DescribeRegions', { AllRegions: true });
    await conforming('DescribeAvailabilityZones', {
      'Filter.1.Name': 'zone-name',
      'Filter.1.Value.1': 'us-east-1*',
    });
    await conforming('DescribeAvailabilityZones', { 'ZoneName.1': 'us-east-1b' });
    await conforming('DescribeInstanceTypes', { 'InstanceType.1': 't4g.nano', 'InstanceType.2': 't3.micro' });
  });

  it('for the account: addresses, key pairs, tags and the default security group', async () => {
    await conforming('DescribeAddresses', { 'Filter.1.Name': 'domain', 'Filter.1.Value.1': 'vpc' });
    await conforming('DescribeKeyPairs');
    const defaults = await conforming('DescribeSecurityGroups', { 'GroupName.1': 'default' });
    const info = child(defaults, 'securityGroupInfo');
    const group = child(info as never, 'item');
    expect(child(group as never, 'groupName')?.text).toBe('default');
    const groupId = child(group as never, 'groupId')?.text as string;
    const run = await conforming('RunInstances', {
      ...LAUNCH,
      ClientToken: 'tags-1',
      'NetworkInterface.1.SecurityGroupId.1': groupId,
    });
    const instanceId = child(child(child(run, 'instancesSet') as never, 'item') as never, 'instanceId')
      ?.text as string;
    await conforming('CreateTags', {
      'ResourceId.1': instanceId,
      'ResourceId.2': groupId,
      'Tag.1.Key': 'stage',
      'Tag.1.Value': 'test',
    });
    const tags = await conforming('DescribeTags', { 'Filter.1.Name': 'key', 'Filter.1.Value.1': 'stage' });
    expect(child(tags, 'tagSet')?.children).toHaveLength(2);
  });

  it('with the error document and EC2 status codes', async () => {
    const cases: Array<[string, Record<string, string | number>, number, string]> = [
      ['DescribeInstances', { 'InstanceId.1': 'i-0123456789abcdef0' }, 400, 'InvalidInstanceID.NotFound'],
      ['DescribeInstances', { 'InstanceId.1': 'i-nope' }, 400, 'InvalidInstanceID.Malformed'],
      [
        'DescribeInstances',
        { 'Filter.1.Name': 'colour', 'Filter.1.Value.1': 'red' },
        400,
        'InvalidParameterValue',
      ],
      ['DescribeRegions', { DryRun: 'true' }, 412, 'DryRunOperation'],
      ['DeleteSecurityGroup', { GroupId: 'sg-0123456789abcdef0' }, 400, 'InvalidGroup.NotFound'],
      ['RunInstances', { ...LAUNCH, ImageId: 'ami-0000000000000000f' }, 400, 'InvalidAMIID.NotFound'],
      ['RunInstances', { ...LAUNCH, InstanceType: 't3.nano' }, 400, 'InvalidParameterValue'],
      ['DescribeInstanceTypes', { 'InstanceType.1': 'x9.huge' }, 400, 'InvalidInstanceType'],
      ['CreateVpc', {}, 400, 'InvalidAction'],
      ['DescribeKeyPairs', { 'KeyName.1': 'mine' }, 400, 'InvalidKeyPair.NotFound'],
      ['DescribeAddresses', { 'PublicIp.1': '198.51.100.7' }, 400, 'InvalidAddress.NotFound'],
      ['DescribeAvailabilityZones', { 'ZoneName.1': 'us-east-1z' }, 400, 'InvalidParameterValue'],
      [
        'CreateTags',
        { 'ResourceId.1': 'i-0123456789abcdef0', 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' },
        400,
        'InvalidInstanceID.NotFound',
      ],
      ['CreateTags', { 'ResourceId.1': 'vol-1', 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' }, 400, 'InvalidID'],
      ['RunInstances', { ...PLAIN_LAUNCH, 'SecurityGroup.1': 'nope' }, 400, 'InvalidGroup.NotFound'],
    ];
    for (const [action, params, status, code] of cases) {
      const response = await ec2Request(fake.baseUrl, action, params);
      expect(response.status, `${action} ${code}`).toBe(status);
      const root = readXml(await response.text());
      expect(root.name).toBe('Response');
      const error = child(child(root, 'Errors') as never, 'Error');
      expect(child(error as never, 'Code')?.text).toBe(code);
      expect(child(error as never, 'Message')?.text).not.toBe('');
      expect(child(root, 'RequestID')?.text).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('refuses requests without a SigV4 authorization for its access key (401 AuthFailure)', async () => {
    for (const options of [
      { authorization: null },
      { authorization: 'Bearer abc' },
      { accessKeyId: 'AKIAI44QH8DHBEXAMPLE' },
      { region: 'mars-north-1' },
    ]) {
      const response = await ec2Request(fake.baseUrl, 'DescribeRegions', {}, options);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('<Code>AuthFailure</Code>');
    }
    expect(fake.securityGroups()).toEqual([]);
  });
});
