import { REFERENCE_LIBRARY } from '../reference/reference-tables.ts';
import { type BenchResults, type Failed, isFailed, isSkipped } from '../results.ts';
import { LIFECYCLE_LATENCY_MS, type LifecycleResult, type PhaseStats } from '../sections/lifecycle.ts';
import { compareCalls } from './compare-calls.ts';
import { mebibytes, ms, table, times } from './format.ts';

type Outcome =
  | Failed
  | { readonly provider?: string; readonly skipped: string }
  | { readonly provider: string };

/** The failed and skipped items of a section, one line each. */
export function failures(items: ReadonlyArray<Outcome> | undefined): string[] {
  return (items ?? []).flatMap((item) => {
    if (isFailed(item)) return [`- ${item.provider ?? 'section'}: **failed**: ${item.error}`];
    if (isSkipped(item)) return [`- ${item.provider ?? 'section'}: skipped: ${item.skipped}`];
    return [];
  });
}

/** Section 1: requests per operation beside the reference. */
export function renderCalls(results: BenchResults): string {
  const rows = compareCalls(results).map((row) => [
    row.provider,
    row.label,
    row.oursText,
    row.what,
    row.referenceText,
    row.ratio === undefined ? '–' : times(row.ratio),
    row.failure !== undefined
      ? `**FAIL: ${row.excuse === undefined ? 'no excuse written' : `the excuse covers up to ${row.excuse.upTo}`}**${row.excuse === undefined ? '' : `. ${row.excuse.text}`}`
      : row.excuse === undefined
        ? ''
        : `up to ${row.excuse.upTo}: ${row.excuse.text}`,
  ]);
  const budgets = results.providers.map((provider) => {
    const budget = provider.callBudget;
    return `\`${provider.id}\`: provision ${budget.provision}, with inbound ${budget.provisionWithInbound}, status ${budget.status}, delete ${budget.delete} per call`;
  });
  return [
    `Requests counted by each provider's fake (the one the emulator serves), on the clean path. "Reference" is the Go library ${REFERENCE_LIBRARY.name} at commit \`${REFERENCE_LIBRARY.commit.slice(0, 7)}\` (${REFERENCE_LIBRARY.commitDate}): each of its figures is the number of requests listed, with the function that sends each, in \`bench/src/reference/reference-tables.ts\`. A figure of ours above the reference needs an excuse naming the most requests it covers (\`bench/src/reference/excuses.ts\`); above that count, or with no excuse, the row fails the run. The list figure comes from the fake filled with 1,000 managed hosts (limits raised).`,
    '',
    table(
      [
        'provider',
        'operation',
        'requests',
        'which',
        'reference',
        'ours / reference',
        'excused (up to) and why',
      ],
      rows,
    ),
    '',
    `Manifest call budgets (asserted by the contract suite): ${budgets.join('; ') || '–'}.`,
    ...failures([...(results.sections.calls ?? []), ...(results.sections.list ?? [])]),
  ].join('\n');
}

function phaseRow(label: string, phase: PhaseStats): string[] {
  return [
    label,
    String(phase.calls),
    String(phase.requests),
    ms(phase.wallMs),
    ms(phase.floorMs),
    times(phase.wallMs / phase.floorMs),
    ms(phase.wallMs - phase.floorMs),
    ms(phase.cpuPerCallMs),
  ];
}

/** Section 2: the lifecycle over real HTTP. */
export function renderLifecycle(results: BenchResults): string {
  const section = results.sections.lifecycle;
  if (section === undefined) return '_Not run._';
  if (isFailed(section)) return `**Failed**: ${section.error}`;
  const parts: string[] = [
    `provision -> status until active (no pause between polls) -> delete until done, over real HTTP to the emulator on 127.0.0.1 (its own process) with ${LIFECYCLE_LATENCY_MS} ms added to every request. One provisioner serves every run, as in a long-lived program (so lookups it caches are not repeated). Medians over the runs after one warm-up run. The floor is one request per call x ${LIFECYCLE_LATENCY_MS} ms: the fewest any client needs for each provision, status and delete it makes, so every request of ours beyond the first of a call shows above it (how many status and delete calls a host needs is set by the fake's pacing). CPU is \`process.cpuUsage()\` of the bench process around each call, minus nothing: our plugin, core and provider-utils code, zod parsing, Node's \`fetch\` (undici) with its HTTP parsing, JSON and garbage collection; not the emulator.`,
  ];
  for (const item of section) {
    if (isFailed(item) || isSkipped(item)) continue;
    parts.push(
      '',
      `**${item.provider}** (${item.runs} runs)`,
      '',
      table(
        ['phase', 'calls', 'requests', 'wall', 'floor', 'wall / floor', 'wall - floor', 'CPU per call'],
        [
          phaseRow('provision', item.provision),
          phaseRow('status until active', item.untilActive),
          phaseRow('delete until done', item.deleteUntilDone),
          phaseRow('whole lifecycle', item.total),
        ],
      ),
      '',
      `First provision of this process, in an untimed warm-up run before these (it also loads the plugin's implementation): ${item.firstProvision.requests} requests, ${ms(item.firstProvision.wallMs)} wall, ${ms(item.firstProvision.cpuMs)} CPU.`,
      '',
      coldTable(item),
    );
  }
  parts.push(...failures(section));
  return parts.join('\n');
}

/** A fresh process's first lifecycle beside the warm median above. */
function coldTable(item: Extract<LifecycleResult, { readonly runs: number }>): string {
  const cold = item.cold;
  if (cold === undefined) return '_Cold lifecycle: not measured._';
  if ('error' in cold) return `**Cold lifecycle failed**: ${cold.error}`;
  const warm = item.total;
  const row = (label: string, run: { calls: number; wallMs: number; cpuMs: number }) => [
    label,
    String(run.calls),
    ms(run.wallMs),
    times(run.wallMs / warm.wallMs),
    ms(run.cpuMs),
    times(run.cpuMs / warm.cpuMs),
  ];
  const processes = cold.perProcess.length;
  return [
    `Cold start: the whole lifecycle in ${processes === 1 ? 'a fresh process that loads' : `${processes} fresh processes, one after another (medians), each loading`} only core and the plugins, as a user's program would (\`lifecycle-child.ts\`); ${ms(cold.startupCpuMs)} CPU went to start-up and plugin discovery before its first call, not counted below.`,
    '',
    table(
      ['lifecycle', 'calls', 'wall', 'wall / warm', 'CPU', 'CPU / warm'],
      [
        row('warm (median above)', { calls: warm.calls, wallMs: warm.wallMs, cpuMs: warm.cpuMs }),
        row('first of a fresh process (cold)', cold.first),
        row('second of that process', cold.second),
      ],
    ),
  ].join('\n');
}

// ` (zod 95, @provision/cli 36, ...)`: where most modules come from.
function topPackages(perPackage: Readonly<Record<string, number>> | undefined): string {
  if (perPackage === undefined) return '';
  const top = Object.entries(perPackage)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, count]) => `${name} ${count}`);
  return top.length === 0 ? '' : ` (${top.join(', ')}, ...)`;
}

/** Section 3: CLI start-up. */
export function renderCli(results: BenchResults): string {
  const section = results.sections.cli;
  if (section === undefined) return '_Not run._';
  if (isFailed(section)) return `**Failed**: ${section.error}`;
  if (isSkipped(section)) return `_Skipped: ${section.skipped}._`;
  const sdkText = (sdks: Readonly<Record<string, string[]>> | undefined) => {
    if (sdks === undefined) return '?';
    const entries = Object.entries(sdks);
    return entries.length === 0
      ? 'none'
      : entries.map(([cloud, names]) => `${cloud} (${names.length} packages)`).join(', ');
  };
  const floorCpu = section.floor.cpuMedianMs;
  const cpuText = (cpuMs: number | undefined) =>
    cpuMs === undefined
      ? '?'
      : floorCpu === undefined
        ? ms(cpuMs)
        : `${ms(cpuMs)} (${times(cpuMs / floorCpu)})`;
  const rows = [
    [
      '`node -e 0` (floor)',
      ms(section.floor.medianMs),
      `${ms(section.floor.minMs)} – ${ms(section.floor.maxMs)}`,
      '1.0×',
      '',
      cpuText(section.floor.cpuMedianMs),
      '',
      '',
      '',
    ],
    ...section.commands.map((command) => [
      `\`${command.label}\``,
      ms(command.medianMs),
      `${ms(command.minMs)} – ${ms(command.maxMs)}`,
      times(command.ratio),
      ms(command.medianMs - section.floor.medianMs),
      cpuText(command.cpuMedianMs),
      command.modulesLoaded === undefined
        ? '?'
        : `${command.modulesLoaded}${topPackages(command.modulesPerPackage)}`,
      sdkText(command.sdksLoaded),
      command.implementationsLoaded?.join(', ') || 'none',
    ]),
  ];
  const oneShot = section.oneShot;
  if (oneShot !== undefined && !('skipped' in oneShot)) {
    rows.push([
      `one-shot GET of the ${oneShot.provider} host: ${oneShot.kind === 'libcloud' ? 'Libcloud' : 'urllib (stand-in for Libcloud)'}`,
      ms(oneShot.medianMs),
      `${ms(oneShot.minMs)} – ${ms(oneShot.maxMs)}`,
      times(oneShot.medianMs / section.floor.medianMs),
      ms(oneShot.medianMs - section.floor.medianMs),
      '–',
      '–',
      '–',
      oneShot.failedRuns > 0 ? `**failed in ${oneShot.failedRuns} runs**: ${oneShot.failure}` : '',
    ]);
  }
  const oneShotNote =
    oneShot === undefined
      ? []
      : 'skipped' in oneShot
        ? ['', `No one-shot GET to hold \`status\` against: ${oneShot.skipped}.`]
        : [
            '',
            `The one-shot GET is ${oneShot.description}: a Python process that reads the same host once and exits, timed in the same rounds (\`bench/src/one-shot/\`).`,
          ];
  const failed = section.commands
    .filter((command) => command.failedRuns > 0)
    .map(
      (command) =>
        `- \`${command.label}\` failed in ${command.failedRuns} of ${section.runs} runs: ${command.failure}`,
    );
  return [
    `Wall time from spawn to exit of \`node packages/cli/dist/bin.js ...\`, medians of ${section.runs} rounds after one warm-up round; every round runs the floor and each command in turn, so drift hits all alike. The CLI runs in the bench package, where every measured provider is installed; \`status\` asks the emulator (no added latency) about a host made there first. CPU is each run's own user + system time, written by a probe preloaded into every Node run, the floor's included (\`--require\`, \`bench/src/cpu-probe.cjs\`); the start-up targets are judged on it when every run reported it, since a busy machine moves it far less than wall time. Modules, SDKs and implementations loaded come from one more run with a module probe preloaded (\`--import\`).`,
    '',
    table(
      [
        'command',
        'median',
        'min – max',
        'vs floor',
        'above floor',
        'CPU (vs floor)',
        'modules loaded (most from)',
        'cloud SDKs loaded',
        'implementations loaded',
      ],
      rows,
    ),
    ...oneShotNote,
    ...(failed.length > 0 ? ['', ...failed] : []),
  ].join('\n');
}

/** Section 5: install footprint. */
export function renderFootprint(results: BenchResults): string {
  const section = results.sections.footprint;
  if (section === undefined) return '_Not run._';
  if (isFailed(section)) return `**Failed**: ${section.error}`;
  if (isSkipped(section)) return `_Skipped: ${section.skipped}._`;
  const rows = section.installs.map((install) => [
    install.label,
    install.failure === undefined ? mebibytes(install.bytes) : `**failed**: ${install.failure}`,
    mebibytes(install.diskBytes),
    String(install.packages),
    install.ownSdks.length === 0 ? 'none' : `${install.ownSdks.length}`,
    install.otherSdks.length === 0 ? 'none' : `**${install.otherSdks.join(', ')}**`,
    ms(install.installMs),
  ]);
  return [
    `Every published package packed with \`pnpm pack\`; then, in an empty folder each, \`npm install --no-audit --no-fund <our tarballs>\` (npm ${section.npmVersion}) with the tarballs the install needs passed explicitly and third-party packages from the npm registry. Size is the sum of file sizes under node_modules; on disk counts allocated blocks; packages come from npm's node_modules/.package-lock.json.`,
    '',
    table(
      [
        'install',
        'node_modules',
        'on disk',
        'packages',
        'own cloud SDK packages',
        "other clouds' SDKs",
        'npm install time',
      ],
      rows,
    ),
    ...(results.footprintDuringFleet === true
      ? [
          '',
          '_In this run the installs ran while the fleet section did, so the install times are not clean; sizes and counts are unaffected._',
        ]
      : []),
    ...section.notes.map((note) => `- ${note}`),
  ].join('\n');
}
