import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsEc2Fake } from './aws-fake.js';
import { IMPOSTOR_ACCOUNT_ID } from './aws-fake-catalog.js';
import { RUN_OPERATION } from './aws-fake-run.js';
import { ec2Request } from './aws-fake-test-helpers.js';
import { child, readXml, type XmlElement } from './aws-xml-reader.js';

const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 2 });
  server.use(fake);
});

type Params = Record<string, string | number | boolean>;

async function call(action: string, params: Params = {}, region?: string) {
  const response = await ec2Request(fake.baseUrl, action, params, region === undefined ? {} : { region });
  const root = readXml(await response.text());
  const error = child(root, 'Errors');
  const code = error === undefined ? undefined : child(child(error, 'Error') as XmlElement, 'Code')?.text;
  return { status: response.status, root, code };
}

/** Text of a `/`-separated path of child elements, `item`s included. */
function at(element: XmlElement | undefined, path: string): string | undefined {
  let current = element;
  for (const name of path.split('/')) current = current === undefined ? undefined : child(current, name);
  return current?.text;
}

const launch = (token: string, extra: Params = {}) => ({
  ClientToken: token,
  ImageId: 'ami-0a1b2c3d4e5f60002',
  InstanceType: 't3.micro',
  MinCount: 1,
  MaxCount: 1,
  ...extra,
});

async function run(token: string, extra: Params = {}, region?: string): Promise<string> {
  const { root, code } = await call('RunInstances', launch(token, extra), region);
  expect(code).toBeUndefined();
  return at(root, 'instancesSet/item/instanceId') as string;
}

async function state(id: string): Promise<{ name?: string; code?: string; reason?: string; ip?: string }> {
  const { root } = await call('DescribeInstances', { 'InstanceId.1': id });
  const instance = child(
    child(
      child(child(root, 'reservationSet') as XmlElement, 'item') as XmlElement,
      'instancesSet',
    ) as XmlElement,
    'item',
  );
  return {
    name: at(instance, 'instanceState/name'),
    code: at(instance, 'instanceState/code'),
    reason: at(instance, 'stateReason/code'),
    ip: at(instance, 'ipAddress'),
  };
}

describe('the fake EC2: instances', () => {
  it('moves an instance pending (0) -> running (16) with a public IP, and shutting-down (32) -> terminated (48)', async () => {
    const id = await run('life');
    expect(await state(id)).toMatchObject({ name: 'pending', code: '0', ip: undefined });
    expect(await state(id)).toMatchObject({
      name: 'running',
      code: '16',
      ip: expect.stringMatching(/^203\.0\.113\./),
    });
    await call('StopInstances', { 'InstanceId.1': id });
    expect(await state(id)).toMatchObject({ name: 'stopping', code: '64' });
    expect(await state(id)).toMatchObject({ name: 'stopped', code: '80', ip: undefined });
    await call('TerminateInstances', { 'InstanceId.1': id });
    expect(await state(id)).toMatchObject({ name: 'shutting-down', code: '32' });
    expect(await state(id)).toMatchObject({
      name: 'terminated',
      code: '48',
      reason: 'Client.UserInitiatedShutdown',
    });
    expect(fake.leftovers()).toEqual([]);
  });

  it('answers a repeated client token with the same instance, even terminated, and refuses it with other parameters', async () => {
    const id = await run('token-a');
    expect(await run('token-a')).toBe(id);
    expect(fake.requests.map((entry) => entry.operation)).toEqual([RUN_OPERATION, RUN_OPERATION]);
    expect(fake.createdCount('instance')).toBe(1);
    expect((await call('RunInstances', launch('token-a', { InstanceType: 't3.small' }))).code).toBe(
      'IdempotentParameterMismatch',
    );
    await call('TerminateInstances', { 'InstanceId.1': id });
    await state(id);
    await state(id);
    const again = await call('RunInstances', launch('token-a'));
    expect(at(again.root, 'instancesSet/item/instanceId')).toBe(id);
    expect(at(again.root, 'instancesSet/item/instanceState/name')).toBe('terminated');
    // Client tokens are per region.
    expect(await run('token-a', {}, 'eu-west-1')).not.toBe(id);
    expect(fake.instances()).toHaveLength(1);
  });

  it('ends a launch it was told to fail as terminated with the reason', async () => {
    fake.failNextLaunch('no hardware left');
    const id = await run('doomed');
    await state(id);
    const { root } = await call('DescribeInstances', { 'InstanceId.1': id });
    expect(at(root, 'reservationSet/item/instancesSet/item/stateReason/code')).toBe('Server.InternalError');
    expect(at(root, 'reservationSet/item/instancesSet/item/stateReason/message')).toBe('no hardware left');
    expect(fake.leftovers()).toEqual([]);
  });

  it('filters by tag, state and public IP, and pages with MaxResults and NextToken', async () => {
    for (let index = 0; index < 7; index += 1)
      await run(`page-${index}`, {
        'TagSpecification.1.ResourceType': 'instance',
        'TagSpecification.1.Tag.1.Key': 'fleet',
        'TagSpecification.1.Tag.1.Value': index < 6 ? 'blue' : 'green',
      });
    const filter = { 'Filter.1.Name': 'tag:fleet', 'Filter.1.Value.1': 'bl*', MaxResults: 5 };
    const first = await call('DescribeInstances', filter);
    const token = at(first.root, 'nextToken') as string;
    expect(child(first.root, 'reservationSet')?.children).toHaveLength(5);
    const second = await call('DescribeInstances', { ...filter, NextToken: token });
    expect(child(second.root, 'reservationSet')?.children).toHaveLength(1);
    expect(at(second.root, 'nextToken')).toBeUndefined();
    const [green] = fake.instances().filter((instance) => instance.tags.some((tag) => tag.value === 'green'));
    await state(green?.id as string);
    const ip = (await state(green?.id as string)).ip as string;
    const byIp = await call('DescribeInstances', {
      'Filter.1.Name': 'ip-address',
      'Filter.1.Value.1': ip,
      'Filter.2.Name': 'instance-state-name',
      'Filter.2.Value.1': 'running',
    });
    expect(at(byIp.root, 'reservationSet/item/instancesSet/item/instanceId')).toBe(green?.id);
    expect(
      (await call('DescribeInstances', { 'InstanceId.1': green?.id as string, MaxResults: 5 })).code,
    ).toBe('InvalidParameterCombination');
  });

  it('refuses user-data over 16 KB, a sold-out type and launches past the vCPU limit', async () => {
    const big = Buffer.from('x'.repeat(16 * 1024 + 1)).toString('base64');
    expect((await call('RunInstances', launch('big', { UserData: big }))).code).toBe('InvalidParameterValue');
    fake.setSoldOut({ region: 'us-east-1', plan: 't3.micro' });
    const soldOut = await call('RunInstances', launch('sold'));
    expect([soldOut.status, soldOut.code]).toEqual([500, 'InsufficientInstanceCapacity']);
    const limited = new AwsEc2Fake({ vcpuLimit: 2 });
    server.use(limited);
    await ec2Request(limited.baseUrl, 'RunInstances', launch('one'));
    const refused = await ec2Request(limited.baseUrl, 'RunInstances', launch('two'));
    expect(await refused.text()).toContain('<Code>VcpuLimitExceeded</Code>');
  });
});

describe('the fake EC2: security groups and images', () => {
  it('refuses to delete a group an instance uses until the instance is terminated', async () => {
    const created = await call('CreateSecurityGroup', { GroupName: 'g', GroupDescription: 'g' });
    const groupId = at(created.root, 'groupId') as string;
    expect((await call('CreateSecurityGroup', { GroupName: 'g', GroupDescription: 'g' })).code).toBe(
      'InvalidGroup.Duplicate',
    );
    const rule = {
      GroupId: groupId,
      'IpPermissions.1.IpProtocol': 'udp',
      'IpPermissions.1.FromPort': 53,
      'IpPermissions.1.ToPort': 53,
      'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
    };
    expect((await call('AuthorizeSecurityGroupIngress', rule)).code).toBeUndefined();
    expect((await call('AuthorizeSecurityGroupIngress', rule)).code).toBe('InvalidPermission.Duplicate');
    const id = await run('guarded', {
      'NetworkInterface.1.DeviceIndex': 0,
      'NetworkInterface.1.SecurityGroupId.1': groupId,
    });
    expect(fake.inboundRules(id)).toEqual([{ from: 53, to: 53, protocol: 'udp' }]);
    expect((await call('DeleteSecurityGroup', { GroupId: groupId })).code).toBe('DependencyViolation');
    await call('TerminateInstances', { 'InstanceId.1': id });
    expect((await call('DeleteSecurityGroup', { GroupId: groupId })).code).toBe('DependencyViolation');
    await state(id);
    await state(id);
    expect((await call('DeleteSecurityGroup', { GroupId: groupId })).code).toBeUndefined();
    expect(fake.leftovers()).toEqual([]);
  });

  it("filters images by owner: Canonical's name pattern alone also finds another publisher's image", async () => {
    const name = {
      'Filter.1.Name': 'name',
      'Filter.1.Value.1': 'ubuntu/images/*/ubuntu-*-26.04-amd64-server-*',
    };
    const owners = async (params: Params) =>
      (child((await call('DescribeImages', params)).root, 'imagesSet')?.children ?? []).map((image) =>
        at(image, 'imageOwnerId'),
      );
    expect(await owners(name)).toContain(IMPOSTOR_ACCOUNT_ID);
    expect(new Set(await owners({ ...name, 'Owner.1': '099720109477' }))).toEqual(new Set(['099720109477']));
  });

  it('answers DryRun with DryRunOperation once the credentials are accepted', async () => {
    const dry = await call('RunInstances', { ...launch('dry'), DryRun: true });
    expect([dry.status, dry.code]).toEqual([412, 'DryRunOperation']);
    expect(fake.instances()).toEqual([]);
  });
});
