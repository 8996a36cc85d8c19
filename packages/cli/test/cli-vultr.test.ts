import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { VULTR_FAKE_API_KEY, type VultrFake } from '@provision/provider-vultr/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on Vultr over real HTTP to the emulator's fake Vultr API v2: the whole life of a host
// with a firewall group, found again by its address at the end.
const USER_DATA = '#!/bin/sh\necho vultr-user-data-marker-41c9 > /tmp/ready\n';
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  status: string;
  firewalled: boolean;
  ipv4?: string;
  ipv6?: string;
}

let emulator: RunningEmulator;
let env: Record<string, string>;
let userDataFile: string;
const fake = () => emulator.fake('vultr') as VultrFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-vultr-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(VULTR_FAKE_API_KEY);
  expect(everything).not.toContain('vultr-user-data-marker-41c9');
});

describe('the CLI on Vultr, against the emulator', () => {
  it('creates behind a firewall group, stops, starts, lists and deletes by IP until nothing is left', async () => {
    expect(env.VULTR_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vultr$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'vultr',
        '--name',
        'cli-vultr',
        '--user-data',
        userDataFile,
        '--port',
        '443',
      ].concat(['--wait', ...FAST, '--output', 'json']),
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const host = parseJson<{ host: HostJson }>(created).host;
    expect(host).toMatchObject({ status: 'active', firewalled: true });
    expect(host.ref).toMatch(/^vultr:[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    expect(host.ipv6).toBeDefined();
    const [instance] = fake().instances();
    expect(Buffer.from(instance?.userData ?? '', 'base64').toString('utf8')).toBe(USER_DATA);
    expect(fake().inboundRules(instance?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'vultr', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(
      ['delete', '--ip', host.ipv4 as string, '--provider', 'vultr', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });
});
