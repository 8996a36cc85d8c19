import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, runCli } from './run-cli.js';

// The JSON documents are an interface: scripts read them. Each command's keys are pinned here and
// documented in the README ("JSON output"); a field that is not known is `null`, never absent.
const HOST = [
  'ref',
  'id',
  'provider',
  'name',
  'owner',
  'status',
  'nativeStatus',
  'ipv4',
  'ipv6',
  'region',
  'plan',
  'tags',
  'createdAt',
  'expiresAt',
  'price',
  'firewalled',
  'inbound',
  'error',
];

let emulator: RunningEmulator;
let env: Record<string, string>;
let ref: string;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator?.close();
});

async function json(args: string[], code = 0): Promise<Record<string, unknown>> {
  const run = await runCli([...args, '--output', 'json'], { env });
  expect(run.code, run.stderr).toBe(code);
  return parseJson(run);
}

const keys = (value: unknown) => Object.keys(value as object);

describe('JSON output shapes, one per command', () => {
  it('create', async () => {
    const document = await json(['create', '--provider', 'digitalocean', '--name', 'shape', '--ttl', '1h']);
    expect(keys(document)).toEqual(['host', 'specMismatch']);
    expect(keys(document.host)).toEqual(HOST);
    expect(document.specMismatch).toEqual([]);
    const host = document.host as Record<string, unknown>;
    // Not known yet: null, not absent.
    expect(host.ipv4).toBeNull();
    expect(host.error).toBeNull();
    ref = host.ref as string;
  });

  it('create --dry-run', async () => {
    const document = await json(['create', '--provider', 'aws', '--name', 'shape', '--dry-run']);
    expect(keys(document)).toEqual(['dryRun', 'host']);
    expect(keys(document.host)).toEqual([
      'provider',
      'name',
      'owner',
      'region',
      'plan',
      'os',
      'image',
      'tags',
      'inbound',
      'options',
      'userDataBytes',
      'ttlMs',
      'expiresAt',
      'price',
      'priceNote',
      'catalogCheckedAt',
    ]);
  });

  it('status, and start, stop and reboot alike', async () => {
    for (const args of [
      ['status', ref, '--wait', '--interval', '50ms'],
      ['reboot', ref],
    ]) {
      const document = await json(args);
      expect(keys(document)).toEqual(['host']);
      expect(keys(document.host)).toEqual(HOST);
    }
  });

  it('status --ports', async () => {
    const document = await json(['status', ref, '--ports']);
    expect(keys(document)).toEqual(['host', 'ports']);
    expect(keys(document.host)).toEqual(HOST);
    // Created without ports: no per-host firewall, and every field still present.
    expect(document.ports).toEqual({ firewall: false, allows: null, otherProtocols: [] });
  });

  it('list', async () => {
    const document = await json(['list']);
    expect(keys(document)).toEqual(['hosts', 'skipped', 'failures']);
    expect(keys((document.hosts as unknown[])[0])).toEqual(HOST);
  });

  it('delete, wrapped like the others', async () => {
    const document = await json(['delete', ref]);
    expect(keys(document)).toEqual(['deletion']);
    expect(keys(document.deletion)).toEqual([
      'ref',
      'provider',
      'id',
      'ip',
      'found',
      'done',
      'remaining',
      'calls',
    ]);
  });

  it('gc', async () => {
    const document = await json(['gc', '--dry-run']);
    expect(keys(document)).toEqual(['dryRun', 'hosts', 'orphans', 'skipped', 'failures']);
  });

  it('plans', async () => {
    const document = await json(['plans', '--provider', 'aws']);
    expect(keys(document)).toEqual(['source', 'currencies', 'plans', 'catalogs', 'skipped']);
    expect(keys((document.plans as unknown[])[0])).toEqual([
      'provider',
      'id',
      'cpus',
      'memoryMiB',
      'diskGB',
      'architecture',
      'publicIpv4',
      'price',
      'regions',
    ]);
    expect(keys((document.catalogs as unknown[])[0])).toEqual([
      'provider',
      'checkedAt',
      'currency',
      'pricedRegions',
    ]);
  });

  it('regions', async () => {
    const document = await json(['regions', '--provider', 'digitalocean']);
    expect(keys(document)).toEqual(['source', 'regions', 'skipped']);
    expect(keys((document.regions as unknown[])[0])).toEqual(['provider', 'id', 'name', 'available']);
  });

  it('providers', async () => {
    const document = await json(['providers']);
    expect(keys(document)).toEqual(['providers', 'conflicts', 'failures']);
    expect(keys((document.providers as unknown[])[0])).toEqual([
      'id',
      'displayName',
      'package',
      'version',
      'directory',
      'maintainers',
      'env',
      'credentialsSet',
      'credentialsHelp',
      'capabilities',
      'defaults',
      'catalog',
      'notes',
    ]);
  });

  it('an error, from any command', async () => {
    const document = await json(['status', 'digitalocean:999999'], 1);
    expect(keys(document)).toEqual(['error']);
    expect(keys(document.error)).toEqual(['code', 'message', 'hint', 'provider', 'exitCode', 'notes']);
  });
});
