import { hostIdentity, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsSettings } from './aws-settings.js';
import { createAws } from './create-aws.js';
import { loadEc2Model } from './testing/aws-fake-test-helpers.js';
import { requestErrors } from './testing/aws-model-validator.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';
import { VERSION } from './version.js';

// What the plugin sends, held to EC2's API description (the trimmed fixture), and the wire
// details the contract suite cannot know.
const model = loadEc2Model();
const server = setupFakeServer();
let fake: AwsEc2Fake;
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };
const ENV = { AWS_EC2_METADATA_DISABLED: 'true' };

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function cloud(settings: AwsSettings = {}, env: Record<string, string> = ENV) {
  return createAws(
    { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl, ...fast, ...settings },
    { env },
  );
}

/** The form bodies of one action, in order. */
function formsOf(action: string): URLSearchParams[] {
  return fake.requests
    .filter((entry) => entry.operation.split(':')[0] === action)
    .map((entry) => new URLSearchParams(entry.body ?? ''));
}

async function deleteToDone(provisioner: ReturnType<typeof cloud>, id: string): Promise<number> {
  for (let call = 0; call < 10; call++) if ((await provisioner.delete({ id })).done) return call + 1;
  throw new Error('delete never finished');
}

const CANONICAL_ARM64_2604 = 'ami-0a1b2c3d4e5f60004';
const IMPOSTOR_ARM64_2604 = 'ami-0badc0ffee0000001';

describe('AWS requests', () => {
  it('conform to the API description, through a whole lifecycle', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
      name: 'web',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'dev' },
      inbound: [{ from: 443 }],
    });
    await waitForHost(provisioner, host.id, { interval: 1, maxInterval: 1 });
    await provisioner.list?.({ owner: 'default', tags: { env: 'dev' } });
    await provisioner.stop?.(host.id);
    await waitForHost(provisioner, host.id, { until: 'stopped', interval: 1, maxInterval: 1 });
    await provisioner.start?.(host.id);
    await waitForHost(provisioner, host.id, { interval: 1, maxInterval: 1 });
    await provisioner.reboot?.(host.id);
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    await provisioner.quota?.();
    expect(await provisioner.orphans?.()).toEqual([]);
    await deleteToDone(provisioner, host.id);
    await expect(provisioner.status(host.id)).rejects.toThrow(/not found/);

    expect(fake.requests.length).toBeGreaterThan(12);
    for (const entry of fake.requests) {
      const form = new URLSearchParams(entry.body ?? '');
      expect(entry.path).toBe('/');
      expect(requestErrors(model, form.get('Action') as string, form), entry.operation).toEqual([]);
    }
  });

  it("launch the default: the newest Canonical image (never another owner's), t4g.nano, a public IP, tags on instance and volume", async () => {
    const userData = '#cloud-config\npackages: [nginx]\n';
    await cloud().provision({ name: 'web', owner: 'ci', userData, tags: { team: 'red' }, ttl: 3_600_000 });
    const [images] = formsOf('DescribeImages');
    expect(images?.get('Owner.1')).toBe('099720109477');
    expect(images?.get('Filter.1.Name')).toBe('name');
    expect(images?.get('Filter.1.Value.1')).toBe('ubuntu/images/hvm-ssd*/ubuntu-*-26.04-arm64-server-*');
    const [run] = formsOf('RunInstances');
    expect(run?.get('ImageId')).toBe(CANONICAL_ARM64_2604);
    expect(run?.get('ImageId')).not.toBe(IMPOSTOR_ARM64_2604);
    expect(run?.get('InstanceType')).toBe('t4g.nano');
    expect(run?.get('ClientToken')).toMatch(/^provision-[0-9a-f]{40}-0$/);
    expect(Buffer.from(run?.get('UserData') ?? '', 'base64').toString('utf8')).toBe(userData);
    expect(run?.get('NetworkInterface.1.DeviceIndex')).toBe('0');
    expect(run?.get('NetworkInterface.1.AssociatePublicIpAddress')).toBe('true');
    expect(run?.get('MetadataOptions.HttpTokens')).toBe('required');
    expect([
      run?.get('TagSpecification.1.ResourceType'),
      run?.get('TagSpecification.2.ResourceType'),
    ]).toEqual(['instance', 'volume']);
    const tags = Object.fromEntries(
      [...(run?.entries() ?? [])]
        .filter(([key]) => /^TagSpecification\.1\.Tag\.\d+\.Key$/.test(key))
        .map(([key, value]) => [value, run?.get(key.replace(/Key$/, 'Value'))]),
    );
    expect(tags).toMatchObject({
      'provision-managed-by': 'provision',
      'provision-name': 'web',
      'provision-owner': 'ci',
      'provision-host': hostIdentity('ci', 'web'),
      team: 'red',
    });
    expect(tags['provision-expires']).toMatch(/^\d{10}$/);
    expect(fake.requests.map((entry) => entry.operation)).toEqual([
      'DescribeInstances',
      'DescribeImages',
      'RunInstances',
    ]);
  });

  it('carry the user-data byte for byte (base64 of its UTF-8), and refuse a lone surrogate before any request', async () => {
    const userData = '#!/bin/sh\r\necho "café ünïcode 😀 \u00a0tab\there" > /tmp/x  \n\n\t\n';
    await cloud().provision({ name: 'web', userData });
    const [run] = formsOf('RunInstances');
    const sent = Buffer.from(run?.get('UserData') ?? '', 'base64');
    expect(sent.equals(Buffer.from(userData, 'utf8'))).toBe(true);
    expect(sent.toString('utf8')).toBe(userData);
    const before = fake.count();
    const error = await cloud()
      .provision({ name: 'other', userData: 'echo \ud83d' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid_request', field: 'userData' });
    expect(fake.count()).toBe(before);
  });

  it('look the image up once per region and architecture', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'a' });
    await provisioner.provision({ name: 'b' });
    await provisioner.provision({ name: 'c', plan: 't3.micro' });
    await provisioner.provision({ name: 'd', region: 'eu-west-1' });
    expect(formsOf('DescribeImages').map((form) => form.get('Filter.2.Value.1'))).toEqual([
      'arm64',
      'x86_64',
      'arm64',
    ]);
    expect(formsOf('RunInstances').map((form) => form.get('ImageId'))).toEqual([
      CANONICAL_ARM64_2604,
      CANONICAL_ARM64_2604,
      'ami-0a1b2c3d4e5f60002',
      CANONICAL_ARM64_2604,
    ]);
  });

  it('put every inbound rule in one AuthorizeSecurityGroupIngress on a tagged per-host group', async () => {
    const before = Date.now();
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 22 }, { from: 8000, to: 9000, protocol: 'udp' }],
    });
    expect(fake.requests.map((entry) => entry.operation)).toEqual([
      'DescribeInstances',
      'DescribeImages',
      'CreateSecurityGroup',
      'AuthorizeSecurityGroupIngress',
      'RunInstances',
    ]);
    const [create] = formsOf('CreateSecurityGroup');
    expect(create?.get('GroupName')).toBe('provision/default_web/0');
    expect(create?.get('TagSpecification.1.ResourceType')).toBe('security-group');
    // EC2 keeps no creation time of a group: the group's own tag holds it, for the orphan scan.
    const tags = new Map<string, string>();
    for (let index = 1; create?.has(`TagSpecification.1.Tag.${index}.Key`); index++)
      tags.set(
        create.get(`TagSpecification.1.Tag.${index}.Key`) as string,
        create.get(`TagSpecification.1.Tag.${index}.Value`) as string,
      );
    const createdAt = tags.get('provision-created-at') ?? '';
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(createdAt)).toBeLessThanOrEqual(Date.now());
    expect(tags.get('provision-generation')).toBe('0');
    const [authorize] = formsOf('AuthorizeSecurityGroupIngress');
    expect(Object.fromEntries(authorize?.entries() ?? [])).toMatchObject({
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': '22',
      'IpPermissions.1.ToPort': '22',
      'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
      'IpPermissions.1.Ipv6Ranges.1.CidrIpv6': '::/0',
      'IpPermissions.2.IpProtocol': 'udp',
      'IpPermissions.2.FromPort': '8000',
      'IpPermissions.2.ToPort': '9000',
    });
    const groupId = fake.securityGroups()[0]?.id;
    expect(formsOf('RunInstances')[0]?.get('NetworkInterface.1.SecurityGroupId.1')).toBe(groupId);
    expect(host.id).toBe(`us-east-1/${fake.instances()[0]?.id}/${groupId}`);
    expect(host.firewalled).toBe(true);
  });

  it('carry the user agent and a SigV4 signature scoped to the host region', async () => {
    const seen: Request[] = [];
    const provisioner = cloud({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await provisioner.status('eu-central-1/i-0123456789abcdef0').catch(() => undefined);
    expect(seen[0]?.headers.get('user-agent')).toContain(`provision/aws/${VERSION}`);
    expect(seen[0]?.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/ec2\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
    );
    expect(seen[0]?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
  });
});

describe('AWS settings', () => {
  it('read the keys, AWS_ENDPOINT_URL_EC2 and AWS_REGION from the environment', async () => {
    const other = new AwsEc2Fake({ baseUrl: 'https://ec2.emulator.test/aws', readsUntilActive: 1 });
    server.use(fake, other);
    const fromEnv = createAws(fast, {
      env: {
        AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS_FAKE_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_EC2: 'https://ec2.emulator.test/aws',
        AWS_REGION: 'eu-west-1',
      },
    });
    const host = await fromEnv.provision({ name: 'web' });
    expect(host.region).toBe('us-east-1');
    expect(await fromEnv.list?.()).toEqual([]);
    expect((await fromEnv.list?.({ region: 'us-east-1' }))?.map((found) => found.id)).toEqual([host.id]);
    expect(other.count('RunInstances')).toBe(1);
    expect(fake.count()).toBe(0);
  });
});
