import { DescribeInstancesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { type AnyPluginManifest, RateLimitError, silentLogger } from '@provision/core';
import { createRateLimiter, type RateLimiter, sharedRateLimiter } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsEc2 } from './aws-client.js';
import { awsRateLimitKey } from './aws-pacing.js';
import { awsPlugin } from './aws-plugin.js';
import type { AwsSettings } from './aws-settings.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

// The account's rate limiter around the SDK's attempts, against the fake's counted throttling
// (503 RequestLimitExceeded, no Retry-After, as EC2 answers) and injected faults. Waits go to a
// fake clock: nothing here depends on how fast the machine runs.
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

/** Virtual time: `sleep` moves it on at once, and runs `during` first (what happens meanwhile). */
function fakeClock() {
  const clock = {
    time: 1_700_000_000_000,
    waits: [] as number[],
    during: undefined as (() => Promise<unknown>) | undefined,
    now: () => clock.time,
    busy: false,
    sleep: async (ms: number, signal?: AbortSignal) => {
      clock.waits.push(ms);
      if (!clock.busy && clock.during !== undefined) {
        clock.busy = true;
        await clock.during().finally(() => {
          clock.busy = false;
        });
      }
      signal?.throwIfAborted();
      clock.time += ms;
    },
  };
  return clock;
}

function client(
  settings: AwsSettings,
  clock: ReturnType<typeof fakeClock>,
  rateLimiter: RateLimiter = createRateLimiter({ now: clock.now, random: () => 0 }),
) {
  return new AwsEc2(
    { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl, ...settings },
    {
      manifest: awsPlugin as AnyPluginManifest,
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      logger: silentLogger,
    },
    { rateLimiter, sleep: clock.sleep, now: clock.now, random: () => 0.999 },
  );
}

const regions = (ec2: AwsEc2, signal?: AbortSignal) =>
  ec2.send('us-east-1', new DescribeRegionsCommand({}), 'regions', signal);
const instances = (ec2: AwsEc2, signal?: AbortSignal) =>
  ec2.send('us-east-1', new DescribeInstancesCommand({}), 'list', signal);
const throttledAnswers = () => fake.since(0).filter((entry) => entry.status === 503).length;
const retry = { maxRetries: 1, baseDelayMs: 100, maxDelayMs: 10_000 };

describe('AWS pacing: throttled attempts', () => {
  it('rides out counted throttling: every refused request is sent again once, none reaches the caller', async () => {
    const throttled = new AwsEc2Fake({ rateLimit: { rejectEvery: 3 } });
    server.use(throttled);
    const clock = fakeClock();
    const ec2 = new AwsEc2(
      { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: throttled.baseUrl, retry },
      {
        manifest: awsPlugin as AnyPluginManifest,
        env: { AWS_EC2_METADATA_DISABLED: 'true' },
        logger: silentLogger,
      },
      { rateLimiter: createRateLimiter({ now: clock.now }), sleep: clock.sleep, now: clock.now },
    );
    for (let call = 0; call < 12; call++) await regions(ec2);
    const log = throttled.since(0);
    // Requests 3, 6, 9, 12 and 15 were refused: 12 answers took 17 requests.
    expect(log.filter((entry) => entry.status === 503)).toHaveLength(5);
    expect(log).toHaveLength(17);
  });

  it('keeps waiting while the account gets other requests through, without spending maxRetries', async () => {
    fake.injectFault({ kind: 'rate-limit', operation: 'DescribeInstances', times: 6 });
    const clock = fakeClock();
    const ec2 = client({ retry }, clock);
    // While the throttled call waits, another request of the account is answered.
    clock.during = () => regions(ec2);
    await instances(ec2);
    expect(fake.count('DescribeInstances')).toBe(7);
    expect(fake.count('DescribeRegions')).toBe(6);
    expect(throttledAnswers()).toBe(6);
    // Growing backoff with jitter (0.999 of 100, 200, 400... ms): EC2 sends no Retry-After.
    expect(clock.waits.slice(0, 3)).toEqual([99, 199, 399]);
  });

  it('gives up after maxRetries + 1 refusals in a row when nothing of the account gets through', async () => {
    fake.injectFault({ kind: 'rate-limit', operation: 'DescribeInstances', times: 6 });
    const error = await instances(client({ retry }, fakeClock())).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(fake.count('DescribeInstances')).toBe(2);
  });

  it('gives up once the waits would pass retry.maxRateLimitWaitMs', async () => {
    fake.injectFault({ kind: 'rate-limit', operation: 'DescribeInstances', times: 6 });
    const clock = fakeClock();
    const ec2 = client({ retry: { ...retry, maxRateLimitWaitMs: 250 } }, clock);
    clock.during = () => regions(ec2);
    const error = await instances(ec2).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    // 99 ms waited; the next 199 would pass 250.
    expect(fake.count('DescribeInstances')).toBe(2);
    expect(clock.waits).toEqual([99]);
  });

  it('hands throttling to the caller at once with maxRetries: 0', async () => {
    fake.injectFault({ kind: 'rate-limit', operation: 'DescribeInstances', times: 1 });
    const error = await instances(client({ retry: { ...retry, maxRetries: 0 } }, fakeClock())).catch(
      (caught: unknown) => caught,
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(fake.count('DescribeInstances')).toBe(1);
  });

  it('ends the wait when the caller aborts, and sends nothing more', async () => {
    fake.injectFault({ kind: 'rate-limit', operation: 'DescribeInstances', times: 6 });
    const clock = fakeClock();
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    clock.during = async () => controller.abort(reason);
    const error = await instances(client({ retry }, clock), controller.signal).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBe(reason);
    expect(fake.count('DescribeInstances')).toBe(1);
  });

  it('sends 5xx retries through the limiter too: one slot per attempt, still maxRetries + 1 attempts', async () => {
    fake.injectFault({ kind: 'http-500', operation: 'DescribeRegions', times: 5 });
    const clock = fakeClock();
    const inner = createRateLimiter({ now: clock.now });
    let acquired = 0;
    const counting: RateLimiter = {
      ...inner,
      acquire: (options) => {
        acquired += 1;
        return inner.acquire(options);
      },
    };
    const error = await regions(client({ retry: { ...retry, baseDelayMs: 1 } }, clock, counting)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(fake.count('DescribeRegions')).toBe(2);
    expect(acquired).toBe(2);
    // Answers that are not throttling count as accepted: the account got them through.
    expect(inner.state().acceptedCount).toBe(2);
  });
});

describe('AWS pacing: one limiter per account and region', () => {
  it('is keyed by a fingerprint of the access key id and the endpoint, never the key itself', () => {
    const key = awsRateLimitKey(AWS_FAKE_CREDENTIALS.accessKeyId, 'https://ec2.us-east-1.amazonaws.com');
    expect(key).not.toContain(AWS_FAKE_CREDENTIALS.accessKeyId);
    expect(key).not.toContain('amazonaws');
    expect(awsRateLimitKey(AWS_FAKE_CREDENTIALS.accessKeyId, 'https://ec2.us-east-1.amazonaws.com')).toBe(
      key,
    );
    expect(awsRateLimitKey('AKIAI44QH8DHBEXAMPLE', 'https://ec2.us-east-1.amazonaws.com')).not.toBe(key);
    expect(awsRateLimitKey(AWS_FAKE_CREDENTIALS.accessKeyId, 'https://ec2.eu-west-1.amazonaws.com')).not.toBe(
      key,
    );
  });

  it('is shared by every client of the account: both clients’ answers reach the same limiter', async () => {
    const shared = sharedRateLimiter(awsRateLimitKey(AWS_FAKE_CREDENTIALS.accessKeyId, fake.baseUrl));
    const before = shared.state().acceptedCount ?? 0;
    const settings: AwsSettings = { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl };
    const context = {
      manifest: awsPlugin as AnyPluginManifest,
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      logger: silentLogger,
    };
    const first = new AwsEc2(settings, context);
    const second = new AwsEc2(settings, context);
    await regions(first);
    await regions(second);
    expect((shared.state().acceptedCount ?? 0) - before).toBe(2);
  });
});
