import { AuthorizeSecurityGroupIngressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { HostNotFoundError, InvalidRequestError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAws } from './create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

// inboundRules() against the fake: the security groups EC2 holds, read back in the spec's words.
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function cloud() {
  return createAws(
    {
      credentials: { ...AWS_FAKE_CREDENTIALS },
      endpoint: fake.baseUrl,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);

describe('AWS inboundRules()', () => {
  it('reads the instance and its groups: exactly the rules provision() was given', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 8000, to: 9000, protocol: 'udp' }, { from: 22 }, { from: 80, to: 81 }],
    });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp' },
        { from: 80, to: 81, protocol: 'tcp' },
        { from: 8000, to: 9000, protocol: 'udp' },
      ],
    });
    expect(operations(mark)).toEqual(['DescribeInstances', 'DescribeSecurityGroups']);
    const all = await cloud().provision({ name: 'open', inbound: 'all' });
    expect(await cloud().inboundRules?.(all.id)).toEqual({ kind: 'firewall', allows: 'all' });
  });

  it('says cloud-default for an instance under the default group only, after one request', async () => {
    const host = await cloud().provision({ name: 'plain' });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({ kind: 'cloud-default' });
    expect(operations(mark)).toEqual(['DescribeInstances']);
  });

  it('reports rules added outside the plugin with their sources, and every-protocol rules', async () => {
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    const groupId = host.id.split('/')[2] as string;
    const ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint: fake.baseUrl,
      credentials: { ...AWS_FAKE_CREDENTIALS },
    });
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '198.51.100.0/24' }] },
          { IpProtocol: '-1', IpRanges: [{ CidrIp: '192.0.2.0/24' }] },
          { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        ],
      }),
    );
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 1, to: 65535, protocol: 'tcp', sources: ['192.0.2.0/24'] },
        { from: 22, to: 22, protocol: 'tcp', sources: ['198.51.100.0/24'] },
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 1, to: 65535, protocol: 'udp', sources: ['192.0.2.0/24'] },
      ],
      otherProtocols: ['all', 'icmp'],
    });
  });

  it('throws HostNotFoundError for a terminated instance, and refuses a bad id before any request', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone', inbound: [{ from: 22 }] });
    for (let call = 0; call < 10 && !(await provisioner.delete({ id: host.id })).done; call += 1);
    const mark = fake.mark();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(operations(mark)).toEqual(['DescribeInstances']);
    fake.forgetTerminated();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    await expect(provisioner.inboundRules?.('us-east-1/not-an-instance')).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(operations(mark)).toEqual(['DescribeInstances', 'DescribeInstances']);
  });
});
