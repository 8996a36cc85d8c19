import { describe, expect, it } from 'vitest';
import type { Excuse } from '../reference/excuses.ts';
import type { ReferenceFigure } from '../reference/reference-figures.ts';
import { call, digitalOceanCalls, results } from './__fixtures__/synthetic-results.ts';
import { callFailures, compareCalls, judgeRow, type Measured } from './compare-calls.ts';
import { renderReport } from './render-report.ts';

const figure = (requests: number): ReferenceFigure => ({
  requests,
  atLeast: false,
  text: String(requests),
  which: 'x',
});
const excuse = (upTo: number): Excuse => ({ upTo, short: 'why', text: 'Why.' });
const measured = (ours: number): Measured => ({
  provider: 'acme',
  row: 'delete',
  label: 'delete',
  ours,
  oursText: String(ours),
  what: '',
});

describe('judgeRow', () => {
  it('passes figures at or below the reference, whatever the excuse', () => {
    expect(judgeRow(measured(1), figure(2), undefined, '').verdict).toBe('ahead');
    expect(judgeRow(measured(2), figure(2), excuse(3), '')).toMatchObject({ verdict: 'equal' });
    expect(judgeRow(measured(2), figure(2), excuse(3), '').excuse).toBeUndefined();
  });

  it('passes a figure above the reference within its excuse', () => {
    const row = judgeRow(measured(3), figure(1), excuse(3), '');
    expect(row.verdict).toBe('behind');
    expect(row.failure).toBeUndefined();
    expect(row.excuse?.upTo).toBe(3);
  });

  it('fails a figure one request beyond its excuse', () => {
    const row = judgeRow(measured(4), figure(1), excuse(3), '');
    expect(row.verdict).toBe('unexcused');
    expect(row.failure).toBe('acme delete: 4 requests, more than the 3 its excuse covers (reference 1)');
  });

  it('fails a figure above the reference with no excuse', () => {
    const row = judgeRow(measured(2), figure(1), undefined, '');
    expect(row.verdict).toBe('unexcused');
    expect(row.failure).toContain('no excuse written');
  });

  it('holds a row with no reference figure to its excuse', () => {
    expect(judgeRow(measured(3), undefined, excuse(3), '').verdict).toBe('no reference');
    expect(judgeRow(measured(4), undefined, excuse(3), '').failure).toContain('more than the 3');
    expect(judgeRow(measured(9), undefined, undefined, '').failure).toBeUndefined();
  });
});

describe('compareCalls with the written excuses', () => {
  it("passes DigitalOcean's counts as they are today", () => {
    const run = results({ calls: [digitalOceanCalls()] });
    const rows = compareCalls(run);
    expect(rows.map((row) => [row.row, row.verdict])).toEqual([
      ['provision', 'behind'],
      ['provisionWithInbound', 'no reference'],
      ['status', 'equal'],
      ['delete', 'behind'],
      ['deleteWithInbound', 'behind'],
    ]);
    expect(callFailures(run)).toEqual([]);
  });

  it('fails a delete that takes one more request than its excuse names', () => {
    const deleteWithInboundCalls = [
      call('droplets_get', 'droplets_list', 'droplets_destroy'),
      call('droplets_get'),
      call('droplets_get', 'firewalls_delete'),
    ];
    const run = results({ calls: [digitalOceanCalls({ deleteWithInboundCalls })] });
    expect(callFailures(run)).toEqual([
      'digitalocean delete with inbound, every call until done: 6 requests, more than the 5 its excuse covers (reference 1)',
    ]);
    const report = renderReport(run);
    expect(report).toContain('This run fails');
    expect(report).toContain('**FAIL: the excuse covers up to 5**');
  });

  it('fails a status that costs more than the reference, which has no excuse', () => {
    const run = results({ calls: [digitalOceanCalls({ status: call('droplets_get', 'droplets_get') })] });
    expect(callFailures(run)).toHaveLength(1);
    expect(callFailures(run)[0]).toContain('status: 2 requests against the reference');
  });
});
