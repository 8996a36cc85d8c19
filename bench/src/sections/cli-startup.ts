import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sdksAmong } from '../cloud-sdks.ts';
import { startEmulatorProcess } from '../emulator-process.ts';
import { PROBE_PREFIX } from '../module-probe-prefix.ts';
import { BENCH_ROOT, type InstalledProvider, provisionerWithEnv } from '../providers.ts';
import { median, range, round } from '../stats.ts';
import { findOneShotScript, type OneShotScript } from './one-shot-get.ts';

export const CLI_BIN = join(dirname(BENCH_ROOT), 'packages', 'cli', 'dist', 'bin.js');
const PROBE = fileURLToPath(new URL('../module-probe.ts', import.meta.url));
const CPU_PROBE = fileURLToPath(new URL('../cpu-probe.cjs', import.meta.url));

/** One timed command. */
export interface CommandTiming {
  readonly label: string;
  readonly args: readonly string[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Every timed run, in round order (ms, rounded); absent in results saved before it was kept. */
  readonly samplesMs?: readonly number[];
  /** `medianMs / floor median`. */
  readonly ratio: number;
  /** CPU time (user + system) of each timed run, in round order (ms); absent when not reported. */
  readonly cpuSamplesMs?: readonly number[];
  /** Median of `cpuSamplesMs`. */
  readonly cpuMedianMs?: number;
  /** Runs that exited with a non-zero code (the figure is then not a start-up figure). */
  readonly failedRuns: number;
  /** The first failure's last line of stderr. */
  readonly failure?: string;
  /** From one extra untimed run with a module probe preloaded. */
  readonly modulesLoaded?: number;
  /** Modules that run loaded per package (ours as `@provision/<dir>`). */
  readonly modulesPerPackage?: Readonly<Record<string, number>>;
  /** Cloud SDK packages that run loaded, by cloud. */
  readonly sdksLoaded?: Readonly<Record<string, string[]>>;
  /** Provider implementations (`*-provisioner.js`) that run loaded. */
  readonly implementationsLoaded?: readonly string[];
}

/** The one-shot script `status` is compared with, timed in the same rounds. */
export interface OneShotTiming {
  readonly kind: OneShotScript['kind'];
  readonly description: string;
  /** The provider whose host it reads (DigitalOcean: the script speaks its API). */
  readonly provider: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  readonly failedRuns: number;
  readonly failure?: string;
}

export type CliResult =
  | { readonly skipped: string }
  | {
      readonly runs: number;
      readonly floor: {
        readonly medianMs: number;
        readonly minMs: number;
        readonly maxMs: number;
        readonly samplesMs?: readonly number[];
        readonly cpuMedianMs?: number;
        readonly cpuSamplesMs?: readonly number[];
      };
      readonly commands: readonly CommandTiming[];
      /** The one-shot GET `status` is held against, or why there is none. */
      readonly oneShot?: OneShotTiming | { readonly skipped: string };
    };

interface SpawnResult {
  ms: number;
  /** The process's own CPU time, from the CPU probe (Node runs only). */
  cpuMs?: number;
  code: number | null;
  stderr: string;
}

function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  command: string = process.execPath,
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const node = command === process.execPath;
    const start = performance.now();
    const child = spawn(command, node ? ['--require', CPU_PROBE, ...args] : args, {
      cwd: BENCH_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let cpu = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      cpu += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const micros = Number.parseInt(cpu, 10);
      resolve({
        ms: performance.now() - start,
        ...(Number.isFinite(micros) ? { cpuMs: micros / 1000 } : {}),
        code,
        stderr,
      });
    });
  });
}

/** The CPU figures of a set of runs, when every one reported its CPU time. */
function cpuFigures(results: readonly SpawnResult[]) {
  const cpu = results.map((result) => result.cpuMs);
  if (cpu.length === 0 || cpu.some((value) => value === undefined)) return {};
  const values = cpu as number[];
  return { cpuMedianMs: median(values), cpuSamplesMs: values.map((value) => round(value, 2)) };
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith(PROBE_PREFIX));
  return lines.at(-1) ?? '(no output)';
}

async function probe(args: readonly string[], env: NodeJS.ProcessEnv) {
  const result = await run(['--import', PROBE, ...args], env);
  const line = result.stderr.split('\n').find((text) => text.startsWith(PROBE_PREFIX));
  if (line === undefined) return {};
  const parsed = JSON.parse(line.slice(PROBE_PREFIX.length)) as {
    modules: number;
    modulesPerPackage: Record<string, number>;
    implementations: string[];
  };
  return {
    modulesLoaded: parsed.modules,
    modulesPerPackage: parsed.modulesPerPackage,
    sdksLoaded: sdksAmong(Object.keys(parsed.modulesPerPackage)),
    implementationsLoaded: parsed.implementations,
  };
}

function oneShotTiming(
  script: OneShotScript,
  provider: string,
  results: readonly SpawnResult[],
): OneShotTiming {
  const times = results.map((result) => result.ms);
  const { min, max } = range(times);
  const failed = results.filter((result) => result.code !== 0);
  const firstFailure = failed[0];
  return {
    kind: script.kind,
    description: script.description,
    provider,
    medianMs: median(times),
    minMs: min,
    maxMs: max,
    samplesMs: times.map((value) => round(value, 1)),
    failedRuns: failed.length,
    ...(firstFailure === undefined
      ? {}
      : { failure: `exit ${firstFailure.code}: ${lastLine(firstFailure.stderr)}` }),
  };
}

/**
 * Times `provision --version`, `--help`, `providers`, `plans --all`, `regions`, `create --dry-run`
 * per provider and `status <id> --provider <p>` (against the emulator in a child process, a host
 * made there first) against `node -e 0`, and a one-shot Python GET of the DigitalOcean host
 * (Libcloud, or urllib in its place), all in one loop so that drift hits every command alike: one
 * untimed warm-up round, then `runs` rounds.
 * The CLI runs with the bench package as its working directory, so it discovers every provider
 * installed there.
 */
export async function measureCliStartup(
  providers: readonly InstalledProvider[],
  runs: number,
): Promise<CliResult> {
  if (!existsSync(CLI_BIN)) return { skipped: `CLI not built (${CLI_BIN} does not exist)` };
  const oneShot = findOneShotScript();
  const userDataDir = mkdtempSync(join(tmpdir(), 'provision-bench-'));
  const emulator = await startEmulatorProcess(0);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, ...emulator.env, NO_COLOR: '1', CI: '1' };
    const userData = join(userDataDir, 'user-data.yaml');
    writeFileSync(userData, '#cloud-config\n');
    const commands: Array<{ label: string; args: string[] }> = [
      { label: 'provision --version', args: [CLI_BIN, '--version'] },
      { label: 'provision --help', args: [CLI_BIN, '--help'] },
      { label: 'provision providers', args: [CLI_BIN, 'providers'] },
      { label: 'provision plans --all', args: [CLI_BIN, 'plans', '--all'] },
      { label: 'provision regions', args: [CLI_BIN, 'regions'] },
    ];
    for (const provider of providers) {
      commands.push({
        label: `provision create --dry-run --provider ${provider.id}`,
        args: [
          CLI_BIN,
          'create',
          '--provider',
          provider.id,
          '--name',
          'bench-dry-run',
          '--user-data',
          userData,
          '--dry-run',
        ],
      });
    }
    let oneShotRun: { script: OneShotScript; env: NodeJS.ProcessEnv; provider: string } | undefined;
    for (const provider of providers) {
      if (!emulator.endpoints.some((endpoint) => endpoint.provider === provider.id)) continue;
      const host = await provisionerWithEnv(provider, emulator.env).provision({
        name: 'cli-startup',
        owner: 'bench',
      });
      commands.push({
        label: `provision status <id> --provider ${provider.id}`,
        args: [CLI_BIN, 'status', host.id, '--provider', provider.id],
      });
      const baseUrl = emulator.env.DIGITALOCEAN_API_URL;
      const token = emulator.env.DIGITALOCEAN_TOKEN;
      if (provider.id === 'digitalocean' && oneShot !== undefined && baseUrl && token) {
        oneShotRun = {
          script: oneShot,
          provider: provider.id,
          // The droplet id is the host id's first part (`<droplet>/<uuid>`).
          env: { ...env, BENCH_API_URL: baseUrl, BENCH_TOKEN: token, BENCH_ID: host.id.split('/')[0] },
        };
      }
    }
    const floorArgs = ['-e', '0'];
    const floor: number[] = [];
    const floorRuns: SpawnResult[] = [];
    const samples = commands.map(() => [] as SpawnResult[]);
    const oneShotSamples: SpawnResult[] = [];
    for (let round = 0; round <= runs; round += 1) {
      const floorRun = await run(floorArgs, env);
      if (round > 0) {
        floor.push(floorRun.ms);
        floorRuns.push(floorRun);
      }
      for (const [index, command] of commands.entries()) {
        const result = await run(command.args, env);
        if (round > 0) samples[index]?.push(result);
      }
      if (oneShotRun !== undefined) {
        const result = await run([oneShotRun.script.script], oneShotRun.env, oneShotRun.script.python);
        if (round > 0) oneShotSamples.push(result);
      }
    }
    const floorMedian = median(floor);
    const timings: CommandTiming[] = [];
    for (const [index, command] of commands.entries()) {
      const results = samples[index] ?? [];
      const times = results.map((result) => result.ms);
      const failed = results.filter((result) => result.code !== 0);
      const firstFailure = failed[0];
      timings.push({
        label: command.label,
        args: command.args.slice(1),
        medianMs: median(times),
        samplesMs: times.map((value) => round(value, 1)),
        ...(() => {
          const { min, max } = range(times);
          return { minMs: min, maxMs: max };
        })(),
        ratio: median(times) / floorMedian,
        ...cpuFigures(results),
        failedRuns: failed.length,
        ...(firstFailure === undefined
          ? {}
          : { failure: `exit ${firstFailure.code}: ${lastLine(firstFailure.stderr)}` }),
        ...(await probe(command.args, env)),
      });
    }
    const floorRange = range(floor);
    return {
      runs,
      floor: {
        medianMs: floorMedian,
        minMs: floorRange.min,
        maxMs: floorRange.max,
        samplesMs: floor.map((value) => round(value, 1)),
        ...cpuFigures(floorRuns),
      },
      commands: timings,
      oneShot:
        oneShotRun === undefined
          ? {
              skipped:
                oneShot === undefined
                  ? 'no python3 found'
                  : 'no DigitalOcean host in the emulator to read (the one-shot script speaks its API)',
            }
          : oneShotTiming(oneShotRun.script, oneShotRun.provider, oneShotSamples),
    };
  } finally {
    await emulator.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
