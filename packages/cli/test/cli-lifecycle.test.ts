import type { DigitalOceanFake } from '@provision/provider-digitalocean/testing';
import { describe, expect, it } from 'vitest';
import { FAST, type HostJson, useCliProvider } from './cli-provider-lifecycle.js';
import { FAKE_TOKEN } from './emulator.js';
import { parseJson, runCli } from './run-cli.js';

// Whatever a run printed, on stdout or stderr: never the credential, never the user-data.
const cli = useCliProvider<DigitalOceanFake>({
  provider: 'digitalocean',
  secrets: [FAKE_TOKEN],
  userData: true,
});

describe('a host through its whole life, over real HTTP', () => {
  let ref: string;

  it('create --wait --output json returns the active host with exactly one JSON document on stdout', async () => {
    const run = await cli.run([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'web-1',
      '--user-data',
      cli.userDataFile,
      '--port',
      '80',
      '--port',
      '8000-9000/udp',
      '--tag',
      'team=edge',
      '--owner',
      'ci',
      '--wait',
      ...FAST,
      '--output',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(run);
    expect(host).toMatchObject({
      provider: 'digitalocean',
      name: 'web-1',
      owner: 'ci',
      status: 'active',
      tags: { team: 'edge' },
      firewalled: true,
    });
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(host.ref).toBe(`digitalocean:${host.id}`);
    // The user-data reached the cloud intact, and only there.
    expect(
      cli
        .fake()
        .droplets()
        .find((droplet) => droplet.name === 'web-1')?.userData,
    ).toBe(cli.userData);
    // Progress went to stderr as plain lines (not a terminal), ending active.
    expect(run.stderr).toMatch(/web-1 \(digitalocean:.+\): provisioning/);
    expect(run.stderr).toMatch(/web-1 is active at /);
    ref = host.ref;
  });

  it('create again with the same owner and name returns the same host', async () => {
    const run = await cli.run([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'web-1',
      '--owner',
      'ci',
      '--output',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<{ host: HostJson }>(run).host.ref).toBe(ref);
  });

  it('status takes the printed <provider>:<id>, and the bare id with --provider', async () => {
    const printed = await cli.run(['status', ref, '--output', 'json']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(parseJson<{ host: HostJson }>(printed).host).toMatchObject({ ref, status: 'active' });

    const bare = await cli.run(['status', ref.slice('digitalocean:'.length), '--provider', 'digitalocean']);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain(ref);
    expect(bare.stdout).toMatch(/status\s+active/);
  });

  it('list finds it, by owner and tag too', async () => {
    const all = parseJson<{ hosts: HostJson[] }>(await cli.run(['list', '--output', 'json']));
    expect(all.hosts.map((host) => host.ref)).toEqual([ref]);

    const filtered = await cli.run(['list', '--owner', 'ci', '--tag', 'team=edge', '--output', 'json']);
    expect(parseJson<{ hosts: HostJson[] }>(filtered).hosts.map((host) => host.ref)).toEqual([ref]);

    const other = await cli.run(['list', '--owner', 'someone-else', '--output', 'json']);
    expect(parseJson<{ hosts: HostJson[] }>(other).hosts).toEqual([]);

    const table = await cli.run(['list']);
    expect(table.stdout).toMatch(/^REF\s+NAME\s+OWNER\s+STATUS/);
    expect(table.stdout).toContain('web-1');
  });

  it('stop --wait and start --wait move it through the power states', async () => {
    await cli.stopAndStart(ref);
  });

  it('delete without --wait makes one call and reports what remains', async () => {
    const run = await cli.run(['delete', ref, '--output', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const result = parseJson<{ deletion: { done: boolean; remaining: string[]; calls: number } }>(
      run,
    ).deletion;
    expect(result.calls).toBe(1);
    expect(result.done).toBe(false);
    expect(result.remaining.length).toBeGreaterThan(0);
  });

  it('delete --wait repeats the converging delete until nothing remains; list is then empty', async () => {
    await cli.deleteToDone({ ref });

    const list = await cli.run(['list', '--output', 'json']);
    expect(parseJson<{ hosts: HostJson[] }>(list).hosts).toEqual([]);
  });

  it('status of the deleted host fails with exit code 1 and a JSON error document', async () => {
    const run = await cli.run(['status', ref, '--output', 'json']);
    expect(run.code).toBe(1);
    expect(parseJson(run)).toMatchObject({ error: { code: 'host_not_found', exitCode: 1 } });
    expect(run.stderr).toMatch(/^error: Host .+ was not found/m);
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stderr).not.toContain('    at ');
  });

  it('reads user-data from standard input with --user-data -', async () => {
    const run = await cli.run(
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'from-stdin',
        '--user-data',
        '-',
        '--output',
        'json',
      ],
      { input: cli.userData },
    );
    expect(run.code, run.stderr).toBe(0);
    const { host } = parseJson<{ host: HostJson }>(run);
    expect(
      cli
        .fake()
        .droplets()
        .find((droplet) => droplet.name === 'from-stdin')?.userData,
    ).toBe(cli.userData);
    expect(host.status).toBe('provisioning');
  });

  it('delete --ip finds the host by its address and deletes it to done', async () => {
    const byName = await cli.run(['status', 'from-stdin', '--provider', 'digitalocean']);
    // A name is not an id: the provider refuses it before any request.
    expect(byName.code).toBe(2);

    const listed = parseJson<{ hosts: HostJson[] }>(await cli.run(['list', '--output', 'json']));
    const host = listed.hosts.find((item) => item.name === 'from-stdin');
    const active = await cli.run(['status', host?.ref ?? '', '--wait', ...FAST, '--output', 'json']);
    const ipv4 = parseJson<{ host: HostJson }>(active).host.ipv4 as string;
    expect(ipv4).toBeDefined();

    const run = await cli.run([
      'delete',
      '--ip',
      ipv4,
      '--provider',
      'digitalocean',
      '--wait',
      ...FAST,
      '--output',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run)).toMatchObject({ deletion: { ref: host?.ref, done: true, ip: ipv4 } });
    expect(cli.fake().leftovers()).toEqual([]);

    const withoutProvider = await cli.run(['delete', '--ip', ipv4]);
    expect(withoutProvider.code).toBe(2);
    expect(withoutProvider.stderr).toContain('--ip needs --provider');
  });
});

describe('--emulator', () => {
  it('runs a command against an in-process emulator with no credentials in the environment', async () => {
    const run = await cli.run(
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'local',
        '--wait',
        ...FAST,
        '--emulator',
        '--output',
        'json',
      ],
      { env: {} },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<{ host: HostJson }>(run).host).toMatchObject({ name: 'local', status: 'active' });
    expect(run.stderr).toContain('in-process emulator');
  });

  it('says in --help that its hosts vanish with the command', async () => {
    const run = await runCli(['create', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('its hosts vanish when the command exits');
  });
});
