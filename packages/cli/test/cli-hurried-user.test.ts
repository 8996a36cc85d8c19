import { spawn } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { BIN, interruptCli, PACKAGE_DIR, parseJson, runCli } from './run-cli.js';

let emulator: RunningEmulator;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'provision-hurried-'));

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator?.close();
});

interface PlanJson {
  provider: string;
  id: string;
  cpus: number;
  price: {
    monthly: number | null;
    hourly: number | null;
    currency: string | null;
    source: string;
    checkedAt: string | null;
    reason: string | null;
  };
}

describe('near misses and fixtures', () => {
  it('suggests the provider meant by a near miss', async () => {
    for (const [typed, meant] of [
      ['DigitalOcean', 'digitalocean'],
      ['digitalocen', 'digitalocean'],
      ['AWS', 'aws'],
    ]) {
      const run = await runCli(['create', '--provider', typed as string, '--name', 'web', '--dry-run']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Provider "${typed}" is not installed`);
      expect(run.stderr).toMatch(new RegExp(`^hint: Did you mean --provider ${meant}\\?`, 'm'));
    }
  });

  it('warns about a plan that is not in the catalog, with the one probably meant', async () => {
    const run = await runCli([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'web',
      '--plan',
      's-1vcpu-1gbb',
      '--dry-run',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: plan "s-1vcpu-1gbb" is not in DigitalOcean's catalog .*did you mean --plan s-1vcpu-1gb\?/m,
    );
  });

  it('fails on a bad spec first: no catalog warning before the error', async () => {
    const run = await runCli(
      ['create', '--provider', 'digitalocean', '--name', 'Not_A_Name', '--plan', 's-1vcpu-1gbb'],
      { env: {} },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*Not_A_Name/m);
    expect(run.stderr).not.toContain('warning:');
    expect(run.stderr).not.toContain('catalog');
  });

  it("refuses --port and --all-ports on a provider with no per-host firewall, in the CLI's words", async () => {
    for (const [provider, displayName, flags] of [
      ['ovh', 'OVHcloud Public Cloud', ['--port', '80']],
      ['equinix-metal', 'Equinix Metal', ['--all-ports']],
      ['ovh', 'OVHcloud Public Cloud', ['--port', '443', '--dry-run']],
    ] as const) {
      const run = await runCli(['create', '--provider', provider, '--name', 'web', ...flags], { env: {} });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        `error: ${flags[0]} needs a per-host firewall, and ${displayName} has none for its hosts.`,
      );
      expect(run.stderr).toMatch(/^hint: Leave out --port and --all-ports/m);
      expect(run.stderr).not.toContain('inbound');
      expect(run.stdout).toBe('');
    }
  });

  it('keeps the example fixture provider out of providers, plans and regions unless asked', async () => {
    for (const args of [['providers'], ['plans'], ['regions']]) {
      const run = await runCli([...args, '--output', 'json'], { env: {} });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain('"acme"');
      const shown = await runCli([...args, '--output', 'json'], { env: { PROVISION_SHOW_FIXTURES: '1' } });
      expect(shown.stdout).toContain('"acme"');
    }
  });

  it('lists plans in different currencies apart, cheapest first within each, never mixed', async () => {
    const run = await runCli(['plans', '--output', 'json'], { env: { PROVISION_SHOW_FIXTURES: '1' } });
    const { plans, currencies } = parseJson<{ plans: PlanJson[]; currencies: string[] }>(run);
    expect(currencies).toEqual(['EUR', 'USD']);
    const priced = plans.filter((plan) => plan.price.currency !== null);
    const order = priced.map((plan) => plan.price.currency);
    expect(order).toEqual([...order].sort());
    for (const currency of currencies) {
      const prices = plans
        .filter((plan) => plan.price.currency === currency)
        .map((plan) => plan.price.monthly ?? Number.NaN);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
    const table = await runCli(['plans'], { env: { PROVISION_SHOW_FIXTURES: '1' } });
    expect(table.stdout).toMatch(/^Prices in EUR:\n[\s\S]+\n\nPrices in USD:\n[\s\S]+\n\nPrice unknown:\n/);
    expect(table.stderr).toContain('not converted');
  });

  it('lists plans of unknown price (OpenStack) after every priced one, as "price unknown", never as 0', async () => {
    const run = await runCli(['plans', '--output', 'json'], { env: {} });
    expect(run.code, run.stderr).toBe(0);
    const { plans } = parseJson<{ plans: PlanJson[] }>(run);
    const firstUnknown = plans.findIndex((plan) => plan.price.source === 'unknown');
    expect(firstUnknown).toBeGreaterThan(0);
    expect(plans.slice(firstUnknown).every((plan) => plan.provider === 'openstack')).toBe(true);
    expect(plans.slice(0, firstUnknown).some((plan) => plan.provider === 'openstack')).toBe(false);
    expect(plans[firstUnknown]?.price).toEqual({
      monthly: null,
      hourly: null,
      currency: null,
      source: 'unknown',
      checkedAt: null,
      reason: expect.stringContaining('OpenStack has no price API'),
    });
    // Among themselves, smallest first: the order OpenStack's `smallest` picks in.
    const sizes = plans.slice(firstUnknown).map((plan) => plan.cpus);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(run.stderr).toMatch(/^note: openstack plans have no known price \(OpenStack has no price API/m);

    const table = await runCli(['plans', '--provider', 'openstack'], { env: {} });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^openstack +m1\.small +1 +2 GiB +20 GB +price unknown/m);
    expect(table.stdout).not.toMatch(/XXX|0\.00/);
  });

  it('--max-price keeps to priced plans at most that much, and says it left out those of unknown price', async () => {
    const run = await runCli(['plans', '--max-price', '6', '--output', 'json'], { env: {} });
    expect(run.code, run.stderr).toBe(0);
    const { plans } = parseJson<{ plans: PlanJson[] }>(run);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.price.source).not.toBe('unknown');
      expect(plan.price.monthly).toBeLessThanOrEqual(6);
    }
    expect(plans.map((plan) => plan.id)).toContain('s-1vcpu-512mb-10gb');
    expect(run.stderr).toMatch(/^note: --max-price leaves out the openstack plans of unknown price/m);
    const only = await runCli(['plans', '--provider', 'openstack', '--max-price', '1000000'], { env: {} });
    expect(only.code, only.stderr).toBe(0);
    expect(only.stdout).toBe('No plans match.\n');
    for (const bad of ['-1', 'five', '5USD', '']) {
      const refused = await runCli(['plans', '--max-price', bad], { env: {} });
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain('is not an amount of money');
    }
  });
});

describe('bad input is refused before any request', () => {
  it('plans --region of no provider is a usage error, and a region narrows the providers', async () => {
    // OpenStack's regions are each cloud's own names (its catalog lists none), so any region may
    // be one of them: the region checks ask the providers that list theirs.
    const listing = ['--provider', 'digitalocean'];
    const unknown = await runCli(['plans', '--region', 'mars-1', ...listing]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Unknown DigitalOcean region "mars-1"\./m);
    const near = await runCli(['plans', '--region', 'nyc-1', ...listing]);
    expect(near.stderr).toMatch(/^hint: Did you mean --region nyc1\?/m);
    const nyc = parseJson<{ plans: PlanJson[] }>(
      await runCli(['plans', '--region', 'nyc1', '--output', 'json']),
    );
    expect(nyc.plans.length).toBeGreaterThan(0);
    expect(new Set(nyc.plans.map((plan) => plan.provider))).toEqual(new Set(['digitalocean', 'openstack']));
  });

  it('refuses an oversized --user-data from its size, without reading it (48 MB of heap for 200 MB)', async () => {
    const huge = join(folder, 'huge.sh');
    writeFileSync(huge, '#!/bin/sh\n');
    truncateSync(huge, 200 * 1024 * 1024);
    const run = await runCli(['create', '--provider', 'digitalocean', '--name', 'big', '--user-data', huge], {
      env,
      nodeArgs: ['--max-old-space-size=48'],
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /^error: The user-data file ".+" is 209715200 bytes; DigitalOcean accepts at most 65536 bytes\./m,
    );
    const piped = await runCli(['create', '--provider', 'aws', '--name', 'big', '--user-data', '-'], {
      env,
      input: 'x'.repeat(17 * 1024),
    });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('The user-data on standard input is over 16384 bytes');
  });

  it('--dry-run shows the region’s price or says why it cannot, and a real image name', async () => {
    const dry = async (...args: string[]) => {
      const run = await runCli(['create', '--name', 'dry', '--dry-run', '--output', 'json', ...args]);
      expect(run.code, run.stderr).toBe(0);
      return parseJson<{ host: { price: unknown; priceNote: string | null; image: string } }>(run).host;
    };
    const notSold = await dry(
      '--provider',
      'digitalocean',
      '--region',
      'lon1',
      '--plan',
      's-1vcpu-512mb-10gb',
    );
    expect(notSold.price).toBeNull();
    expect(notSold.priceNote).toContain('not sold in lon1');
    const elsewhere = await dry('--provider', 'aws', '--region', 'eu-west-1');
    expect(elsewhere.price).toBeNull();
    expect(elsewhere.priceNote).toMatch(/prices for us-east-1 only .*eu-west-1 costs differ/);
    const home = await dry('--provider', 'aws');
    expect(home.price).toMatchObject({ currency: 'USD', source: 'catalog' });
    expect(home.image).not.toContain('{');
    expect(home.image).toContain('-arm64-');
    expect((await dry('--provider', 'aws', '--plan', 't3.micro')).image).toContain('-amd64-');
    const unpriced = await dry('--provider', 'openstack');
    expect(unpriced.price).toMatchObject({ monthly: null, currency: null, source: 'unknown' });
    expect(unpriced.priceNote).toContain('OpenStack has no price API');
    const unpricedTable = await runCli(['create', '--provider', 'openstack', '--name', 'dry', '--dry-run']);
    expect(unpricedTable.stdout).toMatch(/^price\s+unknown: OpenStack has no price API/m);
    expect(unpricedTable.stderr).toMatch(/^note: no price: OpenStack has no price API/m);
    const table = await runCli([
      'create',
      '--provider',
      'aws',
      '--name',
      'dry',
      '--region',
      'eu-west-1',
      '--dry-run',
    ]);
    expect(table.stdout).toMatch(/^price\s+unknown: .*us-east-1 only/m);
  });
});

describe('what a command shows while it works', () => {
  it('create shows progress during the create calls, and status says whether a firewall guards it', async () => {
    const run = await runCli(['create', '--provider', 'digitalocean', '--name', 'shown', '--port', '22'], {
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^shown \(digitalocean\): creating/m);
    expect(run.stdout).toMatch(/^firewalled\s+yes/m);
    const open = await runCli(['create', '--provider', 'digitalocean', '--name', 'open'], { env });
    expect(open.stdout).toMatch(/^firewalled\s+no \(cloud default networking\)/m);
  });

  it('stop --wait shows only real transitions: stopping, then stopped', async () => {
    const created = await runCli(
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'power',
        '--wait',
        '--interval',
        '50ms',
        '--output',
        'json',
      ],
      { env },
    );
    const { ref } = parseJson<{ host: { ref: string } }>(created).host;
    const stop = await runCli(['stop', ref, '--wait', '--interval', '50ms'], { env });
    expect(stop.code, stop.stderr).toBe(0);
    const states = [...stop.stderr.matchAll(/\): (\w+) \(/g)].map((match) => match[1]);
    expect(states).toEqual(['stopping', 'stopped']);
    const start = await runCli(['start', ref, '--wait', '--interval', '50ms'], { env });
    expect([...start.stderr.matchAll(/\): (\w+) \(/g)].map((match) => match[1])).toEqual([
      'starting',
      'active',
    ]);
  });
});

describe('Ctrl-C during status --wait', () => {
  it('names the host and what was awaited, undoes nothing, and says how to keep waiting', async () => {
    const own = await startTestEmulator();
    try {
      const created = await runCli(
        ['create', '--provider', 'digitalocean', '--name', 'waited', '--output', 'json'],
        { env: own.env },
      );
      expect(created.code, created.stderr).toBe(0);
      const { ref } = parseJson<{ host: { ref: string } }>(created).host;
      // An interval longer than the test's timeout (see interruptCli).
      const { code, stderr } = await interruptCli(
        ['status', ref, '--wait', '--interval', '10m'],
        own.env,
        'provisioning',
      );
      expect(code).toBe(130);
      expect(stderr).toContain(`error: Interrupted while waiting for waited (${ref}) to become active.`);
      expect(stderr).toContain(
        `hint: Nothing was undone: ${ref} is still there (provisioning when last seen). \`provision status ${ref} --wait --until active\` keeps waiting.`,
      );
      const after = await runCli(['status', ref, '--output', 'json'], { env: own.env });
      expect(after.code, after.stderr).toBe(0);
    } finally {
      await own.emulator.close();
    }
  });
});

describe('Ctrl-C during the create calls', () => {
  it('says whether the host exists and that repeating the create is safe', async () => {
    const own = await startTestEmulator();
    try {
      const child = spawn(
        process.execPath,
        [BIN, 'create', '--provider', 'digitalocean', '--name', 'cut', '--port', '80'],
        {
          cwd: PACKAGE_DIR,
          env: { PATH: process.env.PATH ?? '', ...own.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      // Ctrl-C lands inside the create calls: once the droplet's create reaches the fake, and it is
      // held there until the CLI has exited (then the fake applies it, as a cloud would).
      const heldCreate = holdFirstDropletCreate(own.emulator, () => child.kill('SIGINT'), exited);
      expect(await exited).toBe(130);
      expect(stderr).toMatch(/^error: Interrupted while creating cut on digitalocean\.$/m);
      // The create was still held when the CLI looked: nothing of the name existed yet.
      expect(stderr).toMatch(
        /^hint: Nothing was undone, and the host may exist, partly set up\. No host named cut exists yet \(checked just now\)/m,
      );
      expect(stderr).toContain('Repeating the same `provision create` is safe');
      await heldCreate;
      // And it is: the same create now ends with one host, firewalled as asked.
      const again = await runCli(
        ['create', '--provider', 'digitalocean', '--name', 'cut', '--port', '80', '--output', 'json'],
        { env: own.env },
      );
      expect(again.code, again.stderr).toBe(0);
      const listed = parseJson<{ hosts: Array<{ name: string }> }>(
        await runCli(['list', '--provider', 'digitalocean', '--output', 'json'], { env: own.env }),
      );
      expect(listed.hosts.filter((host) => host.name === 'cut')).toHaveLength(1);
    } finally {
      await own.emulator.close();
    }
  });
});

/**
 * Holds the first droplet create that reaches `emulator`'s DigitalOcean fake: calls `onArrival`,
 * waits for `until`, then lets the fake apply it. Resolves once the fake has answered it.
 */
function holdFirstDropletCreate(
  emulator: RunningEmulator,
  onArrival: () => void,
  until: Promise<unknown>,
): Promise<void> {
  const fake = emulator.fake('digitalocean');
  if (fake === undefined) throw new Error('the emulator serves no DigitalOcean fake');
  const handle = fake.handle.bind(fake);
  return new Promise((resolve, reject) => {
    let held = false;
    fake.handle = async (request, options) => {
      const isCreate = request.method === 'POST' && new URL(request.url).pathname.endsWith('/v2/droplets');
      if (held || !isCreate) return handle(request, options);
      held = true;
      onArrival();
      await until;
      const answer = handle(request, options);
      answer.then(() => resolve(), reject);
      return answer;
    };
  });
}
