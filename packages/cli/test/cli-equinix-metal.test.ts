import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { METAL_FAKE_TOKEN, type MetalFake } from '@provision/provider-equinix-metal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on Equinix Metal over real HTTP to the emulator's fake Metal API v1: the whole life of
// a bare-metal device, found again by its address at the end; inbound rules refused up front.
const USER_DATA = '#!/bin/sh\necho metal-user-data-marker-4b8a > /tmp/ready\n';
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  status: string;
  firewalled: boolean;
  ipv4?: string;
}

let emulator: RunningEmulator;
let env: Record<string, string>;
let userDataFile: string;
const fake = () => emulator.fake('equinix-metal') as MetalFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-metal-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(METAL_FAKE_TOKEN);
  expect(everything).not.toContain('metal-user-data-marker-4b8a');
});

describe('the CLI on Equinix Metal, against the emulator', () => {
  it('shows the service status and the missing firewall in `provision providers`', async () => {
    const shown = await runCli(['providers', '--output', 'json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    const metal = parseJson<{ providers: Array<{ id: string; notes: string[]; capabilities: string[] }> }>(
      shown,
    ).providers.find((provider) => provider.id === 'equinix-metal');
    expect(metal?.notes.join(' ')).toMatch(/ended new sales of Metal on 2026-06-30/);
    expect(metal?.notes.join(' ')).toMatch(/no cloud firewall/);
    expect(metal?.capabilities).not.toContain('inbound');
    const text = await runCli(['providers'], { env });
    expect(text.stdout).toMatch(/notes\s+Service status: Equinix ended new sales/);
  });

  it('refuses --port before any request: bare metal has no cloud firewall', async () => {
    const mark = fake().mark();
    const refused = await runCli(
      ['create', '--provider', 'equinix-metal', '--name', 'cli-metal-open', '--port', '443'],
      { env },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/inbound/i);
    expect(fake().since(mark)).toEqual([]);
  });

  it('creates, stops, starts, lists and deletes by IP until nothing is left', async () => {
    expect(env.METAL_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/equinix-metal\/metal\/v1$/);
    const created = await runCli(
      ['create', '--provider', 'equinix-metal', '--name', 'cli-metal', '--user-data', userDataFile].concat([
        '--wait',
        ...FAST,
        '--output',
        'json',
      ]),
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const host = parseJson<{ host: HostJson }>(created).host;
    expect(host).toMatchObject({ status: 'active', firewalled: false });
    expect(host.ref).toMatch(/^equinix-metal:[0-9a-f-]{36}$/);
    const [device] = fake().devices();
    expect(device).toMatchObject({
      hostname: 'cli-metal',
      metro: 'da',
      plan: 'c3.small.x86',
      operatingSystem: 'ubuntu_24_04',
      billingCycle: 'hourly',
      userdata: USER_DATA,
    });

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'equinix-metal', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(
      [
        'delete',
        '--ip',
        host.ipv4 as string,
        '--provider',
        'equinix-metal',
        '--wait',
        ...FAST,
        '--output',
        'json',
      ],
      { env },
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });
});
