import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  AuthenticationError,
  CapacityError,
  ProviderApiError,
  QuotaExceededError,
  RateLimitError,
  waitForHost,
} from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsSettings } from './aws-settings.js';
import { createAws } from './create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

const server = setupFakeServer();
let fake: AwsEc2Fake;
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function cloud(settings: AwsSettings = {}) {
  return createAws(
    { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl, ...fast, ...settings },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

const operations = (since = 0) => fake.since(since).map((entry) => entry.operation);

async function deleteToDone(provisioner: ReturnType<typeof cloud>, id: string): Promise<number> {
  for (let call = 0; call < 10; call++) if ((await provisioner.delete({ id })).done) return call + 1;
  throw new Error('delete never finished');
}

describe('AWS idempotency', () => {
  it('reuses a deleted name at the cost of a new one, however often: the lookup finds the generation', async () => {
    const provisioner = cloud();
    const inbound = [{ from: 22 }];
    await provisioner.provision({ name: 'warm-up' });
    const counts: number[] = [];
    const tokens: (string | undefined)[] = [];
    for (let reuse = 0; reuse < 5; reuse += 1) {
      const mark = fake.mark();
      const host = await provisioner.provision({ name: 'web', inbound });
      const sent = fake.since(mark);
      counts.push(sent.length);
      tokens.push(
        sent
          .filter((entry) => entry.operation === 'RunInstances')
          .map((entry) => new URLSearchParams(entry.body).get('ClientToken')?.split('-').pop())[0],
      );
      expect(sent.map((entry) => entry.operation)).toEqual([
        'DescribeInstances',
        'CreateSecurityGroup',
        'AuthorizeSecurityGroupIngress',
        'RunInstances',
      ]);
      await deleteToDone(provisioner, host.id);
    }
    expect(counts).toEqual([4, 4, 4, 4, 4]);
    expect(tokens).toEqual(['0', '1', '2', '3', '4']);
    expect(fake.createdCount('instance')).toBe(6);
    // A fresh provisioner (no cached image) costs one more, the image lookup, and no walk either.
    const mark = fake.mark();
    await cloud().provision({ name: 'web', inbound });
    expect(fake.since(mark)).toHaveLength(5);
  });

  it('walks on when EC2 remembers a token it no longer describes, and the next reuse starts there', async () => {
    const provisioner = cloud();
    await deleteToDone(provisioner, (await provisioner.provision({ name: 'web' })).id);
    await deleteToDone(provisioner, (await provisioner.provision({ name: 'web' })).id);
    // An hour on, EC2 describes neither terminated instance, but still answers their tokens.
    fake.forgetTerminated();
    const mark = fake.mark();
    const host = await provisioner.provision({ name: 'web' });
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'DescribeInstances',
      'RunInstances',
      'RunInstances',
      'RunInstances',
    ]);
    expect(fake.createdCount('instance')).toBe(3);
    await deleteToDone(provisioner, host.id);
    const again = fake.mark();
    await provisioner.provision({ name: 'web' });
    expect(fake.since(again).map((entry) => entry.operation)).toEqual(['DescribeInstances', 'RunInstances']);
  });

  it('finds a live host by its tags with one request, even when the repeat differs (a new expiry)', async () => {
    const provisioner = cloud();
    const first = await provisioner.provision({ name: 'web', ttl: 3_600_000 });
    const mark = fake.mark();
    const again = await cloud().provision({ name: 'web', ttl: 7_200_000 });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toBeUndefined();
    expect(operations(mark)).toEqual(['DescribeInstances']);
    expect(fake.createdCount('instance')).toBe(1);
    expect(fake.instances()).toHaveLength(1);
  });

  it('compares the security group rules of an existing host with the ones asked for', async () => {
    const provisioner = cloud();
    const first = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    const same = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    expect(same).toMatchObject({ id: first.id });
    expect(same.specMismatch).toBeUndefined();
    const mark = fake.mark();
    const other = await provisioner.provision({
      name: 'web',
      inbound: [{ from: 443 }, { from: 53, protocol: 'udp' }],
    });
    expect(other.id).toBe(first.id);
    expect(other.specMismatch).toEqual(['inbound: 22/tcp (asked: 443/tcp, 53/udp)']);
    expect(operations(mark)).toEqual(['DescribeInstances', 'DescribeSecurityGroups']);
    expect(fake.inboundRules(first.id.split('/')[1] as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
    ]);
  });

  it('returns an existing host with the differences from the spec it was asked with', async () => {
    const provisioner = cloud();
    const first = await provisioner.provision({ name: 'web', tags: { team: 'red' } });
    const mark = fake.mark();
    const again = await provisioner.provision({
      name: 'web',
      plan: 't4g.micro',
      os: 'ubuntu-24.04',
      inbound: [{ from: 443 }],
      tags: { team: 'blue' },
    });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toEqual(
      [
        't4g.nano (asked: t4g.micro)',
        'ubuntu-26.04 (asked: ubuntu-24.04)',
        'none (the default networking) (asked: 443/tcp)',
        'team=red (asked: team=blue)',
      ].map((text, index) => `${['plan', 'os', 'inbound', 'tags'][index]}: ${text}`),
    );
    // Nothing was changed or created for the differing spec.
    expect(operations(mark)).toEqual(['DescribeInstances']);
    expect(fake.securityGroups()).toEqual([]);
  });

  it('gives 20 concurrent callers from 20 provisioners one host and one group, with the same id', {
    timeout: 60_000,
  }, async () => {
    const spec = { name: 'web', inbound: [{ from: 22 }] };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => cloud().provision(spec)));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const ids = results.map((result) => (result as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(new Set(ids).size).toBe(1);
    expect(fake.createdCount('instance')).toBe(1);
    expect(fake.securityGroups()).toHaveLength(1);
    expect(ids[0]?.endsWith(`/${fake.securityGroups()[0]?.id}`)).toBe(true);
  });

  it('returns a host made without inbound unchanged, and removes the group it made for the repeat', async () => {
    const provisioner = cloud();
    const plain = await provisioner.provision({ name: 'web' });
    const repeat = await provisioner.provision({ name: 'web', inbound: [{ from: 80 }] });
    expect(repeat).toMatchObject({ id: plain.id, firewalled: false });
    expect(fake.securityGroups()).toEqual([]);
  });

  it('gives a name reused while its predecessor shuts down a host and a group of its own', async () => {
    const provisioner = cloud();
    const old = await waitForHost(
      provisioner,
      (await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] })).id,
      {
        interval: 1,
        maxInterval: 1,
      },
    );
    expect((await provisioner.delete({ id: old.id })).done).toBe(false);
    const fresh = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    expect(fresh.id).not.toBe(old.id);
    expect(fake.securityGroups().map((group) => group.name)).toEqual([
      'provision/default_web/0',
      'provision/default_web/1',
    ]);
    await deleteToDone(provisioner, old.id);
    await deleteToDone(provisioner, fresh.id);
    expect(fake.leftovers()).toEqual([]);
  });

  it('finds a security group whose creation answer was lost, instead of making a second', async () => {
    fake.injectFault({ kind: 'lost-response', operation: 'CreateSecurityGroup' });
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    expect(fake.securityGroups()).toHaveLength(1);
    expect(host.id.endsWith(`/${fake.securityGroups()[0]?.id}`)).toBe(true);
    expect(operations()).toEqual([
      'DescribeInstances',
      'DescribeImages',
      'CreateSecurityGroup',
      'CreateSecurityGroup',
      'DescribeSecurityGroups',
      // The group found has no rules yet: the lost answer came before they were asked for.
      'AuthorizeSecurityGroupIngress',
      'RunInstances',
    ]);
    expect(fake.inboundRules(host.id.split('/')[1] ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
  });
  it('without SDK retries, still finds the group a lost answer made, and completes it', async () => {
    fake.injectFault({ kind: 'lost-response', operation: 'CreateSecurityGroup' });
    const host = await cloud({ retry: { maxRetries: 0 } }).provision({
      name: 'web',
      inbound: [{ from: 80 }],
    });
    expect(host.firewalled).toBe(true);
    expect(fake.securityGroups()).toHaveLength(1);
    expect(operations()).toEqual([
      'DescribeInstances',
      'DescribeImages',
      'CreateSecurityGroup',
      // The shared policy looks for what an unknown outcome may have made before creating again.
      'DescribeSecurityGroups',
      'AuthorizeSecurityGroupIngress',
      'RunInstances',
    ]);
    expect(fake.inboundRules(host.id.split('/')[1] ?? '')).toEqual([{ from: 80, to: 80, protocol: 'tcp' }]);
  });
});

describe('AWS provision() interrupted', () => {
  it('never launches an instance without its group, and the repeat completes the host', async () => {
    const controller = new AbortController();
    // Aborts once EC2 has logged the group's creation, before its rules and the launch.
    const interrupting: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (fake.count('CreateSecurityGroup') > 0) controller.abort(new Error('interrupted'));
      return response;
    };
    const spec = { name: 'web', inbound: [{ from: 22 }] };
    const error = await cloud({ fetch: interrupting })
      .provision(spec, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(fake.count('RunInstances')).toBe(0);
    expect(fake.instances()).toEqual([]);
    const host = await cloud().provision(spec);
    expect(host.firewalled).toBe(true);
    expect(fake.securityGroups()).toHaveLength(1);
    expect(fake.inboundRules(host.id.split('/')[1] as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
    ]);
    const [listed] = (await cloud().list?.()) ?? [];
    expect(listed).toMatchObject({ id: host.id, firewalled: true });
  });
});

describe('AWS failures', () => {
  it('rolls the security group back when EC2 refuses the launch', async () => {
    fake.setSoldOut({ plan: 't4g.nano' });
    const error = await cloud()
      .provision({ name: 'web', inbound: [{ from: 80 }] })
      .catch((caught) => caught);
    expect(CapacityError.isInstance(error)).toBe(true);
    expect(operations()).toContain('DeleteSecurityGroup');
    expect(operations().filter((operation) => operation === 'RunInstances')).toHaveLength(1);
    expect(fake.leftovers()).toEqual([]);
  });

  it('maps EC2 codes to core errors, without repeating the credentials', async () => {
    const limited = new AwsEc2Fake({ vcpuLimit: 1 });
    server.use(limited);
    const quota = await cloud({ endpoint: limited.baseUrl })
      .provision({ name: 'web' })
      .catch((caught) => caught);
    expect(QuotaExceededError.isInstance(quota)).toBe(true);
    expect(quota.message).toContain('VcpuLimitExceeded');
    server.use(fake);
    const wrong = cloud({
      credentials: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'x'.repeat(40) },
    });
    const auth = await wrong.status('us-east-1/i-0123456789abcdef0').catch((caught) => caught);
    expect(AuthenticationError.isInstance(auth)).toBe(true);
    expect(JSON.stringify({ ...auth, message: auth.message })).not.toContain('AKIAI44QH8DHBEXAMPLE');
    fake.injectFault({ kind: 'rate-limit', times: 10 });
    const throttled = await cloud()
      .regions?.()
      .catch((caught) => caught);
    expect(RateLimitError.isInstance(throttled)).toBe(true);
    expect(fake.count('DescribeRegions')).toBe(3);
  });

  it("retries with the SDK's own strategy, maxRetries + 1 attempts, and no layer on top", async () => {
    fake.injectFault({ kind: 'http-500', operation: 'DescribeRegions', times: 2 });
    expect(await cloud().regions?.()).not.toHaveLength(0);
    expect(fake.count('DescribeRegions')).toBe(3);
    fake.injectFault({ kind: 'http-500', operation: 'DescribeRegions', times: 1 });
    const error = await cloud({ retry: { maxRetries: 0 } })
      .regions?.()
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error) && error.retryable).toBe(true);
    expect(fake.count('DescribeRegions')).toBe(4);
  });

  it('reports a launch EC2 ended as error with its reason', async () => {
    fake.failNextLaunch('The instance failed its hardware checks');
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'doomed' });
    const failed = await waitForHost(provisioner, host.id, { until: 'error', interval: 1, maxInterval: 1 });
    expect(failed).toMatchObject({ status: 'error', nativeStatus: 'terminated' });
    expect(failed.error).toBe(
      'EC2 ended the launch: Server.InternalError: The instance failed its hardware checks',
    );
    expect(await provisioner.delete({ id: host.id })).toEqual({ done: true, id: host.id, found: true });
  });
});

describe('AWS deletion', () => {
  it('says found: false for an id or IP that names nothing managed, and terminates nothing', async () => {
    const provisioner = cloud();
    const mark = fake.mark();
    expect(await provisioner.delete({ id: 'us-east-1/i-0123456789abcdef0' })).toEqual({
      done: true,
      id: 'us-east-1/i-0123456789abcdef0',
      found: false,
    });
    expect(await provisioner.delete({ ip: '203.0.113.250' })).toEqual({ done: true, found: false });
    // By IP: the live addresses, then the addresses a delete by IP released.
    expect(operations(mark)).toEqual(['DescribeInstances', 'DescribeInstances', 'DescribeInstances']);
  });

  it('never terminates an instance provision did not make, even by its exact id', async () => {
    const ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint: fake.baseUrl,
      credentials: { ...AWS_FAKE_CREDENTIALS },
    });
    const foreign = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0a1b2c3d4e5f60004',
        InstanceType: 't4g.nano',
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const instanceId = foreign.Instances?.[0]?.InstanceId as string;
    const mark = fake.mark();
    expect(await cloud().delete({ id: `us-east-1/${instanceId}` })).toMatchObject({
      done: true,
      found: false,
    });
    expect(operations(mark)).toEqual(['DescribeInstances']);
    expect(fake.instances().map((instance) => instance.id)).toEqual([instanceId]);
  });

  it('terminates first and deletes the group once the instance is terminated, two requests a call at most', async () => {
    const provisioner = cloud();
    const host = await waitForHost(
      provisioner,
      (await provisioner.provision({ name: 'web', inbound: [{ from: 80 }] })).id,
      {
        interval: 1,
        maxInterval: 1,
      },
    );
    const mark = fake.mark();
    const first = await provisioner.delete({ id: host.id });
    expect(first).toMatchObject({
      done: false,
      remaining: [
        expect.stringMatching(/^instance i-.* \(shutting-down\)$/),
        expect.stringMatching(/^security group sg-/),
      ],
    });
    expect(await provisioner.delete({ id: host.id })).toEqual({ done: true, id: host.id, found: true });
    expect(operations(mark)).toEqual([
      'DescribeInstances',
      'TerminateInstances',
      'DescribeInstances',
      'DeleteSecurityGroup',
    ]);
    expect(await provisioner.delete({ id: host.id })).toEqual({ done: true, id: host.id, found: true });
    expect(fake.leftovers()).toEqual([]);
  });

  it('deletes by IP in the home region, and the returned id finishes the job', async () => {
    const provisioner = cloud();
    const host = await waitForHost(
      provisioner,
      (await provisioner.provision({ name: 'web', inbound: [{ from: 80 }] })).id,
      {
        interval: 1,
        maxInterval: 1,
      },
    );
    const result = await provisioner.delete({ ip: host.ipv4 as string });
    expect(result).toMatchObject({ done: false, id: host.id });
    const [lookup] = fake.requests.filter((entry) => entry.operation === 'DescribeInstances').slice(-1);
    expect(new URLSearchParams(lookup?.body).get('Filter.2.Name')).toBe('ip-address');
    await deleteToDone(provisioner, result.id as string);
    expect(fake.leftovers()).toEqual([]);
    expect(await provisioner.delete({ ip: '198.51.100.200' })).toEqual({ done: true, found: false });
  });
});
