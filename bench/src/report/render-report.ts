import type { BenchResults } from '../results.ts';
import { ms } from './format.ts';
import { renderReading } from './reading.ts';
import { renderChecks } from './render-checks.ts';
import { renderFleet } from './render-fleet.ts';
import { renderCalls, renderCli, renderFootprint, renderLifecycle } from './render-sections.ts';

/** The run's facts: when, where, what. */
export function renderRunFacts(results: BenchResults): string {
  const { machine } = results;
  const providers = results.providers.map(
    (provider) => `${provider.id} (${provider.packageName} ${provider.version})`,
  );
  return [
    `- Date: ${results.startedAt.slice(0, 10)} (${results.startedAt}), ${results.mode} run, ${ms(results.durationMs)} in all.`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB memory, ${machine.platform}.`,
    `- Node ${machine.node}.`,
    `- Providers measured: ${providers.join(', ') || 'none'}.`,
    ...results.skippedProviders.map((item) => `- Not measured: ${item.packageName}: ${item.reason}.`),
    ...(results.leftOutProviders === undefined || results.leftOutProviders.length === 0
      ? []
      : [`- Left out of this run (--providers): ${results.leftOutProviders.join(', ')}.`]),
  ].join('\n');
}

/** The five sections with numbered headings at `level`. */
export function renderSections(results: BenchResults, level: number): string {
  const heading = '#'.repeat(level);
  return [
    `${heading} 1. API calls per operation`,
    renderCalls(results),
    `${heading} 2. Lifecycle latency over real HTTP`,
    renderLifecycle(results),
    `${heading} 3. CLI start-up`,
    renderCli(results),
    `${heading} 4. Fleet scale`,
    renderFleet(results),
    `${heading} 5. Install footprint`,
    renderFootprint(results),
  ].join('\n\n');
}

/** bench/results/latest.md: the report printed at the end of every run. */
export function renderReport(results: BenchResults): string {
  return `${[
    `# provision benchmarks (${results.mode} run)`,
    renderRunFacts(results),
    '## Reading',
    renderReading(results),
    '## Targets',
    renderChecks(results),
    renderSections(results, 2),
  ].join('\n\n')}\n`;
}
