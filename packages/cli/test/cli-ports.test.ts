import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, runCli } from './run-cli.js';

// `status --ports`: which ports a host's firewall lets in, read from the cloud (the emulator's fakes).
let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator?.close();
});

async function create(provider: string, name: string, ...ports: string[]): Promise<string> {
  const run = await runCli(['create', '--provider', provider, '--name', name, ...ports, '--output', 'json'], {
    env,
  });
  expect(run.code, run.stderr).toBe(0);
  return parseJson<{ host: { ref: string } }>(run).host.ref;
}

type Ports = { firewall: boolean; allows: unknown; otherProtocols: string[] };

async function ports(ref: string): Promise<{ host: { ref: string }; ports: Ports }> {
  const run = await runCli(['status', ref, '--ports', '--output', 'json'], { env });
  expect(run.code, run.stderr).toBe(0);
  return parseJson(run);
}

describe('provision status --ports', () => {
  it('shows the rules a host was created with, in a line and in JSON', { timeout: 60_000 }, async () => {
    const ref = await create(
      'digitalocean',
      'ports-web',
      '--port',
      '80',
      '--port',
      '8000-9000/udp',
      '--port',
      '22',
    );
    const human = await runCli(['status', ref, '--ports'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/\nports\s+22\/tcp, 80\/tcp, 8000-9000\/udp\n/);
    expect(human.stdout).toMatch(/firewalled\s+yes/);
    const document = await ports(ref);
    expect(Object.keys(document)).toEqual(['host', 'ports']);
    expect(document.host.ref).toBe(ref);
    expect(document.ports).toEqual({
      firewall: true,
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: 'anywhere' },
        { from: 80, to: 80, protocol: 'tcp', sources: 'anywhere' },
        { from: 8000, to: 9000, protocol: 'udp', sources: 'anywhere' },
      ],
      otherProtocols: [],
    });
  });

  it('says when no per-host firewall guards a host, and "all" for --all-ports', {
    timeout: 60_000,
  }, async () => {
    const plain = await create('aws', 'ports-plain');
    const human = await runCli(['status', plain, '--ports'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/ports\s+no per-host firewall: the cloud's default networking applies/);
    expect((await ports(plain)).ports).toEqual({ firewall: false, allows: null, otherProtocols: [] });
    const open = await create('aws', 'ports-open', '--all-ports');
    expect((await ports(open)).ports).toEqual({ firewall: true, allows: 'all', otherProtocols: [] });
    expect((await runCli(['status', open, '--ports'], { env })).stdout).toMatch(
      /ports\s+all \(every tcp and udp port/,
    );
  });

  it('fails for a gone host like status does', { timeout: 60_000 }, async () => {
    const run = await runCli(['status', 'digitalocean:999999', '--ports', '--output', 'json'], { env });
    expect(run.code).toBe(1);
    expect(parseJson<{ error: { code: string } }>(run).error.code).toBe('host_not_found');
  });
});
