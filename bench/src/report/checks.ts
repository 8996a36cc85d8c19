/**
 * The performance targets every run is held against: cold start, list at scale and rate limits,
 * each as target / measured / verdict. A timing with too few runs or too wide a spread is marked
 * noise and gets no verdict. Targets not met do not fail the run: they are work still to do.
 */
import { type BenchResults, type Failed, isFailed, isSkipped } from '../results.ts';
import type { CliResult, CommandTiming } from '../sections/cli-startup.ts';
import type { FleetResult } from '../sections/fleet.ts';
import type { LifecycleResult } from '../sections/lifecycle.ts';
import type { ListAtScale } from '../sections/list-at-scale.ts';
import type { ListBesideLibcloud, ListCall } from '../sections/list-libcloud.ts';
import { ms, times } from './format.ts';
import { MIN_RUNS, noiseReason, ratioUncertainty, spreadOf } from './noise.ts';

/** `met` and `not met` are verdicts; the others say why there is none. */
export type CheckVerdict = 'met' | 'not met' | 'noise' | 'not judged' | 'not measured';

/** One target and how this run stands against it. */
export interface Check {
  readonly area: 'cold start' | 'list at scale' | 'rate limits';
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly verdict: CheckVerdict;
  /** Why the verdict is noise, not judged or not measured; what the figure stands on otherwise. */
  readonly note?: string;
}

/** Start-up commands held to 1.5x of bare Node. */
export const CLI_TARGET = 1.5;
/** `status` against a one-shot Libcloud GET. */
export const STATUS_TARGET = 1.2;
/** A process's first lifecycle CPU against a warm one. */
export const COLD_TARGET = 2;
/** The list of 5,000 against its round trips (2, 1 for a single request, or one per cursor page) plus transfer. */
export const LIST_TARGET = 1.2;
/** The fleet against the throttle's ideal, and rejected requests per useful one. */
export const FLEET_TARGET = { wallOverIdeal: 1.1, rejectedPerUseful: 0.2, hosts: 200 } as const;

/** The verdict on `value <= limit` (or `< limit` when `strict`), unless the figure is noise. */
export function judgeAtMost(
  value: number,
  limit: number,
  uncertainty: number,
  runs: number,
  options: { minRuns?: number; strict?: boolean } = {},
): { verdict: CheckVerdict; note?: string } {
  if (!Number.isFinite(value)) return { verdict: 'not measured', note: 'no figure' };
  const noise = noiseReason(value, limit, uncertainty, runs, options.minRuns ?? MIN_RUNS);
  if (noise !== undefined) return { verdict: 'noise', note: noise };
  const met = options.strict === true ? value < limit : value <= limit;
  return { verdict: met ? 'met' : 'not met' };
}

/** A verdict with one more note, after its own. */
function withNote(judged: { verdict: CheckVerdict; note?: string }, note: string | undefined) {
  const notes = [judged.note, note].filter((text) => text !== undefined);
  return notes.length === 0 ? judged : { ...judged, note: notes.join('; ') };
}

const START_UP_COMMANDS = /^provision (--help|providers|plans|regions|create --dry-run)/;

function cliChecks(section: CliResult | Failed | undefined): Check[] {
  const area = 'cold start' as const;
  if (section === undefined) return [];
  if (isFailed(section) || isSkipped(section)) {
    const why = isFailed(section) ? section.error : section.skipped;
    return [{ area, name: 'CLI start-up', target: '–', measured: '–', verdict: 'not measured', note: why }];
  }
  const floor = spreadOf(section.floor.samplesMs ?? [section.floor.medianMs]);
  const cpuFloor = section.floor.cpuSamplesMs;
  const ratioCheck = (command: CommandTiming): Check => {
    // CPU time when both sides reported it (a busy machine moves it far less than wall time).
    const cpu = cpuFloor !== undefined && command.cpuSamplesMs !== undefined;
    const [mine, theirs] = cpu
      ? [command.cpuMedianMs ?? 0, section.floor.cpuMedianMs ?? 0]
      : [command.medianMs, section.floor.medianMs];
    const ratio = mine / theirs;
    const uncertainty = cpu
      ? ratioUncertainty(spreadOf(command.cpuSamplesMs ?? []), spreadOf(cpuFloor ?? []))
      : ratioUncertainty(spreadOf(command.samplesMs ?? [command.medianMs]), floor);
    const judged =
      command.failedRuns > 0
        ? {
            verdict: 'not measured' as const,
            note: `failed in ${command.failedRuns} runs: ${command.failure}`,
          }
        : judgeAtMost(ratio, CLI_TARGET, uncertainty, section.runs);
    return {
      area,
      name: `\`${command.label}\``,
      target: `≤ ${times(CLI_TARGET)} \`node -e 0\``,
      measured: `${times(ratio)} (${cpu ? 'CPU ' : ''}${ms(mine)} vs ${ms(theirs)}, ±${uncertainty.toFixed(2)})`,
      ...judged,
    };
  };
  const checks = section.commands.filter((command) => START_UP_COMMANDS.test(command.label)).map(ratioCheck);
  const oneShot = section.oneShot;
  const status = section.commands.find(
    (command) => command.label.endsWith('--provider digitalocean') && command.label.includes(' status '),
  );
  if (oneShot === undefined || 'skipped' in oneShot || status === undefined) {
    checks.push({
      area,
      name: '`provision status` (DigitalOcean)',
      target: `≤ ${times(STATUS_TARGET)} a one-shot Libcloud GET`,
      measured: '–',
      verdict: 'not measured',
      note: oneShot !== undefined && 'skipped' in oneShot ? oneShot.skipped : 'no DigitalOcean status timed',
    });
  } else {
    const ratio = status.medianMs / oneShot.medianMs;
    const uncertainty = ratioUncertainty(
      spreadOf(status.samplesMs ?? [status.medianMs]),
      spreadOf(oneShot.samplesMs),
    );
    const judged =
      oneShot.failedRuns > 0
        ? { verdict: 'not measured' as const, note: `the one-shot script failed: ${oneShot.failure}` }
        : judgeAtMost(ratio, STATUS_TARGET, uncertainty, section.runs);
    const against =
      oneShot.kind === 'libcloud' ? 'a one-shot Libcloud GET' : 'a one-shot urllib GET (stand-in)';
    checks.push({
      area,
      name: '`provision status` (DigitalOcean)',
      target: `≤ ${times(STATUS_TARGET)} ${against}`,
      measured: `${times(ratio)} (${ms(status.medianMs)} vs ${ms(oneShot.medianMs)}, ±${uncertainty.toFixed(2)})`,
      ...judged,
      note: [judged.note, `against ${oneShot.description}`].filter(Boolean).join('; '),
    });
  }
  return checks;
}

function coldChecks(section: BenchResults['sections']['lifecycle']): Check[] {
  const area = 'cold start' as const;
  if (section === undefined || isFailed(section)) return [];
  return section.flatMap((item: LifecycleResult | { provider?: string; error: string }): Check[] => {
    if (isFailed(item) || isSkipped(item)) return [];
    const name = `first lifecycle CPU, ${item.provider}`;
    const target = `≤ ${times(COLD_TARGET)} a warm lifecycle`;
    const cold = item.cold;
    if (cold === undefined || 'error' in cold) {
      const note = cold === undefined ? 'not run' : cold.error;
      return [{ area, name, target, measured: '–', verdict: 'not measured', note }];
    }
    const ratio = cold.first.cpuMs / item.total.cpuMs;
    const uncertainty = ratioUncertainty(
      spreadOf(cold.perProcess.map((process) => process.first.cpuMs)),
      spreadOf(item.total.perRun.map((run) => run.cpuMs)),
    );
    const runs = Math.min(cold.perProcess.length, item.runs);
    return [
      {
        area,
        name,
        target,
        measured: `${times(ratio)} (${ms(cold.first.cpuMs)} vs ${ms(item.total.cpuMs)}, ±${uncertainty.toFixed(2)})`,
        ...judgeAtMost(ratio, COLD_TARGET, uncertainty, runs),
      },
    ];
  });
}

function listChecks(results: BenchResults): Check[] {
  const area = 'list at scale' as const;
  return (results.sections.list ?? []).flatMap((item): Check[] => {
    if (isFailed(item) || isSkipped(item)) return [];
    const scale = item.atScale;
    const name = `list of 5,000, ${item.provider}`;
    if (scale === undefined || 'error' in scale) {
      const note = scale === undefined ? 'not run' : scale.error;
      return [
        {
          area,
          name,
          target: `≤ ${times(LIST_TARGET)} of the round trips + transfer`,
          measured: '–',
          verdict: 'not measured',
          note,
        },
      ];
    }
    return listScaleChecks(item.provider, scale, item.besideLibcloud);
  });
}

/** Our CPU per host listed against Libcloud's, both clients alone over HTTP to the emulator. */
function cpuPerHostCheck(
  provider: string,
  scale: ListAtScale,
  beside: ListBesideLibcloud | { readonly error: string } | undefined,
): Check {
  const area = 'list at scale' as const;
  const name = `CPU per host listed, ${provider}`;
  const target = "at or below Libcloud's";
  const inProcess = `${(scale.cpuPerHostMs * 1000).toFixed(0)} µs (${ms(scale.cpuMs)} for ${scale.hosts.toLocaleString('en-US')}, the in-process fake included)`;
  if (beside === undefined || 'error' in beside || 'skipped' in beside) {
    const why =
      beside === undefined
        ? "Libcloud's list is not measured here"
        : 'error' in beside
          ? `the list beside Libcloud failed: ${beside.error}`
          : beside.skipped;
    return { area, name, target, measured: inProcess, verdict: 'not judged', note: why };
  }
  const perHost = (calls: readonly ListCall[]) =>
    spreadOf(calls.map((call) => (call.cpuMs * 1000) / beside.hosts));
  const ours = perHost(beside.ours);
  const libcloud = perHost(beside.libcloud);
  const ratio = ours.median / libcloud.median;
  const uncertainty = ratioUncertainty(ours, libcloud);
  const listedAll = beside.oursListed >= beside.hosts && beside.libcloudListed >= beside.hosts;
  const judged = listedAll
    ? judgeAtMost(ratio, 1, uncertainty, Math.min(ours.runs, libcloud.runs))
    : {
        verdict: 'not measured' as const,
        note: `listed ${beside.oursListed} (ours) and ${beside.libcloudListed} (Libcloud) of ${beside.hosts}`,
      };
  return {
    area,
    name,
    target,
    measured: `${ours.median.toFixed(0)} µs vs ${libcloud.median.toFixed(0)} µs, ${times(ratio)} (${beside.hosts.toLocaleString('en-US')} ${beside.hostWord ?? 'droplets'} from the emulator over HTTP, each client's CPU alone, ${beside.libcloudDescription}; ±${uncertainty.toFixed(2)})`,
    ...judged,
  };
}

/** The list-at-scale checks of one provider; `beside`: its list held against Libcloud's, if run. */
export function listScaleChecks(
  provider: string,
  scale: ListAtScale,
  beside?: ListBesideLibcloud | { readonly error: string },
): Check[] {
  const area = 'list at scale' as const;
  const wall = spreadOf(scale.wallMs);
  const ratio = wall.median / scale.idealMs;
  const uncertainty = ratioUncertainty(wall, scale.idealMs);
  const roundTrips = scale.roundTrips ?? 2;
  // Older results carry no reason: more than 2 round trips then meant cursor pages.
  const cursorReason =
    scale.cursorPaged ??
    (roundTrips > 2 ? 'each names the next, so they are read one after another' : undefined);
  const floor =
    cursorReason !== undefined
      ? 'one round trip per page'
      : roundTrips === 1
        ? '1 round trip'
        : '2 round trips';
  return [
    {
      area,
      name: `list of ${scale.hosts.toLocaleString('en-US')}, ${provider}`,
      target: `≤ ${times(LIST_TARGET)} of ${floor} + transfer`,
      measured: `${times(ratio)} (${ms(wall.median)} vs ${ms(scale.idealMs)} = ${roundTrips} × ${scale.latencyMs} ms + ${ms(scale.transferMs)}; ${scale.requests} requests, ±${uncertainty.toFixed(2)})`,
      ...withNote(
        judgeAtMost(ratio, LIST_TARGET, uncertainty, wall.runs),
        cursorReason === undefined ? undefined : `cursor pages: ${cursorReason}`,
      ),
    },
    cpuPerHostCheck(provider, scale, beside),
  ];
}

/** The fleet checks of one provider's run. */
export function fleetChecks(item: Extract<FleetResult, { readonly hosts: number }>): Check[] {
  const area = 'rate limits' as const;
  const phases = [item.provision, item.status, item.delete];
  const wall = phases.reduce((sum, phase) => sum + phase.wallMs, 0);
  const ideal = phases.reduce((sum, phase) => sum + phase.idealMs, 0);
  const rejected = phases.reduce((sum, phase) => sum + phase.rateLimited, 0);
  const useful = phases.reduce((sum, phase) => sum + phase.requests, 0);
  // Each time the client gave up with RateLimitError the bench repeated the call; a call that still
  // failed for good with it shows among the failures.
  const gaveUp = phases.reduce(
    (sum, phase) =>
      sum +
      phase.callRetries +
      phase.failures.filter((failure) => failure.startsWith('RateLimitError')).length,
    0,
  );
  const small = item.hosts < FLEET_TARGET.hosts;
  const notJudged = {
    verdict: 'not judged' as const,
    note: `a fleet of ${item.hosts}; the target is for ${FLEET_TARGET.hosts}`,
  };
  const judge = (value: number, limit: number, strict = false) =>
    small ? notJudged : judgeAtMost(value, limit, 0, 1, { minRuns: 1, strict });
  const fleet = `fleet of ${item.hosts} under 10 req/s, ${item.provider}`;
  return [
    {
      area,
      name: `${fleet}: wall / ideal`,
      target: `≤ ${times(FLEET_TARGET.wallOverIdeal)}`,
      measured: `${(wall / ideal).toFixed(2)}× (${ms(wall)} vs ${ms(ideal)})`,
      ...judge(wall / ideal, FLEET_TARGET.wallOverIdeal),
    },
    {
      area,
      name: `${fleet}: rejected per useful request`,
      target: `< ${FLEET_TARGET.rejectedPerUseful}`,
      measured: `${(rejected / useful).toFixed(2)} (${rejected} / ${useful})`,
      ...judge(rejected / useful, FLEET_TARGET.rejectedPerUseful, true),
    },
    {
      area,
      name: `${fleet}: RateLimitError reaching callers`,
      target: '0',
      measured: String(gaveUp),
      ...judge(gaveUp, 0),
    },
  ];
}

/** Every check of the run, in report order. */
export function runChecks(results: BenchResults): Check[] {
  const fleet = (results.sections.fleet ?? []).flatMap((item) =>
    isFailed(item) || isSkipped(item) ? [] : fleetChecks(item),
  );
  return [
    ...cliChecks(results.sections.cli),
    ...coldChecks(results.sections.lifecycle),
    ...listChecks(results),
    ...fleet,
  ];
}
