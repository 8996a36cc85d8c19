import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { OPENSTACK_FAKE_PASSWORD, type OpenStackFake } from '@provision/provider-openstack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

// The CLI on OpenStack over real HTTP to the emulator's fake cloud (Keystone, Nova, Neutron,
// Glance): the whole life of a host with its own security group and floating IP, found again by
// its address at the end.
const USER_DATA = '#!/bin/sh\necho openstack-user-data-marker-7d2e > /tmp/ready\n';
const FAST = ['--interval', '50ms', '--timeout', '60s'];

interface HostJson {
  ref: string;
  status: string;
  firewalled: boolean;
  region: string;
  plan: string;
  ipv4?: string;
}

let emulator: RunningEmulator;
let env: Record<string, string>;
let userDataFile: string;
const fake = () => emulator.fake('openstack') as OpenStackFake;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-cli-openstack-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await emulator.close();
  const everything = recordedOutputs.join('\n');
  expect(everything).not.toContain(OPENSTACK_FAKE_PASSWORD);
  expect(everything).not.toContain('openstack-user-data-marker-7d2e');
});

describe('the CLI on OpenStack, against the emulator', () => {
  it('creates behind a security group with a floating IP, stops, starts, lists and deletes by IP until nothing is left', async () => {
    expect(env.OS_AUTH_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openstack\/identity\/v3$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'openstack',
        '--name',
        'cli-openstack',
        '--user-data',
        userDataFile,
        '--port',
        '443',
      ].concat(['--wait', ...FAST, '--output', 'json']),
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const host = parseJson<{ host: HostJson }>(created).host;
    // The defaults: the credentials' region, the smallest flavor that fits, a floating IP.
    expect(host).toMatchObject({ status: 'active', firewalled: true, region: 'RegionOne', plan: 'ds1G' });
    expect(host.ref).toMatch(
      /^openstack:RegionOne\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/fip\/[0-9a-f-]{36}\/sg\/[0-9a-f-]{36}$/,
    );
    const [server] = fake().servers();
    expect(Buffer.from(server?.userData ?? '', 'base64').toString('utf8')).toBe(USER_DATA);
    expect(fake().inboundRules(server?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
    expect(
      fake()
        .floatingIps()
        .map((address) => address.address),
    ).toEqual([host.ipv4]);

    const stopped = await runCli(['stop', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
    const started = await runCli(['start', host.ref, '--wait', ...FAST, '--output', 'json'], { env });
    expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');

    const listed = await runCli(['list', '--provider', 'openstack', '--output', 'json'], { env });
    expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual([host.ref]);

    const deleted = await runCli(
      [
        'delete',
        '--ip',
        host.ipv4 as string,
        '--provider',
        'openstack',
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
