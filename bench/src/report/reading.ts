import { type BenchResults, isFailed, isSkipped } from '../results.ts';
import { LIFECYCLE_LATENCY_MS } from '../sections/lifecycle.ts';
import { type Comparison, callFailures, compareCalls } from './compare-calls.ts';
import { mebibytes, ms, times } from './format.ts';
import { MIN_RUNS, spreadOf } from './noise.ts';

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function callsReading(results: BenchResults): string[] {
  const rows = compareCalls(results);
  const byProvider = new Map<string, Comparison[]>();
  for (const row of rows) byProvider.set(row.provider, [...(byProvider.get(row.provider) ?? []), row]);
  const lines: string[] = [];
  for (const [provider, comparisons] of byProvider) {
    const show = (row: Comparison) =>
      row.reference === undefined
        ? `${row.label} (${row.ours})`
        : `${row.label} (${row.ours} vs ${row.reference.requests})`;
    const ahead = comparisons.filter((row) => row.verdict === 'ahead').map(show);
    const level = comparisons.filter((row) => row.verdict === 'equal').map(show);
    const behind = comparisons.filter((row) => row.verdict === 'behind');
    const excuses = [
      ...new Set(behind.flatMap((row) => (row.excuse === undefined ? [] : [row.excuse.short]))),
    ];
    const unexcused = comparisons.filter((row) => row.verdict === 'unexcused').map(show);
    const unmatched = comparisons.filter((row) => row.verdict === 'no reference').map(show);
    const parts = [
      ahead.length > 0 ? `ahead on ${listOf(ahead)}` : undefined,
      level.length > 0 ? `level on ${listOf(level)}` : undefined,
      behind.length > 0 ? `behind on ${listOf(behind.map(show))} (why: ${excuses.join('; ')})` : undefined,
      unmatched.length > 0 ? `no reference figure for ${listOf(unmatched)}` : undefined,
    ].filter((part) => part !== undefined);
    lines.push(
      `- **Calls, ${provider}**: ${parts.join('; ')}.${
        unexcused.length > 0
          ? ` **FAIL: ${listOf(unexcused)} above the reference beyond any written excuse.**`
          : behind.length > 0
            ? ' Every figure above the reference is within the count its excuse names.'
            : ''
      }`,
    );
  }
  return lines;
}

function lifecycleReading(results: BenchResults): string[] {
  const section = results.sections.lifecycle;
  if (section === undefined || isFailed(section)) return [];
  return section.flatMap((item) => {
    if (isFailed(item) || isSkipped(item)) return [];
    const total = item.total;
    const share = (total.cpuPerCallMs / LIFECYCLE_LATENCY_MS) * 100;
    const verdict = cpuShareVerdict(item.runs, total);
    const cold = item.cold;
    const coldText =
      cold === undefined || 'error' in cold
        ? ''
        : ` The first lifecycle of a fresh process took ${ms(cold.first.cpuMs)} CPU, ${times(cold.first.cpuMs / total.cpuMs)} a warm one's ${ms(total.cpuMs)} (see the targets).`;
    return [
      `- **Lifecycle, ${item.provider}**: ${total.requests} requests in ${total.calls} calls, ${ms(total.wallMs)} against a floor of ${ms(total.floorMs)} (one request per call; ${times(total.wallMs / total.floorMs)}); what is above the floor is requests beyond one per call, local HTTP and our code. Our CPU per call is ${ms(total.cpuPerCallMs)}, ${share.toFixed(1)} % of one ${LIFECYCLE_LATENCY_MS} ms round trip${verdict}.${coldText}`,
    ];
  });
}

const SHARE_BANDS = [
  { below: 10, text: ': negligible next to the network, as the design asks' },
  { below: 25, text: ': small next to the network, though visible' },
  { below: Number.POSITIVE_INFINITY, text: ': **not negligible next to the network; worth a look**' },
];

function band(sharePercent: number): number {
  return SHARE_BANDS.findIndex((item) => sharePercent < item.below);
}

/**
 * The reading's verdict on CPU per call as a share of a round trip, or a noise mark when the runs
 * are too few or their spread reaches across a band's edge.
 */
export function cpuShareVerdict(
  runs: number,
  total: {
    readonly calls: number;
    readonly cpuPerCallMs: number;
    readonly perRun?: ReadonlyArray<{ cpuMs: number }>;
  },
): string {
  if (runs < MIN_RUNS) return ` (_noise_: ${runs} runs, fewer than ${MIN_RUNS}; no verdict)`;
  const shares = (total.perRun ?? []).map((run) => (run.cpuMs / total.calls / LIFECYCLE_LATENCY_MS) * 100);
  const spread = spreadOf(shares.length > 0 ? shares : [(total.cpuPerCallMs / LIFECYCLE_LATENCY_MS) * 100]);
  const median = band((total.cpuPerCallMs / LIFECYCLE_LATENCY_MS) * 100);
  if (band(spread.low) !== median || band(spread.high) !== median) {
    return ` (_noise_: the runs spread from ${spread.low.toFixed(1)} % to ${spread.high.toFixed(1)} %, across a band's edge; no verdict)`;
  }
  return SHARE_BANDS[median]?.text ?? '';
}

function cliReading(results: BenchResults): string[] {
  const section = results.sections.cli;
  if (section === undefined || isFailed(section)) return [];
  if (isSkipped(section)) return [`- **CLI start-up**: not measured (${section.skipped}).`];
  const figures = section.commands.map(
    (command) => `\`${command.label}\` ${ms(command.medianMs)} (${times(command.ratio)})`,
  );
  const noisy =
    section.runs < MIN_RUNS
      ? ` (_noise_: ${section.runs} rounds, fewer than ${MIN_RUNS}; the targets give no verdict)`
      : '';
  const lazy = section.commands.filter((command) => !command.label.includes(' status '));
  const eager = lazy.filter(
    (command) =>
      Object.keys(command.sdksLoaded ?? {}).length > 0 || (command.implementationsLoaded ?? []).length > 0,
  );
  const statusOthers = section.commands.filter((command) => {
    const provider = /--provider (\S+)/.exec(command.label)?.[1];
    if (provider === undefined) return false;
    const sdks = Object.keys(command.sdksLoaded ?? {});
    const implementations = command.implementationsLoaded ?? [];
    return sdks.some((cloud) => cloud !== provider) || implementations.some((id) => id !== provider);
  });
  const promise =
    eager.length === 0 && statusOthers.length === 0
      ? 'No cloud SDK or provider implementation loads for `--version` or `providers`, and `status` loads only its own provider: the lazy-loading promise holds.'
      : `**The lazy-loading promise is broken**: ${listOf([...eager, ...statusOthers].map((command) => `\`${command.label}\``))} load more than they need.`;
  // The slowest command that needs no cloud: where start-up time goes before any request.
  const costly = section.commands
    .filter((command) => !command.label.includes(' status '))
    .sort((a, b) => b.medianMs - a.medianMs)[0];
  const top = Object.entries(costly?.modulesPerPackage ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, count]) => `${name} (${count})`);
  const cost =
    costly === undefined || costly.modulesLoaded === undefined
      ? ''
      : ` \`${costly.label}\` spends ${ms(costly.medianMs - section.floor.medianMs)} above bare Node: it loads ${costly.modulesLoaded} module${costly.modulesLoaded === 1 ? '' : 's'}, most from ${listOf(top)}, before it prints anything; that, not any SDK, is where its start-up time goes.`;
  return [
    `- **CLI start-up** against \`node -e 0\` at ${ms(section.floor.medianMs)}: ${listOf(figures)}${noisy}. ${promise}${cost}`,
  ];
}

function fleetReading(results: BenchResults): string[] {
  return (results.sections.fleet ?? []).flatMap((item) => {
    if (isFailed(item) || isSkipped(item)) return [];
    const ok = item.duplicates === 0 && item.missing === 0 && item.leftovers.length === 0;
    const phases = [item.provision, item.status, item.delete];
    const wall = phases.reduce((sum, phase) => sum + phase.wallMs, 0);
    const ideal = phases.reduce((sum, phase) => sum + phase.idealMs, 0);
    const limited = phases.reduce((sum, phase) => sum + phase.rateLimited, 0);
    const repeated = phases.reduce((sum, phase) => sum + phase.callRetries, 0);
    const gaveUp =
      repeated === 0
        ? ' The client rode out every throttled answer itself.'
        : ` With its default retries the client gave up (\`RateLimitError\`, with the wait) on ${repeated} calls; the bench's repeats were safe, as the checks show.`;
    return [
      `- **Fleet, ${item.provider}**: ${item.hosts} hosts provisioned, read and deleted in ${ms(wall)} against the throttle's ideal of ${ms(ideal)} (${times(wall / ideal)}), riding out ${limited} throttled answers; ${ok ? 'no duplicates and no leftovers, counted in the fake' : '**duplicates or leftovers found: see the checks**'}.${gaveUp} Peak RSS ${mebibytes(Math.max(...phases.map((phase) => phase.peakRssBytes)))}.`,
    ];
  });
}

function footprintReading(results: BenchResults): string[] {
  const section = results.sections.footprint;
  if (section === undefined || isFailed(section)) return [];
  if (isSkipped(section)) return [`- **Install footprint**: not measured (${section.skipped}).`];
  const done = section.installs.filter((install) => install.failure === undefined);
  const crossed = done.filter((install) => install.otherSdks.length > 0);
  const sizes = done.map(
    (install) => `${install.label} ${mebibytes(install.bytes)} in ${install.packages} packages`,
  );
  return [
    `- **Install footprint**: ${listOf(sizes)}. ${
      crossed.length === 0
        ? "No install holds another cloud's SDK or provider."
        : `**${listOf(crossed.map((install) => install.label))} pull in another cloud's SDK.**`
    }`,
  ];
}

/** A short reading of the run: where we are ahead of the reference, where behind, and why. */
export function renderReading(results: BenchResults): string {
  const failures = callFailures(results);
  const lines = [
    ...(failures.length > 0
      ? [
          `- **This run fails: call counts above the reference beyond their excuses**: ${failures.join('; ')}.`,
        ]
      : []),
    ...callsReading(results),
    ...lifecycleReading(results),
    ...fleetReading(results),
    ...cliReading(results),
    ...footprintReading(results),
  ];
  return lines.length === 0 ? '_Nothing measured._' : lines.join('\n');
}
