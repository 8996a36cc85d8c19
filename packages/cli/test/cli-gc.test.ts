import type { RunningEmulator } from '@provision/emulator';
import type { DigitalOceanFake } from '@provision/provider-digitalocean/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `ORPHAN_MIN_AGE_MS` of @provision/provider-utils: how old a firewall must be to be an orphan.
const ORPHAN_MIN_AGE_MS = 10 * 60_000;

import { FAKE_TOKEN, startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

interface GcJson {
  dryRun: boolean;
  hosts: Array<{ action: string; ref: string; name: string }>;
  orphans: Array<{ action: string; kind: string; id: string; owner?: string }>;
  failures: unknown[];
}

let emulator: RunningEmulator;
let env: Record<string, string>;
const requestLog: string[] = [];

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator({ log: (line) => requestLog.push(line) }));
});

afterAll(async () => {
  await emulator?.close();
  expect(recordedOutputs.join('\n')).not.toContain(FAKE_TOKEN);
});

async function create(name: string, ttl: string | undefined, owner?: string): Promise<string> {
  const run = await runCli(
    [
      'create',
      '--provider',
      'digitalocean',
      '--name',
      name,
      ...(ttl === undefined ? [] : ['--ttl', ttl]),
      ...(owner === undefined ? [] : ['--owner', owner]),
      '--port',
      '22',
      '--output',
      'json',
    ],
    { env },
  );
  expect(run.code, run.stderr).toBe(0);
  return parseJson<{ host: { ref: string } }>(run).host.ref;
}

async function listedRefs(owner?: string): Promise<string[]> {
  const run = await runCli(['list', ...(owner === undefined ? [] : ['--owner', owner]), '--output', 'json'], {
    env,
  });
  return parseJson<{ hosts: Array<{ ref: string }> }>(run).hosts.map((host) => host.ref);
}

describe('gc', () => {
  it('deletes hosts whose --ttl has passed, to done, and leaves the others; --dry-run deletes nothing', async () => {
    const expiring = await create('short-lived', '1m');
    const lasting = await create('long-lived', '1h');
    // A minute passes without waiting for it: the expiry tag is moved a minute into the past in
    // the cloud (the CLI runs in another process, where no fake clock reaches).
    const fake = emulator.fake('digitalocean') as DigitalOceanFake;
    const dropletId = expiring.replace(/^digitalocean:/, '').split('/')[0];
    const droplet = fake.droplets().find((item) => item.id === dropletId);
    const tags = droplet?.tags ?? [];
    const expiry = tags.find((tag) => tag.startsWith('provision-expires:'));
    expect(Number(expiry?.split(':')[1]) * 1000).toBeGreaterThan(Date.now());
    const past = Math.floor(Date.now() / 1000) - 60;
    fake.setDropletTags(
      droplet?.id ?? '',
      tags.map((tag) => (tag === expiry ? `provision-expires:${past}` : tag)),
    );

    const dryRun = await runCli(['gc', '--dry-run', '--output', 'json'], { env });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(parseJson<GcJson>(dryRun)).toMatchObject({
      dryRun: true,
      hosts: [{ action: 'would delete', ref: expiring, name: 'short-lived' }],
      failures: [],
    });
    expect((await listedRefs()).sort()).toEqual([expiring, lasting].sort());

    const run = await runCli(['gc', '--interval', '50ms', '--output', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<GcJson>(run)).toMatchObject({
      dryRun: false,
      hosts: [{ action: 'deleted', ref: expiring }],
      failures: [],
    });
    expect(run.stderr).toContain(`deleted ${expiring}`);
    expect(await listedRefs()).toEqual([lasting]);
    // Deleted to done: the expired host's firewall went with it; only the lasting host's remain.
    const leftovers = emulator.fake('digitalocean')?.leftovers() ?? [];
    expect(leftovers.length).toBeGreaterThan(0);
    expect(JSON.stringify(leftovers)).not.toContain(expiring.split('/')[1]);
  });

  it('finds and deletes a firewall whose droplet was destroyed behind its back', async () => {
    const run = await runCli(
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'lost',
        '--owner',
        'orphans',
        '--port',
        '22',
        '--output',
        'json',
      ],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    const [dropletId, firewallId] = parseJson<{ host: { id: string } }>(run).host.id.split('/');
    // Straight to the cloud's API, as someone using the console would.
    const headers = { authorization: `Bearer ${FAKE_TOKEN}` };
    const api = env.DIGITALOCEAN_API_URL;
    expect((await fetch(`${api}/v2/droplets/${dropletId}`, { method: 'DELETE', headers })).status).toBe(204);
    for (let read = 0; read < 5; read++) {
      if ((await fetch(`${api}/v2/droplets/${dropletId}`, { headers })).status === 404) break;
    }

    // Made moments ago (as a provision's firewall is, just before its droplet): gc leaves it.
    const young = await runCli(['gc', '--owner', 'orphans', '--output', 'json'], { env });
    expect(young.code, young.stderr).toBe(0);
    expect(parseJson<GcJson>(young).orphans).toEqual([]);
    expect(JSON.stringify(emulator.fake('digitalocean')?.leftovers())).toContain(firewallId);
    // Ten minutes later (the fake's stored `created_at` moved back), it is an orphan.
    (emulator.fake('digitalocean') as DigitalOceanFake).ageFirewalls(ORPHAN_MIN_AGE_MS);

    const dryRun = parseJson<GcJson>(
      await runCli(['gc', '--owner', 'orphans', '--dry-run', '--output', 'json'], { env }),
    );
    expect(dryRun.orphans).toEqual([
      expect.objectContaining({ action: 'would delete', kind: 'firewall', id: firewallId, owner: 'orphans' }),
    ]);
    expect(JSON.stringify(emulator.fake('digitalocean')?.leftovers())).toContain(firewallId);

    const collected = await runCli(['gc', '--owner', 'orphans', '--interval', '50ms', '--output', 'json'], {
      env,
    });
    expect(collected.code, collected.stderr).toBe(0);
    expect(parseJson<GcJson>(collected).orphans).toEqual([
      expect.objectContaining({ action: 'deleted', kind: 'firewall', id: firewallId }),
    ]);
    expect(JSON.stringify(emulator.fake('digitalocean')?.leftovers())).not.toContain(firewallId);
  });

  it('with --owner and --all tears down every host of that owner, expired or not, and nothing of another', async () => {
    const lasting = await create('web', '1h', 'teardown');
    const forever = await create('db', undefined, 'teardown');
    const other = await create('web', undefined, 'neighbour');

    const dryRun = await runCli(['gc', '--owner', 'teardown', '--all', '--dry-run', '--output', 'json'], {
      env,
    });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(
      parseJson<GcJson>(dryRun)
        .hosts.map((host) => `${host.action} ${host.ref}`)
        .sort(),
    ).toEqual([`would delete ${lasting}`, `would delete ${forever}`].sort());
    expect((await listedRefs('teardown')).sort()).toEqual([lasting, forever].sort());

    const run = await runCli(
      ['gc', '--owner', 'teardown', '--all', '--interval', '50ms', '--output', 'json'],
      {
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(
      parseJson<GcJson>(run)
        .hosts.map((host) => `${host.action} ${host.ref}`)
        .sort(),
    ).toEqual([`deleted ${lasting}`, `deleted ${forever}`].sort());
    expect(run.stderr).toContain(`deleted ${forever} (teardown/db)`);
    expect(await listedRefs('teardown')).toEqual([]);
    expect(await listedRefs('neighbour')).toEqual([other]);
    // Deleted to done: no firewall of the owner's hosts is left, the neighbour's is.
    const leftovers = JSON.stringify(emulator.fake('digitalocean')?.leftovers() ?? []);
    for (const ref of [lasting, forever]) expect(leftovers).not.toContain(ref.split('/')[1]);
    expect(leftovers).toContain(other.split('/')[1]);
  });

  it('refuses --all without --owner before any request', async () => {
    const before = requestLog.length;
    const run = await runCli(['gc', '--all'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--all deletes every host of one owner');
    expect(run.stderr).toContain('provision gc --owner <namespace> --all');
    expect(requestLog.length).toBe(before);
  });

  it('prints a table for people', async () => {
    const run = await runCli(['gc', '--dry-run'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Nothing to collect/);
  });
});
