import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { peekNextToken, readInstancePage } from './aws-instance-page.js';
import { createAws } from './create-aws.js';
import { ec2Request } from './testing/aws-fake-test-helpers.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

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
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
    },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

/** `list()` of the provisioner, which AWS declares. */
function listOf(provisioner: ReturnType<typeof cloud>) {
  if (provisioner.list === undefined) throw new Error('the AWS provisioner has no list()');
  return provisioner.list.bind(provisioner);
}

/** What a host is made of, as the SDK's own reader gives it. */
function hostFields(instance: Instance) {
  return {
    InstanceId: instance.InstanceId,
    InstanceType: instance.InstanceType,
    LaunchTime: instance.LaunchTime,
    State: instance.State,
    StateReason: instance.StateReason,
    PublicIpAddress: instance.PublicIpAddress,
    Ipv6Address: instance.Ipv6Address,
    Tags: instance.Tags,
    SecurityGroups: instance.SecurityGroups?.map(({ GroupId, GroupName }) => ({ GroupId, GroupName })),
  };
}

async function populate() {
  const provisioner = cloud();
  await provisioner.provision({ name: 'plain', tags: { note: 'Grüße 1+1=2 /a@b:c' } });
  await provisioner.provision({ name: 'guarded', inbound: [{ from: 443 }] });
  const stopped = await provisioner.provision({ name: 'stopped' });
  await provisioner.status(stopped.id);
  await provisioner.stop?.(stopped.id);
  return provisioner;
}

describe('the page reader of list()', () => {
  it('reads from EC2’s answer what the SDK reads, for every member a host is made of', async () => {
    await populate();
    const params = { MaxResults: 5 };
    const xml = await (await ec2Request(fake.baseUrl, 'DescribeInstances', params)).text();
    const sdk = new EC2Client({
      region: 'us-east-1',
      endpoint: fake.baseUrl,
      credentials: { ...AWS_FAKE_CREDENTIALS },
    });
    const bySdk = await sdk.send(new DescribeInstancesCommand(params));
    const ours = readInstancePage(xml);
    const flat = (reservations: typeof bySdk.Reservations) =>
      (reservations ?? []).flatMap((reservation) => (reservation.Instances ?? []).map(hostFields));
    expect(flat(bySdk.Reservations)).toHaveLength(3);
    expect(flat(ours.Reservations)).toEqual(flat(bySdk.Reservations));
    expect(ours.NextToken).toBe(bySdk.NextToken);
  });

  it('gives list() the hosts status() gives, one by one', async () => {
    const provisioner = await populate();
    const listed = await listOf(provisioner)();
    expect(listed).toHaveLength(3);
    for (const host of listed) expect(host).toEqual(await provisioner.status(host.id));
    expect(listed.find((host) => host.name === 'guarded')?.firewalled).toBe(true);
    expect(listed.find((host) => host.name === 'plain')?.tags).toEqual({ note: 'Grüße 1+1=2 /a@b:c' });
  });

  it('reads an indented answer, skipping members of the same names deeper in an instance', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>r-1</requestId>
    <reservationSet>
        <item>
            <reservationId>r-0123</reservationId>
            <groupSet/>
            <instancesSet>
                <item>
                    <instanceId>i-0123456789abcdef0</instanceId>
                    <instanceState><code>16</code><name>running</name></instanceState>
                    <instanceType>t3.micro</instanceType>
                    <launchTime>2026-11-30T10:00:00.000Z</launchTime>
                    <oddity><oddity>nested <oddity/></oddity><ipAddress>9.9.9.9</ipAddress></oddity>
                    <ipAddress>54.1.2.3</ipAddress>
                    <networkInterfaceSet>
                        <item>
                            <groupSet><item><groupId>sg-deep</groupId><groupName>deep</groupName></item></groupSet>
                            <tagSet><item><key>deep</key><value>x</value></item></tagSet>
                            <association><ipOwnerId>amazon</ipOwnerId></association>
                        </item>
                    </networkInterfaceSet>
                    <groupSet>
                        <item><groupId>sg-1</groupId><groupName>provision/default_a/1</groupName></item>
                    </groupSet>
                    <tagSet>
                        <item><key>k&amp;1</key><value>&#x263A;&#9731;</value></item>
                        <item><key>empty</key><value/></item>
                    </tagSet>
                    <stateReason/>
                </item>
            </instancesSet>
        </item>
    </reservationSet>
    <nextToken>abc&amp;def</nextToken>
</DescribeInstancesResponse>`;
    expect(peekNextToken(xml)).toBe('abc&def');
    expect(readInstancePage(xml)).toEqual({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0123456789abcdef0',
              State: { Code: 16, Name: 'running' },
              InstanceType: 't3.micro',
              LaunchTime: new Date('2026-11-30T10:00:00.000Z'),
              PublicIpAddress: '54.1.2.3',
              SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'provision/default_a/1' }],
              Tags: [{ Key: 'k&1', Value: '☺☃' }, { Key: 'empty' }],
            },
          ],
        },
      ],
      NextToken: 'abc&def',
    });
  });

  it('refuses what is not such an answer, which the SDK then reads instead', () => {
    const page = (body: string) =>
      `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${body}</DescribeInstancesResponse>`;
    expect(() => readInstancePage('<Response><Errors/></Response>')).toThrow(/root/);
    expect(() => readInstancePage(page('<nextToken><![CDATA[x]]></nextToken>'))).toThrow(/CDATA/);
    expect(() => readInstancePage(page('<reservationSet><item></reservationSet>'))).toThrow(/closes/);
    expect(() => readInstancePage('<DescribeInstancesResponse><reservationSet>')).toThrow(/unclosed/);
    expect(readInstancePage(page('<reservationSet/>'))).toEqual({ Reservations: [] });
  });

  it('peeks at the token that follows the reservations, and at nothing else', () => {
    const page = (body: string) =>
      `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${body}</DescribeInstancesResponse>`;
    const reservations = '<reservationSet><item><instancesSet/></item></reservationSet>';
    expect(peekNextToken(page(`${reservations}<nextToken>t&lt;1</nextToken>`))).toBe('t<1');
    expect(peekNextToken(page(reservations))).toBeUndefined();
    expect(peekNextToken(page(`${reservations}<nextToken/>`))).toBeUndefined();
    // Before the reservations, or holding markup: left to the full reading.
    const before = page(`<nextToken>early</nextToken>${reservations}`);
    expect(peekNextToken(before)).toBeUndefined();
    expect(readInstancePage(before).NextToken).toBe('early');
    expect(peekNextToken(page(`${reservations}<nextToken><![CDATA[x]]></nextToken>`))).toBeUndefined();
  });

  it('steps over members whose names are as long as read ones, leaves and structures alike', () => {
    const xml = `<DescribeInstancesResponse><reservationSet><item><instancesSet><item>
      <instanceXx>i-0000000000000dead</instanceXx><ipAddrezz>9.9.9.9</ipAddrezz>
      <instanceId>i-0123456789abcdef0</instanceId>
      <tagSex><item><key>no</key><value>no</value></item></tagSex>
      <reason>a &lt;b&gt;</reason><ipAddress>54.1.2.3</ipAddress>
      <tagSet><item><key>yes</key><value>1</value></item></tagSet>
    </item></instancesSet></item></reservationSet></DescribeInstancesResponse>`;
    expect(readInstancePage(xml)).toEqual({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0123456789abcdef0',
              PublicIpAddress: '54.1.2.3',
              Tags: [{ Key: 'yes', Value: '1' }],
            },
          ],
        },
      ],
    });
  });
});
