/** Figures derived from the reference tables: a figure is always a count of listed requests. */
import { REFERENCE } from './reference-tables.ts';
import type { ReferenceOperation } from './reference-types.ts';

/**
 * The rows the report compares. `provisionWarm` is a second provision on the same provisioner and
 * `deleteWithInbound` the delete of a host with a firewall; the reference has one figure for each
 * pair, but our counts differ, so each row has an excuse of its own.
 */
export type ComparedRow =
  | 'provision'
  | 'provisionWarm'
  | 'provisionWithInbound'
  | 'status'
  | 'delete'
  | 'deleteWithInbound'
  | 'list1000';

/** A reference figure: its count, whether the code may send more, and how it is made up. */
export interface ReferenceFigure {
  readonly requests: number;
  /** Some listed request may be repeated (a waiter's polls), so the figure is a minimum. */
  readonly atLeast: boolean;
  /** `5`, `5 + 1 per port = 7`, `≥ 4`: how the report shows it. */
  readonly text: string;
  /** The requests in order, folded: `DescribeImages, CreateSecurityGroup, ...`. */
  readonly which: string;
}

// The requests in the order sent: per-port ones right after the listed request of the same name
// (EC2's ingress calls follow the control port's), else last; runs of one name folded.
function listed(operation: ReferenceOperation, ports: number): string {
  const names = operation.requests.map((item) => item.request);
  const perPort = operation.perPort?.request;
  if (perPort !== undefined && ports > 0) {
    const at = names.lastIndexOf(perPort);
    names.splice(at < 0 ? names.length : at + 1, 0, ...Array<string>(ports).fill(perPort));
  }
  const folded: string[] = [];
  for (let index = 0; index < names.length; ) {
    let end = index;
    while (names[end + 1] === names[index]) end += 1;
    folded.push(`${names[index]}${end > index ? ` ×${end - index + 1}` : ''}`);
    index = end + 1;
  }
  return folded.join(', ');
}

function figureOf(operation: ReferenceOperation, ports = 0): ReferenceFigure {
  const requests = operation.requests.length + ports;
  const atLeast = operation.requests.some((item) => item.repeats !== undefined);
  const base = operation.requests.length;
  const count = ports > 0 ? `${base} + 1 per port = ${requests}` : String(requests);
  return {
    requests,
    atLeast,
    text: atLeast ? `at least ${count}` : count,
    which: listed(operation, ports),
  };
}

/**
 * The reference figure for `row`, with `ports` inbound ports where the row opens them; `undefined`
 * when the reference has no such operation (no entry, no list, no ports of the caller's).
 */
export function referenceFigure(
  provider: string,
  row: ComparedRow,
  ports: number,
): ReferenceFigure | undefined {
  const reference = REFERENCE[provider];
  if (reference === undefined) return undefined;
  switch (row) {
    case 'provision':
    case 'provisionWarm':
      return figureOf(reference.provision);
    case 'provisionWithInbound':
      return reference.provision.perPort === undefined ? undefined : figureOf(reference.provision, ports);
    case 'status':
      return figureOf(reference.status);
    case 'delete':
    case 'deleteWithInbound':
      return figureOf(reference.delete);
    case 'list1000':
      return listFigure(provider, 1000);
  }
}

/** Requests the reference sends to list `hosts` hosts: one per page. */
export function listFigure(provider: string, hosts: number): ReferenceFigure | undefined {
  const list = REFERENCE[provider]?.list;
  if (list === undefined) return undefined;
  const pages = list.pageSize === 'all' ? 1 : Math.max(1, Math.ceil(hosts / list.pageSize));
  const pageText = list.pageSize === 'all' ? 'one request for all' : `pages of ${list.pageSize}`;
  return {
    requests: pages,
    atLeast: false,
    text: `${pages} (${pageText})`,
    which: `${list.page.request}${pages > 1 ? ` ×${pages}` : ''}`,
  };
}
