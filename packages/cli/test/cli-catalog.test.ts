import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

interface PlanJson {
  provider: string;
  id: string;
  cpus: number;
  memoryMiB: number;
  price: { monthly: number; currency: string; source: string };
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

function expectSortedByPrice(plans: readonly PlanJson[]): void {
  const prices = plans.map((plan) => plan.price.monthly);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
}

describe('providers', () => {
  it('lists digitalocean with its package, version, variables (set or not) and defaults, as JSON', async () => {
    const run = await runCli(['providers', '--output', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const { providers, conflicts, failures } = parseJson<{
      providers: Array<Record<string, unknown>>;
      conflicts: unknown[];
      failures: unknown[];
    }>(run);
    const digitalocean = providers.find((provider) => provider.id === 'digitalocean');
    expect(digitalocean).toMatchObject({
      displayName: 'DigitalOcean',
      package: '@provision/provider-digitalocean',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      credentialsSet: true,
      env: {
        required: [
          { name: 'DIGITALOCEAN_TOKEN', set: true },
          { name: 'DIGITALOCEAN_ACCESS_TOKEN', set: false },
        ],
        optional: [{ name: 'DIGITALOCEAN_API_URL', set: true }],
      },
      capabilities: expect.arrayContaining(['list', 'start', 'stop', 'reboot', 'plans', 'regions']),
      defaults: { region: 'nyc1', plan: 's-1vcpu-512mb-10gb', price: { monthly: 4, currency: 'USD' } },
    });
    expect(digitalocean?.directory).toEqual(expect.stringContaining('provider-digitalocean'));
    expect(conflicts).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('says which variables are not set, without any credential', async () => {
    const run = await runCli(['providers'], { env: {} });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('DIGITALOCEAN_TOKEN (not set)');
    expect(run.stdout).toContain('@provision/provider-digitalocean@');
  });
});

describe('plans and regions from the catalogs', () => {
  it('plans --output json lists plans sorted by monthly price, with currency, sending nothing', async () => {
    const before = requestLog.length;
    const run = await runCli(['plans', '--provider', 'digitalocean', '--output', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const { source, plans, catalogs } = parseJson<{ source: string; plans: PlanJson[]; catalogs: unknown[] }>(
      run,
    );
    expect(source).toBe('catalog');
    expect(plans.length).toBeGreaterThan(3);
    expectSortedByPrice(plans);
    expect(plans[0]).toMatchObject({
      id: 's-1vcpu-512mb-10gb',
      price: { currency: 'USD', source: 'catalog' },
    });
    expect(catalogs).toEqual([
      { provider: 'digitalocean', checkedAt: expect.any(String), currency: 'USD', pricedRegions: null },
    ]);
    expect(requestLog.length).toBe(before);
  });

  it('filters by vCPUs, memory and region, with no credentials at all', async () => {
    const run = await runCli(['plans', '--min-cpus', '2', '--min-memory', '4GiB', '--output', 'json'], {
      env: {},
    });
    expect(run.code, run.stderr).toBe(0);
    const { plans } = parseJson<{ plans: PlanJson[] }>(run);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.cpus).toBeGreaterThanOrEqual(2);
      expect(plan.memoryMiB).toBeGreaterThanOrEqual(4096);
    }
    const regional = parseJson<{ plans: PlanJson[] }>(
      await runCli(['plans', '--provider', 'digitalocean', '--region', 'lon1', '--output', 'json'], {
        env: {},
      }),
    );
    // The $4 size is not sold in lon1.
    expect(regional.plans.map((plan) => plan.id)).not.toContain('s-1vcpu-512mb-10gb');
  });

  it('an unknown region is a usage error naming the known ones', async () => {
    const run = await runCli(['plans', '--provider', 'digitalocean', '--region', 'mars1'], { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown DigitalOcean region "mars1"');
    expect(run.stderr).toMatch(/^hint: Known regions: .*nyc1/m);
  });

  it('plans --live asks the cloud (the emulator) and still sorts by price', async () => {
    const before = requestLog.length;
    const run = await runCli(['plans', '--provider', 'digitalocean', '--live', '--output', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const { source, plans } = parseJson<{ source: string; plans: PlanJson[] }>(run);
    expect(source).toBe('live');
    expect(plans.every((plan) => plan.price.source === 'live')).toBe(true);
    expectSortedByPrice(plans);
    expect(requestLog.slice(before).some((line) => line.includes('/v2/sizes'))).toBe(true);
  });

  it('regions lists the catalog, and --live the cloud', async () => {
    const catalog = await runCli(['regions', '--provider', 'digitalocean', '--output', 'json'], { env: {} });
    expect(catalog.code, catalog.stderr).toBe(0);
    const { regions } = parseJson<{ regions: Array<{ provider: string; id: string; available: boolean }> }>(
      catalog,
    );
    expect(regions).toContainEqual({
      provider: 'digitalocean',
      id: 'nyc1',
      name: 'New York 1',
      available: true,
    });

    const live = await runCli(['regions', '--provider', 'digitalocean', '--live', '--output', 'json'], {
      env,
    });
    expect(live.code, live.stderr).toBe(0);
    expect(parseJson<{ source: string; regions: unknown[] }>(live)).toMatchObject({
      source: 'live',
      regions: expect.arrayContaining([expect.objectContaining({ provider: 'digitalocean', id: 'nyc1' })]),
    });

    const table = await runCli(['regions'], { env: {} });
    expect(table.stdout).toMatch(/^PROVIDER\s+REGION\s+NAME\s+AVAILABLE/);
  });

  it('regions of a cloud that names its own (OpenStack) says so and points to --live, which lists them', async () => {
    const hint = 'provision regions --live --provider openstack';
    const catalog = await runCli(['regions', '--provider', 'openstack'], { env: {} });
    expect(catalog.code, catalog.stderr).toBe(0);
    expect(catalog.stdout.trim()).toBe('No regions.');
    expect(catalog.stderr).toContain(
      `openstack: its catalog lists no regions (the cloud names its own); ask it: ${hint}`,
    );
    // Every provider's listing says it too, and only for the ones without regions.
    const all = await runCli(['regions', '--output', 'json'], { env: {} });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toContain(hint);
    expect(all.stderr).not.toContain('--provider digitalocean');

    const live = await runCli(['regions', '--provider', 'openstack', '--live', '--output', 'json'], { env });
    expect(live.code, live.stderr).toBe(0);
    const { regions } = parseJson<{ regions: Array<{ provider: string }> }>(live);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((region) => region.provider === 'openstack')).toBe(true);
    expect(live.stderr).not.toContain(hint);
  });
});

describe('create --dry-run', () => {
  it('prints the fully resolved host and its catalog price, and sends no request', async () => {
    // A fresh emulator whose request log sees every request that reaches it.
    const lines: string[] = [];
    const fresh = await startTestEmulator({ log: (line) => lines.push(line) });
    try {
      const run = await runCli(
        [
          'create',
          '--provider',
          'digitalocean',
          '--name',
          'dry',
          '--port',
          '443',
          '--ttl',
          '2h',
          '--dry-run',
          '--output',
          'json',
        ],
        { env: fresh.env },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(parseJson(run)).toMatchObject({
        dryRun: true,
        host: {
          provider: 'digitalocean',
          name: 'dry',
          owner: 'default',
          region: 'nyc1',
          plan: 's-1vcpu-512mb-10gb',
          os: 'ubuntu-26.04',
          image: expect.any(String),
          inbound: [{ from: 443, to: 443, protocol: 'tcp' }],
          ttlMs: 7_200_000,
          price: { monthly: 4, currency: 'USD', source: 'catalog' },
        },
      });
      expect(lines).toEqual([]);

      // The same command without --dry-run does reach it: the log above could have seen requests.
      const real = await runCli(['create', '--provider', 'digitalocean', '--name', 'dry'], {
        env: fresh.env,
      });
      expect(real.code, real.stderr).toBe(0);
      expect(lines.length).toBeGreaterThan(0);
    } finally {
      await fresh.emulator.close();
    }
  });

  it('rejects what the provider would reject, before any request (exit code 2)', async () => {
    const run = await runCli(['create', '--provider', 'digitalocean', '--name', 'Bad_Name', '--dry-run'], {
      env: {},
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: name "Bad_Name" is not allowed/m);
  });
});
