import { fileURLToPath } from 'node:url';
import { AWS_FAKE_CREDENTIALS, type AwsEc2Fake, emulated } from '@provision/provider-aws/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  findAwsCli,
  findBoto3,
  findCurl,
  isolatedEnv,
  run,
  withClient,
} from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Clients other people wrote against the real EC2 API, pointed at the emulator: what they send
// must work, and what they asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;

let emulator: RunningEmulator;
let endpoint: string;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
  endpoint = `${emulator.url}/aws`;
});
afterAll(() => emulator.close());

const fake = () => emulator.fake('aws') as AwsEc2Fake;
const credentials = {
  AWS_ACCESS_KEY_ID: AWS_FAKE_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: AWS_FAKE_CREDENTIALS.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-east-1',
};

const APT = 'apt-get install -y awscli python3-boto3, done by scripts/setup.sh as root';

withClient('the AWS CLI', findAwsCli(), APT, (cli) => {
  const aws = async (...args: string[]) => {
    const result = await run(
      cli.command,
      ['--endpoint-url', endpoint, '--output', 'json', 'ec2', ...args],
      isolatedEnv(credentials),
    );
    expect(result.code, `aws ec2 ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  };

  it('describes zones and images, runs, describes and terminates an instance', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const zones = (await aws('describe-availability-zones')) as {
      AvailabilityZones: Array<{ ZoneName: string; State: string }>;
    };
    expect(zones.AvailabilityZones.map((zone) => zone.ZoneName)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);

    const images = (await aws(
      'describe-images',
      '--owners',
      '099720109477',
      '--filters',
      'Name=name,Values=ubuntu/images/*ubuntu-noble-24.04-amd64-server-*',
    )) as { Images: Array<{ ImageId: string; Description: string }> };
    expect(images.Images.map((image) => image.ImageId)).toEqual(['ami-0a1b2c3d4e5f60005']);

    const launched = (await aws(
      'run-instances',
      '--image-id',
      'ami-0a1b2c3d4e5f60005',
      '--instance-type',
      't3.micro',
      '--count',
      '1',
      '--security-groups',
      'default',
      '--user-data',
      '#!/bin/sh\necho from the aws cli\n',
      '--tag-specifications',
      'ResourceType=instance,Tags=[{Key=Name,Value=cli-1}]',
    )) as { Instances: Array<{ InstanceId: string; State: { Name: string } }> };
    const id = launched.Instances[0]?.InstanceId as string;
    expect(launched.Instances[0]?.State.Name).toBe('pending');

    // What the fake holds is what the CLI asked for.
    const held = fake()
      .instances()
      .find((instance) => instance.id === id);
    expect(held?.instanceType).toBe('t3.micro');
    expect(held?.tags).toEqual([{ key: 'Name', value: 'cli-1' }]);
    expect(Buffer.from(held?.userData ?? '', 'base64').toString('utf8')).toBe(
      '#!/bin/sh\necho from the aws cli\n',
    );
    expect(held?.groupIds).toHaveLength(1);

    const described = (await aws('describe-instances', '--instance-ids', id)) as {
      Reservations: Array<{
        Instances: Array<{ InstanceId: string; Placement: { AvailabilityZone: string } }>;
      }>;
    };
    expect(described.Reservations[0]?.Instances[0]?.InstanceId).toBe(id);

    const ended = (await aws('terminate-instances', '--instance-ids', id)) as {
      TerminatingInstances: Array<{ CurrentState: { Name: string } }>;
    };
    expect(ended.TerminatingInstances[0]?.CurrentState.Name).toBe('shutting-down');
    expect(
      fake()
        .allInstances()
        .find((instance) => instance.id === id)?.state,
    ).toBe('shutting-down');
    expect(
      fake()
        .since(mark)
        .map((entry) => [entry.operation, entry.status]),
    ).toEqual([
      ['DescribeAvailabilityZones', 200],
      ['DescribeImages', 200],
      ['RunInstances', 200],
      ['DescribeInstances', 200],
      ['TerminateInstances', 200],
    ]);
  });

  it('talks HTTPS to an emulator with its own CA, trusted through AWS_CA_BUNDLE', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const secure = await startEmulator({ clouds: [emulated], tls: true, cloudPorts: true });
    try {
      const aws = secure.endpoints[0]?.baseUrl as string;
      expect(aws).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const result = await run(
        cli.command,
        ['--endpoint-url', aws, '--output', 'json', 'ec2', 'describe-availability-zones'],
        isolatedEnv({ ...credentials, AWS_CA_BUNDLE: secure.env.AWS_CA_BUNDLE as string }),
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).AvailabilityZones).toHaveLength(3);
      expect(secure.fake('aws')?.count('DescribeAvailabilityZones')).toBe(1);
    } finally {
      await secure.close();
    }
  });

  it('gets EC2’s own error for an unknown security group name', { timeout: CLIENT_TIMEOUT }, async () => {
    const result = await run(
      cli.command,
      [
        '--endpoint-url',
        endpoint,
        'ec2',
        'run-instances',
        '--image-id',
        'ami-0a1b2c3d4e5f60005',
        '--instance-type',
        't3.micro',
        '--security-groups',
        'nope',
      ],
      isolatedEnv(credentials),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('InvalidGroup.NotFound');
  });

  it('is refused with SignatureDoesNotMatch when it signs with another secret', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const result = await run(
      cli.command,
      ['--endpoint-url', endpoint, 'ec2', 'describe-regions'],
      isolatedEnv({ ...credentials, AWS_SECRET_ACCESS_KEY: `${credentials.AWS_SECRET_ACCESS_KEY}x` }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SignatureDoesNotMatch');
    expect(
      fake()
        .since(mark)
        .map((entry) => entry.status),
    ).toEqual([403]);
  });
});

withClient('boto3', findBoto3(), APT, (python) => {
  it('runs a whole lifecycle, with SigV4 and with SigV2', { timeout: CLIENT_TIMEOUT }, async () => {
    const script = fileURLToPath(new URL('./__fixtures__/boto3-ec2-lifecycle.py', import.meta.url));
    const mark = fake().mark();
    const result = await run(
      python.command,
      [script],
      isolatedEnv({ ...credentials, EC2_ENDPOINT: endpoint }),
    );
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(seen.regions).toContain('us-east-1');
    expect(seen.legacyRegions).toEqual(seen.regions);
    expect(seen.image).toBe('ami-0a1b2c3d4e5f60005');
    expect(seen.launchedGroups).toEqual(['default']);
    expect(seen.tags).toEqual([
      ['Name', 'boto3-1'],
      ['stage', 'test'],
    ]);
    expect(seen.states).toEqual(['pending', 'pending', 'running']);
    expect(seen.listed).toContain(seen.instanceId);
    expect(seen.terminatedState).toBe('shutting-down');
    const held = fake()
      .allInstances()
      .find((instance) => instance.id === seen.instanceId);
    expect(held?.groupIds).toEqual([seen.defaultGroup]);
    expect(Buffer.from(held?.userData ?? '', 'base64').toString('utf8')).toBe('#!/bin/sh\necho from boto3\n');
    const operations = fake()
      .since(mark)
      .map((entry) => entry.operation);
    expect(new Set(operations)).toEqual(
      new Set([
        'DescribeRegions',
        'DescribeAvailabilityZones',
        'DescribeImages',
        'DescribeSecurityGroups',
        'RunInstances',
        'CreateTags',
        'DescribeTags',
        'DescribeInstances',
        'TerminateInstances',
      ]),
    );
    expect(
      fake()
        .since(mark)
        .every((entry) => entry.status === 200),
    ).toBe(true);
  });
});

// curl is not among what setup.sh installs (and Debian 11's is too old for --aws-sigv4): optional even on CI.
withClient(
  'curl --aws-sigv4',
  findCurl(),
  'curl 7.75 or later',
  (curl) => {
    it('sends a GET Query request signed with SigV4', { timeout: CLIENT_TIMEOUT }, async () => {
      const result = await run(
        curl.command,
        [
          '--silent',
          '--show-error',
          '--aws-sigv4',
          'aws:amz:us-east-1:ec2',
          '--user',
          `${AWS_FAKE_CREDENTIALS.accessKeyId}:${AWS_FAKE_CREDENTIALS.secretAccessKey}`,
          `${endpoint}/?Action=DescribeAvailabilityZones&Version=2016-11-15`,
        ],
        isolatedEnv(),
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('<DescribeAvailabilityZonesResponse');
      expect(result.stdout).toContain('<zoneName>us-east-1a</zoneName>');
      expect(fake().requests.at(-1)).toMatchObject({
        operation: 'DescribeAvailabilityZones',
        method: 'GET',
        status: 200,
      });
    });

    it('is refused with a 403 SignatureDoesNotMatch for another secret', {
      timeout: CLIENT_TIMEOUT,
    }, async () => {
      const result = await run(
        curl.command,
        [
          '--silent',
          '--show-error',
          '--write-out',
          '\n%{http_code}',
          '--aws-sigv4',
          'aws:amz:us-east-1:ec2',
          '--user',
          `${AWS_FAKE_CREDENTIALS.accessKeyId}:not-the-secret`,
          `${endpoint}/?Action=DescribeAvailabilityZones&Version=2016-11-15`,
        ],
        isolatedEnv(),
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('<Code>SignatureDoesNotMatch</Code>');
      expect(result.stdout.trim().split('\n').at(-1)).toBe('403');
    });
  },
  false,
);
