import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { OVH_FAKE_CREDENTIALS, type OvhFake } from '@provision/provider-ovh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on OVHcloud over real HTTP to the emulator's fake OVH API, every request signed: the
// whole life of a host, found again by its address at the end.
const USER_DATA = '#!/bin/sh\necho ovh-user-data-marker-7d2e > /tmp/ready\n';
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  status: string;
  firewalled: boolean;
  ipv4?: string;
  ipv6?: string;
  region: string;
  plan: string;
}

let emulator: RunningEmulator;
let env: Record<string, string>;
let userDataFile: string;
const fake = () => emulator.fake('ovh') as OvhFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-ovh-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(OVH_FAKE_CREDENTIALS.applicationSecret);
  expect(everything).not.toContain(OVH_FAKE_CREDENTIALS.consumerKey);
  expect(everything).not.toContain('ovh-user-data-marker-7d2e');
});

describe('the CLI on OVHcloud, against the emulator', () => {
  it('creates, stops, starts, lists and deletes by IP until nothing is left', async () => {
    expect(env.OVH_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0$/);
    const created = await runCli(
      ['create', '--provider', 'ovh', '--name', 'cli-ovh', '--user-data', userDataFile].concat([
        '--wait',
        ...FAST,
        '--output',
        'json',
      ]),
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const host = parseJson<{ host: HostJson }>(created).host;
    expect(host).toMatchObject({ status: 'active', firewalled: false, region: 'GRA11', plan: 'd2-2' });
    expect(host.ref).toMatch(/^ovh:[0-9a-f]{32}\/[0-9a-f-]{36}$/);
    expect(host.ipv6).toBeDefined();
    const [instance] = fake().instances();
    expect(instance?.userData).toBe(USER_DATA);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'ovh', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(
      ['delete', '--ip', host.ipv4 as string, '--provider', 'ovh', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });

  it('refuses --port before any request: OVHcloud has no per-instance firewall', async () => {
    const before = fake().requests.length;
    const refused = await runCli(
      ['create', '--provider', 'ovh', '--name', 'cli-ovh-ports', '--port', '443'],
      {
        env,
      },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/inbound|firewall|port/i);
    expect(fake().requests.length).toBe(before);
  });
});
