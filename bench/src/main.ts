// `pnpm bench [--quick] [--write-docs] [--only=...] [--providers=...]`: runs the sections, writes
// bench/results/<date>-<mode>.json and bench/results/latest.md, prints the report, and with
// --write-docs writes docs/performance.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startEmulatorProcess } from './emulator-process.ts';
import { describeMachine } from './machine.ts';
import { parseOptions, type SectionName, USAGE } from './options.ts';
import { runPool } from './pool.ts';
import { BENCH_ROOT, findInstalledProviders, type InstalledProvider, selectProviders } from './providers.ts';
import { callFailures } from './report/compare-calls.ts';
import { renderPerformanceDoc } from './report/performance-doc.ts';
import { renderReport } from './report/render-report.ts';
import { type BenchResults, describeError, type Failed, isFailed } from './results.ts';
import { inChildProcess } from './section-process.ts';
import { measureCalls } from './sections/calls.ts';
import { measureCliStartup } from './sections/cli-startup.ts';
import { FLEET_PARALLEL, type FleetResult } from './sections/fleet.ts';
import { measureFootprint } from './sections/footprint.ts';
import { LIFECYCLE_LATENCY_MS, measureLifecycle } from './sections/lifecycle.ts';
import type { ListResult } from './sections/list-thousand.ts';

/** Hosts of the list at scale (the fake holds 1,000 first, then is filled up to this). */
const LIST_AT_SCALE_HOSTS = 5000;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function perProvider<T>(
  section: string,
  providers: readonly InstalledProvider[],
  measure: (provider: InstalledProvider) => Promise<T>,
  parallel = 1,
): Promise<Array<T | Failed>> {
  const outcomes = await runPool(providers, parallel, async (provider) => {
    const start = performance.now();
    try {
      const result = await measure(provider);
      progress(`  ${section} ${provider.id}: ${Math.round(performance.now() - start)} ms`);
      return result;
    } catch (error) {
      progress(`  ${section} ${provider.id}: FAILED ${describeError(error)}`);
      return { provider: provider.id, error: describeError(error) };
    }
  });
  // `measure`'s failures are caught above: every outcome is fulfilled.
  return outcomes.map((outcome) =>
    outcome.ok ? outcome.value : { provider: '?', error: describeError(outcome.error) },
  );
}

async function whole<T>(section: string, measure: () => Promise<T>): Promise<T | Failed> {
  const start = performance.now();
  try {
    const result = await measure();
    progress(`  ${section}: ${Math.round(performance.now() - start)} ms`);
    return result;
  } catch (error) {
    progress(`  ${section}: FAILED ${describeError(error)}`);
    return { error: describeError(error) };
  }
}

/** Writes bench/results/latest.md, prints it, and with `writeDocs` writes docs/performance.md. */
function publish(results: BenchResults, writeDocs: boolean): void {
  const report = renderReport(results);
  const latest = join(BENCH_ROOT, 'results', 'latest.md');
  mkdirSync(dirname(latest), { recursive: true });
  writeFileSync(latest, report);
  process.stdout.write(report);
  progress(`wrote ${latest}`);
  if (writeDocs) {
    const docsPath = join(dirname(BENCH_ROOT), 'docs', 'performance.md');
    writeFileSync(docsPath, renderPerformanceDoc(results));
    progress(`wrote ${docsPath}`);
  }
}

/** Prints a FAIL line per call count above its excuse; true when there is one. */
function reportCallFailures(results: BenchResults): boolean {
  const failures = callFailures(results);
  for (const failure of failures) progress(`FAIL: ${failure}`);
  return failures.length > 0;
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parseOptions(process.argv.slice(2));
  if (options.from !== undefined) {
    const saved = JSON.parse(
      readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), options.from), 'utf8'),
    );
    publish(saved as BenchResults, options.writeDocs);
    return reportCallFailures(saved as BenchResults) ? 1 : 0;
  }
  const wanted = (name: SectionName) => options.only.has(name);
  const started = performance.now();
  const startedAt = new Date();
  const installed = await findInstalledProviders();
  const { providers, leftOut } = selectProviders(installed, options.providers);
  const { skipped } = installed;
  progress(
    `bench (${options.mode}): ${providers.map((provider) => provider.id).join(', ') || 'no providers'}${
      skipped.length > 0 ? `; skipped ${skipped.map((item) => item.packageName).join(', ')}` : ''
    }${leftOut.length > 0 ? `; left out by --providers: ${leftOut.join(', ')}` : ''}`,
  );
  const results: BenchResults = {
    schema: 1,
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    machine: describeMachine(),
    providers: providers.map(({ id, packageName, version, manifest }) => ({
      id,
      displayName: manifest.displayName,
      packageName,
      version,
      callBudget: manifest.callBudget,
    })),
    skippedProviders: skipped,
    ...(leftOut.length > 0 ? { leftOutProviders: leftOut } : {}),
    sections: {},
  };
  const { sections } = results;
  // Timing-sensitive sections first, in a fresh process; then the ones that fill fakes.
  if (wanted('lifecycle')) {
    const emulator = await whole('emulator', () => startEmulatorProcess(LIFECYCLE_LATENCY_MS));
    if ('error' in emulator) sections.lifecycle = emulator;
    else {
      try {
        sections.lifecycle = await perProvider('lifecycle', providers, (provider) =>
          measureLifecycle(provider, emulator, options.lifecycleRuns, options.coldRuns),
        );
      } finally {
        await emulator.close();
      }
    }
  }
  if (wanted('cli'))
    sections.cli = await whole('CLI start-up', () => measureCliStartup(providers, options.cliRuns));
  if (wanted('calls')) sections.calls = await perProvider('calls', providers, measureCalls);
  if (wanted('list')) {
    sections.list = await perProvider('list of 1,000 and 5,000', providers, (provider) =>
      inChildProcess<ListResult>('list', provider.id, String(LIST_AT_SCALE_HOSTS), String(options.listRuns)),
    );
  }
  // The quick run installs (child processes, mostly waiting on the registry) while the fleet
  // waits on its throttle, to stay short; the full run keeps them apart.
  const overlap = options.mode === 'quick' && wanted('fleet') && wanted('footprint');
  const footprintOf = () =>
    measureFootprint(options.providers === undefined ? undefined : providers.map((provider) => provider.id));
  const footprint = overlap ? whole('install footprint', footprintOf) : undefined;
  if (wanted('fleet')) {
    sections.fleet = await perProvider(
      'fleet',
      providers,
      (provider) => inChildProcess<FleetResult>('fleet', provider.id, String(options.fleetHosts)),
      FLEET_PARALLEL,
    );
  }
  if (footprint !== undefined) {
    sections.footprint = await footprint;
    results.footprintDuringFleet = true;
  } else if (wanted('footprint')) {
    sections.footprint = await whole('install footprint', footprintOf);
  }
  results.durationMs = performance.now() - started;

  const resultsDir = join(BENCH_ROOT, 'results');
  mkdirSync(resultsDir, { recursive: true });
  // A run of some providers is named after them, so it never replaces a run of all.
  const subset =
    options.providers === undefined ? '' : `-${providers.map((provider) => provider.id).join('+')}`;
  const jsonPath = join(resultsDir, `${startedAt.toISOString().slice(0, 10)}-${options.mode}${subset}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  progress(`\nwrote ${jsonPath}`);
  publish(results, options.writeDocs);
  const outcomes = Object.values(sections).flatMap((section: unknown): unknown[] =>
    Array.isArray(section) ? section : [section],
  );
  const countsFail = reportCallFailures(results);
  return outcomes.some((outcome) => isFailed(outcome)) || countsFail ? 1 : 0;
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`${describeError(error)}\n`);
  return 2;
});
