import { type ComparedOperation, REFERENCE, type Reason, reasonFor, referenceFigure } from '../reference.ts';
import { type BenchResults, isFailed, isSkipped } from '../results.ts';
import { BENCH_PORTS, type CallCount, totalRequests } from '../sections/calls.ts';
import { operations, perCall } from './format.ts';

/** One of our figures beside the reference's. */
export interface Comparison {
  readonly provider: string;
  readonly operation: ComparedOperation;
  readonly label: string;
  readonly ours: number;
  /** How ours is shown: `2`, `1 + 1 = 2`. */
  readonly oursText: string;
  /** The requests, by the fake's operation names. */
  readonly what: string;
  readonly reference?: number;
  readonly referenceText: string;
  readonly ratio?: number;
  readonly verdict: 'ahead' | 'equal' | 'behind' | 'no reference';
  readonly reason?: Reason;
  /** Above the reference with no written reason. */
  readonly flagged: boolean;
}

function compare(
  provider: string,
  operation: ComparedOperation,
  label: string,
  ours: number,
  oursText: string,
  what: string,
  referenceNote?: string,
): Comparison {
  const reference = referenceFigure(provider, operation, BENCH_PORTS.length);
  const figures = REFERENCE[provider];
  const referenceText =
    reference === undefined
      ? figures === undefined
        ? 'no reference'
        : operation === 'provisionWithInbound'
          ? 'not supported'
          : 'no figure'
      : `${reference}${referenceNote === undefined ? '' : ` (${referenceNote})`}`;
  const verdict =
    reference === undefined
      ? 'no reference'
      : ours < reference
        ? 'ahead'
        : ours === reference
          ? 'equal'
          : 'behind';
  // Where the reference cannot do it at all, our figure still gets its reason when above the plain provision.
  const reason = verdict === 'behind' || reference === undefined ? reasonFor(provider, operation) : undefined;
  return {
    provider,
    operation,
    label,
    ours,
    oursText,
    what,
    ...(reference === undefined ? {} : { reference, ratio: ours / reference }),
    referenceText,
    verdict,
    ...(reason === undefined ? {} : { reason }),
    flagged: verdict === 'behind' && reason === undefined,
  };
}

function sequence(calls: readonly CallCount[]): string {
  return calls.map((call, index) => `call ${index + 1}: ${operations(call.operations)}`).join('; ');
}

/** Every call figure of the run beside its reference, in report order. */
export function compareCalls(results: BenchResults): Comparison[] {
  const rows: Comparison[] = [];
  for (const result of results.sections.calls ?? []) {
    if (isFailed(result)) continue;
    const id = result.provider;
    const figures = REFERENCE[id];
    rows.push(
      compare(
        id,
        'provision',
        'provision',
        result.provision.requests,
        String(result.provision.requests),
        operations(result.provision.operations),
        figures?.provisionNote,
      ),
    );
    if (result.provisionWarm.requests !== result.provision.requests) {
      rows.push(
        compare(
          id,
          'provision',
          'provision, again on the same provisioner (lookups cached)',
          result.provisionWarm.requests,
          String(result.provisionWarm.requests),
          operations(result.provisionWarm.operations),
          figures?.provisionNote,
        ),
      );
    }
    if (result.provisionWithInbound !== undefined) {
      const perPort = figures?.provisionPerPort;
      rows.push(
        compare(
          id,
          'provisionWithInbound',
          `provision with inbound (${BENCH_PORTS.length} ports)`,
          result.provisionWithInbound.requests,
          String(result.provisionWithInbound.requests),
          operations(result.provisionWithInbound.operations),
          perPort === undefined ? undefined : `${figures?.provision} + ${perPort} per port`,
        ),
      );
    }
    rows.push(
      compare(
        id,
        'status',
        'status',
        result.status.requests,
        String(result.status.requests),
        operations(result.status.operations),
      ),
    );
    rows.push(
      compare(
        id,
        'delete',
        'delete, every call until done',
        totalRequests(result.deleteCalls),
        perCall(result.deleteCalls.map((call) => call.requests)),
        sequence(result.deleteCalls),
        figures?.deleteNote,
      ),
    );
    if (result.deleteWithInboundCalls !== undefined) {
      rows.push(
        compare(
          id,
          'delete',
          'delete with inbound, every call until done',
          totalRequests(result.deleteWithInboundCalls),
          perCall(result.deleteWithInboundCalls.map((call) => call.requests)),
          sequence(result.deleteWithInboundCalls),
          figures?.deleteNote,
        ),
      );
    }
    const list = (results.sections.list ?? []).find((item) => item.provider === id);
    if (list !== undefined && !isFailed(list) && !isSkipped(list)) {
      rows.push(
        compare(
          id,
          'list1000',
          `list of ${list.hosts.toLocaleString('en-US')} hosts`,
          list.requests,
          String(list.requests),
          operations(Object.entries(list.operations).flatMap(([name, count]) => Array(count).fill(name))),
          figures?.listNote,
        ),
      );
    }
  }
  return rows;
}
