import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { CIVO_FAKE_TOKEN, type CivoFake } from '@provision/provider-civo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on Civo over real HTTP to the emulator's fake Civo API v2: the whole life of a host
// behind its own firewall, found again by its address at the end.
const USER_DATA = '#!/bin/sh\necho civo-user-data-marker-7d3e > /tmp/ready\n';
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
const fake = () => emulator.fake('civo') as CivoFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-civo-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(CIVO_FAKE_TOKEN);
  expect(everything).not.toContain('civo-user-data-marker-7d3e');
});

describe('the CLI on Civo, against the emulator', () => {
  it('creates behind a firewall, stops, starts, lists and deletes by IP until nothing is left', async () => {
    expect(env.CIVO_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/civo$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'civo',
        '--name',
        'cli-civo',
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
    expect(host.ref).toMatch(/^civo:LON1\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const [instance] = fake().instances();
    expect(instance?.script).toBe(USER_DATA);
    expect(instance?.hostname).toBe('cli-civo.default');
    expect(fake().inboundRules(instance?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'civo', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(
      ['delete', '--ip', host.ipv4 as string, '--provider', 'civo', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });
});
