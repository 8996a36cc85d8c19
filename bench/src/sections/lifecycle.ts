import type { ProvisionerV1 } from '@provision/core';
import type { EmulatorProcess } from '../emulator-process.ts';
import { type InstalledProvider, provisionerWithEnv } from '../providers.ts';
import { describeError } from '../results.ts';
import { measure, median, round } from '../stats.ts';
import { coldLifecycles } from './cold-lifecycle.ts';

/** Added by the emulator to every request, like a cloud's round trip. */
export const LIFECYCLE_LATENCY_MS = 50;

/** One phase of one lifecycle run. */
export interface PhaseRun {
  calls: number;
  requests: number;
  wallMs: number;
  cpuMs: number;
}

/** Medians over the runs of one phase. */
export interface PhaseStats {
  readonly calls: number;
  readonly requests: number;
  readonly wallMs: number;
  /**
   * `calls x latency`: one request per call, the fewest any client needs for each provision,
   * status or delete it makes, so every request of ours beyond the first of a call shows above it.
   */
  readonly floorMs: number;
  /** CPU time (user + system) of the bench process during the phase's calls. */
  readonly cpuMs: number;
  readonly cpuPerCallMs: number;
  /** Each run's wall and CPU (ms), in run order: the spread behind the medians. */
  readonly perRun: ReadonlyArray<{ readonly wallMs: number; readonly cpuMs: number }>;
}

/** One lifecycle's calls, wall and CPU (ms). */
export interface LifecycleRun {
  readonly calls: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** The lifecycles of one fresh process (see lifecycle-child.ts). */
export interface FreshProcess {
  /** The first lifecycle of the process: loads the implementation, the HTTP client and the schemas. */
  readonly first: LifecycleRun;
  /** The next lifecycle in the same process. */
  readonly second: LifecycleRun;
  /** CPU the process spent before its first call: Node, plugin discovery and the manifest. */
  readonly startupCpuMs: number;
}

/** Fresh processes' first lifecycles: each process, and the medians over them. */
export interface ColdLifecycle extends FreshProcess {
  readonly perProcess: readonly FreshProcess[];
}

export type LifecycleResult =
  | { readonly provider: string; readonly skipped: string }
  | {
      readonly provider: string;
      readonly runs: number;
      readonly latencyMs: number;
      readonly provision: PhaseStats;
      readonly untilActive: PhaseStats;
      readonly deleteUntilDone: PhaseStats;
      readonly total: PhaseStats;
      /** The first provision of the process (an untimed warm-up run), which also imports the implementation. */
      readonly firstProvision: { readonly wallMs: number; readonly cpuMs: number; readonly requests: number };
      /** The first lifecycle of a fresh process, or why it could not be measured. */
      readonly cold?: ColdLifecycle | { readonly error: string };
    };

const MAX_CALLS = 100;

async function runPhase(
  emulator: EmulatorProcess,
  provider: string,
  step: () => Promise<boolean>,
): Promise<PhaseRun> {
  const mark = await emulator.mark(provider);
  const run: PhaseRun = { calls: 0, requests: 0, wallMs: 0, cpuMs: 0 };
  for (let call = 0; call < MAX_CALLS; call += 1) {
    const { value: finished, wallMs, cpuMs } = await measure(step);
    run.calls += 1;
    run.wallMs += wallMs;
    run.cpuMs += cpuMs;
    if (finished) {
      run.requests = (await emulator.since(provider, mark)).length;
      return run;
    }
  }
  throw new Error(`${provider}: not finished after ${MAX_CALLS} calls`);
}

async function oneRun(
  emulator: EmulatorProcess,
  provisioner: ProvisionerV1,
  provider: string,
  index: number,
) {
  let id = '';
  const provision = await runPhase(emulator, provider, async () => {
    id = (await provisioner.provision({ name: `latency-${index}`, owner: 'bench' })).id;
    return true;
  });
  const untilActive = await runPhase(emulator, provider, async () => {
    const host = await provisioner.status(id);
    if (host.status === 'error') throw new Error(`${provider}: host ${id} failed (${host.nativeStatus})`);
    return host.status === 'active';
  });
  const deleteUntilDone = await runPhase(
    emulator,
    provider,
    async () => (await provisioner.delete({ id })).done,
  );
  return { provision, untilActive, deleteUntilDone };
}

/** Medians of one phase over its runs; the floor is one request per call times `latencyMs`. */
export function phaseStats(runs: readonly PhaseRun[], latencyMs: number): PhaseStats {
  const calls = median(runs.map((run) => run.calls));
  const cpuMs = median(runs.map((run) => run.cpuMs));
  return {
    calls,
    requests: median(runs.map((run) => run.requests)),
    wallMs: median(runs.map((run) => run.wallMs)),
    floorMs: median(runs.map((run) => run.calls * latencyMs)),
    cpuMs,
    cpuPerCallMs: median(runs.map((run) => run.cpuMs / run.calls)),
    perRun: runs.map((run) => ({ wallMs: round(run.wallMs, 2), cpuMs: round(run.cpuMs, 2) })),
  };
}

/**
 * provision -> status until active (no pause between polls) -> delete until done, over real HTTP to
 * the emulator (in its own process) with `latencyMs` per request, `runs` times after one warm-up
 * run. One provisioner serves every run, as a long-lived program would use it; its first call
 * also loads the plugin's implementation, reported apart.
 */
export async function measureLifecycle(
  provider: InstalledProvider,
  emulator: EmulatorProcess,
  runs: number,
  coldRuns: number,
): Promise<LifecycleResult> {
  if (!emulator.endpoints.some((endpoint) => endpoint.provider === provider.id)) {
    return { provider: provider.id, skipped: 'the emulator does not serve it' };
  }
  // A fresh process first, before this one has warmed anything up for the provider.
  const cold = await coldLifecycles(provider.id, emulator.env, coldRuns).catch((error: unknown) => ({
    error: describeError(error),
  }));
  const provisioner = provisionerWithEnv(provider, emulator.env);
  // One untimed warm-up run: its first provision (which loads the implementation) is reported
  // apart, and the medians describe a program that is already running.
  const warmUp = await oneRun(emulator, provisioner, provider.id, 0);
  const results: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let index = 1; index <= runs; index += 1) {
    results.push(await oneRun(emulator, provisioner, provider.id, index));
  }
  const totals = results.map((result) => {
    const phases = [result.provision, result.untilActive, result.deleteUntilDone];
    return {
      calls: phases.reduce((sum, phase) => sum + phase.calls, 0),
      requests: phases.reduce((sum, phase) => sum + phase.requests, 0),
      wallMs: phases.reduce((sum, phase) => sum + phase.wallMs, 0),
      cpuMs: phases.reduce((sum, phase) => sum + phase.cpuMs, 0),
    };
  });
  const first = warmUp.provision;
  return {
    provider: provider.id,
    runs,
    latencyMs: LIFECYCLE_LATENCY_MS,
    provision: phaseStats(
      results.map((result) => result.provision),
      LIFECYCLE_LATENCY_MS,
    ),
    untilActive: phaseStats(
      results.map((result) => result.untilActive),
      LIFECYCLE_LATENCY_MS,
    ),
    deleteUntilDone: phaseStats(
      results.map((result) => result.deleteUntilDone),
      LIFECYCLE_LATENCY_MS,
    ),
    total: phaseStats(totals, LIFECYCLE_LATENCY_MS),
    firstProvision: { wallMs: first.wallMs, cpuMs: first.cpuMs, requests: first.requests },
    cold,
  };
}
