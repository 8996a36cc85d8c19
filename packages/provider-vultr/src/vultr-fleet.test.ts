import { silentLogger, validateHostSpec } from '@provision/core';
import { createRateLimiter } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { expect, it } from 'vitest';
import { VULTR_FAKE_API_KEY, VultrFake } from './testing/index.js';
import { createVultrClient } from './vultr-client.js';
import { vultrPlugin } from './vultr-plugin.js';
import { createVultrProvisioner } from './vultr-provisioner.js';

const fakeServer = setupFakeServer();

/** Virtual time: `sleep` moves the clock instead of waiting, so pacing costs no real time. */
function fakeClock() {
  let time = 1_700_000_000_000;
  let slept = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += Math.max(0, ms);
      slept += Math.max(0, ms);
      await Promise.resolve();
    },
    slept: () => slept,
  };
}

// The limiter target: 50 creates at once under Vultr's throttling, none failing. The
// throttling is counted (every third request answers 429), never timed, and the limiter runs on a
// fake clock, so neither the result nor the duration depends on how fast the machine is.
it('a fleet of 50 parallel provisions under throttling makes 50 hosts, without a failure', async () => {
  const fake = new VultrFake({ instanceLimit: 100, rateLimit: { rejectEvery: 3, retryAfterSeconds: 1 } });
  fakeServer.use(fake);
  const clock = fakeClock();
  const context = { manifest: vultrPlugin, env: {}, logger: silentLogger };
  const client = createVultrClient({ apiKey: VULTR_FAKE_API_KEY, retry: { maxRetries: 3 } }, context, {
    rateLimiter: createRateLimiter({ now: clock.now, sleep: clock.sleep }),
    sleep: clock.sleep,
    now: clock.now,
  });
  const provisioner = createVultrProvisioner(client, context);
  const names = Array.from({ length: 50 }, (_, index) => `fleet-${index + 1}`);
  const spec = (name: string) => validateHostSpec(vultrPlugin, { name, inbound: [{ from: 22 }] });
  const outcomes = await Promise.allSettled(names.map((name) => provisioner.provision(spec(name))));

  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  expect(
    fake
      .instances()
      .map((instance) => instance.label)
      .sort(),
  ).toEqual([...names].sort());
  expect(fake.createdCount('instance')).toBe(50);
  expect(fake.groups()).toHaveLength(50);
  // The cloud did throttle (a third of what reached it), and the throttled requests waited.
  const throttled = fake.requests.filter((request) => request.status === 429).length;
  expect(throttled).toBeGreaterThanOrEqual(Math.floor(fake.requests.length / 3));
  expect(clock.slept()).toBeGreaterThan(0);
  // A hang guard, not a speed check: 500-odd requests through msw take seconds idle, and many
  // times that on a busy 2-core machine.
}, 240_000);
