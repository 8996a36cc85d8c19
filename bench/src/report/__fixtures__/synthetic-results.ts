// Synthetic bench results for the report's tests: made-up figures, no timing.
import type { BenchResults } from '../../results.ts';
import type { CallCount, CallsResult } from '../../sections/calls.ts';
import type { CliResult, CommandTiming } from '../../sections/cli-startup.ts';
import type { FleetPhase, FleetResult } from '../../sections/fleet.ts';
import type { LifecycleResult, PhaseStats } from '../../sections/lifecycle.ts';

/** A call that sent `operations`, in order. */
export function call(...operations: string[]): CallCount {
  return { requests: operations.length, operations };
}

/** DigitalOcean's calls as the provider makes them today: lookup, create, lookup; a two-call delete. */
export function digitalOceanCalls(overrides: Partial<CallsResult> = {}): CallsResult {
  const destroy = call('droplets_get', 'droplets_list', 'droplets_destroy');
  return {
    provider: 'digitalocean',
    provision: call('droplets_list', 'droplets_create', 'droplets_list'),
    provisionWarm: call('droplets_list', 'droplets_create', 'droplets_list'),
    provisionWithInbound: call('droplets_list', 'droplets_create', 'droplets_list', 'firewalls_create'),
    status: call('droplets_get'),
    deleteCalls: [destroy, call('droplets_get')],
    deleteWithInboundCalls: [destroy, call('droplets_get', 'firewalls_delete')],
    ...overrides,
  };
}

/** A run with the given sections and nothing else. */
export function results(
  sections: BenchResults['sections'],
  mode: BenchResults['mode'] = 'full',
): BenchResults {
  return {
    schema: 1,
    mode,
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 1000,
    machine: { cpuModel: 'test', cores: 2, memoryBytes: 2 ** 30, platform: 'linux x64', node: 'v24.0.0' },
    providers: [],
    skippedProviders: [],
    sections,
  };
}

/** A CLI command timed at `samplesMs`. */
export function command(label: string, samplesMs: readonly number[], floorMedianMs: number): CommandTiming {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)] as number;
  return {
    label,
    args: [],
    medianMs,
    minMs: sorted[0] as number,
    maxMs: sorted.at(-1) as number,
    samplesMs,
    ratio: medianMs / floorMedianMs,
    failedRuns: 0,
  };
}

/** A CLI section of `runs` rounds with a steady floor of 50 ms. */
export function cli(commands: readonly CommandTiming[], runs: number): CliResult {
  const samplesMs = Array.from({ length: runs }, () => 50);
  return { runs, floor: { medianMs: 50, minMs: 50, maxMs: 50, samplesMs }, commands };
}

function phase(calls: number, perRunCpuMs: readonly number[]): PhaseStats {
  const sorted = [...perRunCpuMs].sort((a, b) => a - b);
  const cpuMs = sorted[Math.floor(sorted.length / 2)] as number;
  return {
    calls,
    requests: calls,
    wallMs: calls * 55,
    floorMs: calls * 50,
    cpuMs,
    cpuPerCallMs: cpuMs / calls,
    perRun: perRunCpuMs.map((cpu) => ({ wallMs: calls * 55, cpuMs: cpu })),
  };
}

/** A lifecycle of `calls` calls whose warm runs spent `warmCpuMs` and fresh processes `coldCpuMs`. */
export function lifecycle(
  warmCpuMs: readonly number[],
  coldCpuMs: readonly number[],
  calls = 6,
): LifecycleResult {
  const run = (cpuMs: number) => ({ calls, wallMs: calls * 55, cpuMs });
  const perProcess = coldCpuMs.map((cpu) => ({ first: run(cpu), second: run(20), startupCpuMs: 80 }));
  const sorted = [...coldCpuMs].sort((a, b) => a - b);
  const total = phase(calls, warmCpuMs);
  return {
    provider: 'digitalocean',
    runs: warmCpuMs.length,
    latencyMs: 50,
    provision: phase(1, warmCpuMs),
    untilActive: phase(3, warmCpuMs),
    deleteUntilDone: phase(2, warmCpuMs),
    total,
    firstProvision: { wallMs: 100, cpuMs: 50, requests: 2 },
    cold: {
      first: run(sorted[Math.floor(sorted.length / 2)] as number),
      second: run(20),
      startupCpuMs: 80,
      perProcess,
    },
  };
}

/** One fleet phase. */
export function fleetPhase(
  requests: number,
  rateLimited: number,
  callRetries: number,
  wallMs: number,
): FleetPhase {
  return {
    requests,
    rateLimited,
    callRetries,
    wallMs,
    idealMs: ((requests - 10) / 10) * 1000,
    baselineRssBytes: 0,
    peakRssBytes: 0,
    failures: [],
  };
}

/** A fleet of `hosts` whose three phases are `phase`. */
export function fleet(
  hosts: number,
  phaseFigures: FleetPhase,
): Extract<FleetResult, { readonly hosts: number }> {
  return {
    provider: 'digitalocean',
    hosts,
    hostsWithInbound: 0,
    provision: phaseFigures,
    status: phaseFigures,
    delete: phaseFigures,
    duplicates: 0,
    missing: 0,
    hostsInFake: hosts,
    leftovers: [],
  };
}
