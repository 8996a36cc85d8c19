import type { BenchResults } from '../results.ts';
import { ms } from './format.ts';
import { renderReading } from './reading.ts';
import { renderChecks } from './render-checks.ts';
import { renderRunFacts, renderSections } from './render-report.ts';

/** docs/performance.md, written by `pnpm bench --write-docs` from a full run. */
export function renderPerformanceDoc(results: BenchResults): string {
  return `${[
    '# Performance',
    [
      'What provision costs in API requests, time, memory and disk, measured by the benchmarks in',
      '[`bench/`](../bench) against the fake clouds: nothing here talks to a real cloud (requests go to',
      'the emulator on 127.0.0.1 or to fakes behind msw). Requests per operation are compared with the',
      'Go library [inlets/cloud-provision](https://github.com/inlets/cloud-provision), whose requests are',
      'listed one by one, each with the function that sends it, in',
      '[`bench/src/reference/reference-tables.ts`](../bench/src/reference/reference-tables.ts); a figure',
      'of ours above it needs an excuse naming the count it covers, or the run fails. The providers’ own',
      'pages under [providers/](providers) explain each request of ours.',
    ].join('\n'),
    [
      '```sh',
      'pnpm bench --quick              # a smaller run whose timings are marked noise: bench/results/latest.md',
      'pnpm bench --write-docs         # the full run, which also writes this page',
      '```',
    ].join('\n'),
    `These machines are noisy, so timings are medians over repeated runs and every comparison is a ratio measured in the same run. This page comes from the ${results.mode} run below, which took ${ms(results.durationMs)}; the JSON of each run is written to \`bench/results/<date>-<quick|full>.json\` (not committed).`,
    '## The run',
    renderRunFacts(results),
    '## Reading',
    renderReading(results),
    '## Targets',
    renderChecks(results),
    renderSections(results, 2),
  ].join('\n\n')}\n`;
}
