import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import {
  GCP_FAKE_ACCESS_TOKEN,
  type GcpFake,
  gcpFakeServiceAccountKey,
} from '@provision/provider-gcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The Compute Engine plugin, driven by the CLI, talking real HTTP to the emulator's fake Compute
// API: the whole lifecycle of a firewalled host, then one made with a service-account key file
// whose token exchange the emulator's token endpoint answers.
let emulator: RunningEmulator;
let env: Record<string, string>;
let folder: string;
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  name: string;
  owner: string;
  status: string;
  ipv4?: string;
  firewalled: boolean;
}

const fake = () => emulator.fake('gcp') as GcpFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  folder = mkdtempSync(join(tmpdir(), 'provision-cli-gcp-'));
});

afterAll(async () => {
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
  const outputs = recordedOutputs.join('\n');
  expect(outputs).not.toContain(GCP_FAKE_ACCESS_TOKEN);
  expect(outputs).not.toContain('PRIVATE KEY');
  expect(outputs).not.toContain('ya29.fake-issued');
});

describe('the CLI on Compute Engine, against the emulator', () => {
  it('create --port --wait, status, list, stop, start, delete --wait: nothing is left', async () => {
    expect(env.CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gcp$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'gcp',
        '--name',
        'cli-gcp',
        '--owner',
        'ci',
        '--port',
        '443',
        '--wait',
        ...FAST,
        '--output',
        'json',
      ],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(created);
    expect(host).toMatchObject({ name: 'cli-gcp', owner: 'ci', status: 'active', firewalled: true });
    expect(host.ref).toContain('projects/provision-fake/zones/us-central1-a/instances/cli-gcp--ci');
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const rules = fake().firewalls();
    expect(rules.map((rule) => [rule.priority, rule.allowed ?? rule.denied])).toEqual([
      [1000, [{ IPProtocol: 'tcp', ports: ['443'] }]],
      [1001, [{ IPProtocol: 'all' }]],
    ]);

    const status = await runCli(['status', host.ref, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(status).host.status).toBe('active');
    const listed = await runCli(['list', '--provider', 'gcp', '--owner', 'ci', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const deleted = await runCli(['delete', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { ref: host.ref, done: true, remaining: [] } });
    // The instance (its boot disk and ephemeral address go with it) and both rules: all gone.
    expect(fake().leftovers()).toEqual([]);
  });

  it('delete --ip finds the host by its address and deletes it and both firewall rules to done', async () => {
    const created = await runCli(
      [
        'create',
        '--provider',
        'gcp',
        '--name',
        'by-ip',
        '--port',
        '22',
        '--wait',
        ...FAST,
        '--output',
        'json',
      ],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(created);
    const run = await runCli(
      ['delete', '--ip', host.ipv4 as string, '--provider', 'gcp', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });

  it('a service-account key file (GOOGLE_APPLICATION_CREDENTIALS) gets its token from the emulator', async () => {
    const keyFile = join(folder, 'key.json');
    writeFileSync(keyFile, gcpFakeServiceAccountKey(fake().tokenUri));
    const { GOOGLE_OAUTH_ACCESS_TOKEN: _token, GOOGLE_CLOUD_PROJECT: _project, ...rest } = env;
    const keyEnv = { ...rest, GOOGLE_APPLICATION_CREDENTIALS: keyFile };
    const before = fake().count('oauth2.token');
    const created = await runCli(
      ['create', '--provider', 'gcp', '--name', 'by-key', '--wait', ...FAST, '--output', 'json'],
      { env: keyEnv },
    );
    expect(created.code, created.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(created);
    // The project came from the key file; one exchange served every request of the process.
    expect(host.ref).toContain('projects/provision-fake/');
    expect(fake().count('oauth2.token') - before).toBe(1);
    const deleted = await runCli(['delete', host.ref, '--wait', ...FAST, '--output', 'json'], {
      env: keyEnv,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(fake().leftovers()).toEqual([]);
  });
});
