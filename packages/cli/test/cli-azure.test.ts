import type { RunningEmulator } from '@provision/emulator';
import {
  AZURE_FAKE_ACCESS_TOKEN,
  AZURE_FAKE_CREDENTIALS,
  type AzureFake,
} from '@provision/provider-azure/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The Azure plugin, driven by the CLI, talking real HTTP to the emulator's fake Azure Resource
// Manager and its token endpoint: the whole lifecycle of a firewalled host, then nothing left.
let emulator: RunningEmulator;
let env: Record<string, string>;
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  name: string;
  owner: string;
  status: string;
  ipv4?: string;
  firewalled: boolean;
}

const fake = () => emulator.fake('azure') as AzureFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
  const outputs = recordedOutputs.join('\n');
  expect(outputs).not.toContain(AZURE_FAKE_CREDENTIALS.clientSecret);
  expect(outputs).not.toContain(AZURE_FAKE_ACCESS_TOKEN);
});

describe('the CLI on Azure, against the emulator', () => {
  it('create --port --wait, status, list, stop, start, delete --wait: the resource group and everything in it are gone', async () => {
    expect(env.AZURE_RESOURCE_MANAGER_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/azure$/);
    expect(env.AZURE_AUTHORITY_HOST).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/azure\.login$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'azure',
        '--name',
        'cli-azure',
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
    expect(host).toMatchObject({ name: 'cli-azure', owner: 'ci', status: 'active', firewalled: true });
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(host.ref).toMatch(
      /\/resourceGroups\/provision-[a-z2-7]{26}\/providers\/Microsoft\.Compute\/virtualMachines\/cli-azure$/,
    );
    const rules = fake()
      .leftovers()
      .filter((leftover) => leftover.kind === 'networkSecurityGroup');
    expect(rules).toHaveLength(1);

    const status = await runCli(['status', host.ref, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(status).host.status).toBe('active');
    const listed = await runCli(['list', '--provider', 'azure', '--owner', 'ci', '--output', 'json'], {
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
    expect(fake().leftovers()).toEqual([]);
  });

  it('delete --ip finds the host by its public IP and deletes its resource group to done', async () => {
    const created = await runCli(
      ['create', '--provider', 'azure', '--name', 'by-ip', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(created);
    const run = await runCli(
      ['delete', '--ip', host.ipv4 as string, '--provider', 'azure', '--wait', ...FAST, '--output', 'json'],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run)).toMatchObject({ deletion: { done: true, ip: host.ipv4 } });
    expect(fake().leftovers()).toEqual([]);
  });
});
