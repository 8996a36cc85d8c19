import { HostNotFoundError, waitForHost } from '@provision/core';
import { createLinode } from '@provision/provider-linode';
import { emulated } from '@provision/provider-linode/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('the real Linode plugin against the emulator, over HTTP', () => {
  it('provisions behind its firewall, reaches active, and deletes to done, leaving nothing behind', async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ clouds: [emulated], log: (line) => lines.push(line) });
    running.push(emulator);
    // Only what the emulator gives: no token or endpoint from this process's environment.
    const cloud = createLinode({}, { env: emulator.env });

    const created = await cloud.provision({
      name: 'web-1',
      userData: '#!/bin/sh\necho emulator-user-data-marker\n',
      inbound: [{ from: 443 }],
    });
    const active = await waitForHost(cloud, created.id, { until: 'active', interval: 1, timeout: 10_000 });
    expect(active).toMatchObject({ id: created.id, name: 'web-1', provider: 'linode', firewalled: true });
    expect(active.ipv6).toMatch(/^[0-9a-f:]+$/);

    let result = await cloud.delete({ id: created.id });
    for (let attempt = 0; !result.done && attempt < 20; attempt += 1)
      result = await cloud.delete({ id: created.id });
    expect(result.done).toBe(true);
    await expect(cloud.status(created.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(emulator.fake('linode')?.leftovers()).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/linode\/v4\/linode\/instances 200 \d+ms$/));
    expect(lines.join('\n')).not.toContain('emulator-user-data-marker');
    expect(lines.join('\n')).not.toContain(emulator.env.LINODE_TOKEN);
  });
});
