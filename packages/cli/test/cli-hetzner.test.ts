import type { RunningEmulator } from '@provision/emulator';
import { HETZNER_FAKE_TOKEN, type HetznerFake } from '@provision/provider-hetzner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The Hetzner plugin, driven by the CLI, talking real HTTP to the emulator's fake Hetzner Cloud:
// the whole lifecycle of a firewalled host, then a delete by address.
let emulator: RunningEmulator;
let env: Record<string, string>;
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  name: string;
  owner: string;
  status: string;
  ipv4?: string;
  ipv6?: string;
  firewalled: boolean;
}

const fake = () => emulator.fake('hetzner') as HetznerFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
  expect(recordedOutputs.join('\n')).not.toContain(HETZNER_FAKE_TOKEN);
});

describe('the CLI on Hetzner Cloud, against the emulator', () => {
  it('create --port --wait, status, list, stop, start, delete --wait: nothing is left', async () => {
    expect(env.HCLOUD_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hetzner$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'hetzner',
        '--name',
        'cli-hetzner',
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
    expect(host).toMatchObject({ name: 'cli-hetzner', owner: 'ci', status: 'active', firewalled: true });
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(host.ipv6).toMatch(/::1$/);
    const [firewall] = fake().firewalls();
    expect(firewall?.rules).toEqual([
      expect.objectContaining({ direction: 'in', protocol: 'tcp', port: '443' }),
    ]);

    const status = await runCli(['status', host.ref, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(status).host.status).toBe('active');
    const listed = await runCli(['list', '--provider', 'hetzner', '--owner', 'ci', '--output', 'json'], {
      env,
    });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const deleted = await runCli(['delete', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ deletion: { ref: host.ref, done: true, remaining: [] } });
    // The server, its primary IPs (auto_delete) and its firewall: all gone.
    expect(fake().leftovers()).toEqual([]);
  });

  it('delete --ip finds the host by its address and deletes it and its firewall to done', async () => {
    const created = await runCli(
      [
        'create',
        '--provider',
        'hetzner',
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
      ['delete', '--ip', host.ipv4 as string, '--provider', 'hetzner', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });
});
