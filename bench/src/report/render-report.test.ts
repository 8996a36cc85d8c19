import { describe, expect, it } from 'vitest';
import { lifecycle, results } from './__fixtures__/synthetic-results.ts';
import { renderPerformanceDoc } from './performance-doc.ts';
import { renderReport } from './render-report.ts';

describe('the report', () => {
  it("shows a fresh process's first lifecycle beside the warm one, CPU and wall", () => {
    const report = renderReport(results({ lifecycle: [lifecycle([18, 18, 18, 18, 18], [400, 401, 402])] }));
    expect(report).toMatch(
      /\| first of a fresh process \(cold\) \| 6 +\| 330 ms +\| 1\.0× +\| 401 ms +\| 22× +\|/,
    );
    expect(report).toContain('3 fresh processes, one after another (medians)');
    expect(report).toContain('The floor is one request per call x 50 ms');
  });

  it('puts the targets table in the report and in the performance page', () => {
    const run = results({ lifecycle: [lifecycle([18, 18, 18, 18, 18], [400, 401, 402])] });
    for (const text of [renderReport(run), renderPerformanceDoc(run)]) {
      expect(text).toContain('## Targets');
      expect(text).toMatch(
        /\| cold start +\| first lifecycle CPU, digitalocean +\| ≤ 2\.0× a warm lifecycle/,
      );
    }
  });
});
