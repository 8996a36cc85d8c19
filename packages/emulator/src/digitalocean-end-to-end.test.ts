import { HostNotFoundError, waitForHost } from '@provision/core';
import { createDigitalOcean } from '@provision/provider-digitalocean';
import { emulated } from '@provision/provider-digitalocean/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const USER_DATA = '#!/bin/sh\necho emulator-user-data-marker > /tmp/marker\n';

describe('the real DigitalOcean plugin against the emulator, over HTTP', () => {
  it('provisions, reaches active, and deletes to done, leaving nothing behind', async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ clouds: [emulated], log: (line) => lines.push(line) });
    running.push(emulator);
    // Only what the emulator gives: no token or endpoint from this process's environment.
    const cloud = createDigitalOcean({}, { env: emulator.env });

    const created = await cloud.provision({ name: 'web-1', userData: USER_DATA, tags: { team: 'a' } });
    expect(created.status).toBe('provisioning');
    const active = await waitForHost(cloud, created.id, { until: 'active', interval: 1, timeout: 10_000 });
    expect(active).toMatchObject({
      id: created.id,
      name: 'web-1',
      status: 'active',
      provider: 'digitalocean',
    });
    expect(active.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    let result = await cloud.delete({ id: created.id });
    for (let attempt = 0; !result.done && attempt < 20; attempt += 1)
      result = await cloud.delete({ id: created.id });
    expect(result.done).toBe(true);
    await expect(cloud.status(created.id)).rejects.toSatisfy(HostNotFoundError.isInstance);

    const fake = emulator.fake('digitalocean');
    expect(fake?.leftovers()).toEqual([]);
    expect(fake?.count('droplets_create')).toBe(1);
    // Every request went through the emulator's socket: one log line per request the fake saw.
    expect(lines).toHaveLength(fake?.requests.length ?? -1);
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/digitalocean\/v2\/droplets 202 \d+ms$/));
    expect(lines.join('\n')).not.toContain('emulator-user-data-marker');
    expect(lines.join('\n')).not.toContain(emulator.env.DIGITALOCEAN_TOKEN);
  });

  it('still converges with latency and a seeded 20% fault rate, creating one droplet', async () => {
    const emulator = await startEmulator({ clouds: [emulated], latencyMs: 5, faultRate: 0.2, seed: 2026 });
    running.push(emulator);
    const cloud = createDigitalOcean(
      { retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 2_000 }, timeoutMs: 5_000 },
      { env: emulator.env },
    );
    // A caller's loop: provision is idempotent by name, so it is retried until it answers.
    let id: string | undefined;
    for (let attempt = 0; id === undefined && attempt < 20; attempt += 1) {
      id = await cloud.provision({ name: 'rehearsal', userData: USER_DATA }).then(
        (host) => host.id,
        () => undefined,
      );
    }
    expect(id).toBeDefined();
    const hostId = id as string;
    let active = false;
    for (let attempt = 0; !active && attempt < 40; attempt += 1) {
      active = await cloud.status(hostId).then(
        (host) => host.status === 'active',
        () => false,
      );
    }
    expect(active).toBe(true);
    let done = false;
    for (let attempt = 0; !done && attempt < 40; attempt += 1) {
      done = await cloud.delete({ id: hostId }).then(
        (result) => result.done,
        () => false,
      );
    }
    expect(done).toBe(true);
    const fake = emulator.fake('digitalocean');
    expect(fake?.leftovers()).toEqual([]);
    expect(fake?.requests.some((entry) => entry.fault !== undefined)).toBe(true);
  });
});
