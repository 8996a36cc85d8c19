import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { SCALEWAY_FAKE_SECRET_KEY, type ScalewayFake } from '@provision/provider-scaleway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on Scaleway over real HTTP to the emulator's fake Instance API: the whole life of a
// host behind its own security group, from a stopped server to nothing left (volume and IP too).
const USER_DATA = '#!/bin/sh\necho scaleway-user-data-marker-7e21 > /tmp/ready\n';
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
const fake = () => emulator.fake('scaleway') as ScalewayFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-scaleway-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(SCALEWAY_FAKE_SECRET_KEY);
  expect(everything).not.toContain('scaleway-user-data-marker-7e21');
});

describe('the CLI on Scaleway, against the emulator', () => {
  it('creates behind a security group, stops, starts, lists and deletes until nothing is left', async () => {
    expect(env.SCW_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scaleway$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'scaleway',
        '--name',
        'cli-scaleway',
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
    expect(host.ref).toMatch(/^scaleway:fr-par-1\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const [server] = fake().servers();
    expect(server?.userData.get('cloud-init')).toBe(USER_DATA);
    expect(fake().inboundRules(server?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'scaleway', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(['delete', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { done: true } });
    expect(fake().leftovers()).toEqual([]);
  });
});
