import { type Excuse, excuseFor } from '../reference/excuses.ts';
import { type ComparedRow, type ReferenceFigure, referenceFigure } from '../reference/reference-figures.ts';
import { REFERENCE } from '../reference/reference-tables.ts';
import { type BenchResults, isFailed, isSkipped } from '../results.ts';
import { BENCH_PORTS, type CallCount, totalRequests } from '../sections/calls.ts';
import { operations, perCall } from './format.ts';

/**
 * How one of our figures stands against the reference: `behind` is above it within a written
 * excuse's count; `unexcused` is above it with no excuse, or above the count the excuse names.
 */
export type CallVerdict = 'ahead' | 'equal' | 'behind' | 'unexcused' | 'no reference';

/** One of our figures beside the reference's. */
export interface Comparison {
  readonly provider: string;
  readonly row: ComparedRow;
  readonly label: string;
  readonly ours: number;
  /** How ours is shown: `2`, `1 + 1 = 2`. */
  readonly oursText: string;
  /** The requests, by the fake's operation names. */
  readonly what: string;
  readonly reference?: ReferenceFigure;
  readonly referenceText: string;
  readonly ratio?: number;
  readonly verdict: CallVerdict;
  readonly excuse?: Excuse;
  /** Why the row fails the run, when it does: one line for the report. */
  readonly failure?: string;
}

/** Our count for one row, as measured. */
export interface Measured {
  readonly provider: string;
  readonly row: ComparedRow;
  readonly label: string;
  readonly ours: number;
  readonly oursText: string;
  readonly what: string;
}

/**
 * Judges one row: ahead or level with the reference passes; above it passes only within the
 * count an excuse names; a row with no reference figure but an excuse is held to that count too.
 */
export function judgeRow(
  measured: Measured,
  reference: ReferenceFigure | undefined,
  excuse: Excuse | undefined,
  referenceText: string,
): Comparison {
  const { ours, provider, label } = measured;
  const overExcuse = excuse !== undefined && ours > excuse.upTo;
  let verdict: CallVerdict;
  let failure: string | undefined;
  if (reference === undefined) {
    verdict = overExcuse ? 'unexcused' : 'no reference';
    if (overExcuse) {
      failure = `${provider} ${label}: ${ours} requests, more than the ${excuse.upTo} its excuse covers`;
    }
  } else if (ours < reference.requests) verdict = 'ahead';
  else if (ours === reference.requests) verdict = 'equal';
  else if (excuse === undefined) {
    verdict = 'unexcused';
    failure = `${provider} ${label}: ${ours} requests against the reference's ${reference.requests}, with no excuse written`;
  } else if (overExcuse) {
    verdict = 'unexcused';
    failure = `${provider} ${label}: ${ours} requests, more than the ${excuse.upTo} its excuse covers (reference ${reference.requests})`;
  } else verdict = 'behind';
  const shownExcuse = verdict === 'ahead' || verdict === 'equal' ? undefined : excuse;
  return {
    ...measured,
    ...(reference === undefined ? {} : { reference, ratio: ours / reference.requests }),
    referenceText,
    verdict,
    ...(shownExcuse === undefined ? {} : { excuse: shownExcuse }),
    ...(failure === undefined ? {} : { failure }),
  };
}

function compare(measured: Measured): Comparison {
  const { provider, row } = measured;
  const reference = referenceFigure(provider, row, BENCH_PORTS.length);
  const referenceText =
    reference === undefined
      ? REFERENCE[provider] === undefined
        ? 'no reference'
        : row === 'provisionWithInbound'
          ? 'not supported'
          : 'no figure'
      : `${reference.text}: ${reference.which}`;
  return judgeRow(measured, reference, excuseFor(provider, row), referenceText);
}

function sequence(calls: readonly CallCount[]): string {
  return calls.map((call, index) => `call ${index + 1}: ${operations(call.operations)}`).join('; ');
}

function single(provider: string, row: ComparedRow, label: string, count: CallCount): Measured {
  return {
    provider,
    row,
    label,
    ours: count.requests,
    oursText: String(count.requests),
    what: operations(count.operations),
  };
}

function calls(provider: string, row: ComparedRow, label: string, counts: readonly CallCount[]): Measured {
  return {
    provider,
    row,
    label,
    ours: totalRequests(counts),
    oursText: perCall(counts.map((call) => call.requests)),
    what: sequence(counts),
  };
}

/** Every call figure of the run beside its reference, in report order. */
export function compareCalls(results: BenchResults): Comparison[] {
  const rows: Comparison[] = [];
  for (const result of results.sections.calls ?? []) {
    if (isFailed(result)) continue;
    const id = result.provider;
    rows.push(compare(single(id, 'provision', 'provision', result.provision)));
    if (result.provisionWarm.requests !== result.provision.requests) {
      rows.push(
        compare(
          single(
            id,
            'provisionWarm',
            'provision, again on the same provisioner (lookups cached)',
            result.provisionWarm,
          ),
        ),
      );
    }
    if (result.provisionWithInbound !== undefined) {
      rows.push(
        compare(
          single(
            id,
            'provisionWithInbound',
            `provision with inbound (${BENCH_PORTS.length} ports)`,
            result.provisionWithInbound,
          ),
        ),
      );
    }
    rows.push(compare(single(id, 'status', 'status', result.status)));
    rows.push(compare(calls(id, 'delete', 'delete, every call until done', result.deleteCalls)));
    if (result.deleteWithInboundCalls !== undefined) {
      rows.push(
        compare(
          calls(
            id,
            'deleteWithInbound',
            'delete with inbound, every call until done',
            result.deleteWithInboundCalls,
          ),
        ),
      );
    }
    const list = (results.sections.list ?? []).find((item) => item.provider === id);
    if (list !== undefined && !isFailed(list) && !isSkipped(list)) {
      const names = Object.entries(list.operations).flatMap(([name, count]) => Array(count).fill(name));
      rows.push(
        compare({
          provider: id,
          row: 'list1000',
          label: `list of ${list.hosts.toLocaleString('en-US')} hosts`,
          ours: list.requests,
          oursText: String(list.requests),
          what: operations(names),
        }),
      );
    }
  }
  return rows;
}

/** The lines of every row that fails the run. */
export function callFailures(results: BenchResults): string[] {
  return compareCalls(results).flatMap((row) => (row.failure === undefined ? [] : [row.failure]));
}
