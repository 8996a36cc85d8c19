/**
 * Wire details every Linode answer shares, from Linode's OpenAPI description (see
 * `test-fixtures/linode-openapi.SOURCE.md`): JSON bodies, the error shape
 * `{ errors: [{ reason, field? }] }`, `page`/`page_size` pagination with `pages`/`results`, and
 * the `X-Filter` header (https://techdocs.akamai.com/linode-api/reference/filtering-and-sorting).
 */

/** One entry of an error body. */
export interface LinodeErrorEntry {
  reason: string;
  field?: string;
}

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The error body `{ errors: [...] }`. */
export function errorResponse(
  status: number,
  errors: LinodeErrorEntry[],
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ errors }, status, headers);
}

/** A request the fake refuses, thrown from a handler and answered as Linode's 400 (or `status`). */
export class LinodeRequestError extends Error {
  constructor(
    readonly reason: string,
    readonly field?: string,
    readonly status = 400,
  ) {
    super(reason);
  }
}

/** `page_size`: default 100, 25 to 500 (`components/parameters/page-size`). */
export const PAGE_SIZE_DEFAULT = 100;
const PAGE_SIZE_MIN = 25;
const PAGE_SIZE_MAX = 500;

function wholeNumber(raw: string | null, field: string, fallback: number, min: number, max: number): number {
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new LinodeRequestError(`Must be an integer between ${min} and ${max}`, field);
  return value;
}

/** One page of `items` as the request asks: `{ data, page, pages, results }`. */
export function page<T>(items: readonly T[], url: URL, cap?: number): Record<string, unknown> {
  const size = Math.min(
    wholeNumber(
      url.searchParams.get('page_size'),
      'page_size',
      PAGE_SIZE_DEFAULT,
      PAGE_SIZE_MIN,
      PAGE_SIZE_MAX,
    ),
    cap ?? PAGE_SIZE_MAX,
  );
  const pages = Math.max(1, Math.ceil(items.length / size));
  const number = wholeNumber(url.searchParams.get('page'), 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  return {
    data: items.slice((number - 1) * size, number * size),
    page: number,
    pages,
    results: items.length,
  };
}

type Json = unknown;
const OPERATORS = new Set(['+contains', '+neq', '+gt', '+gte', '+lt', '+lte']);

function valueAt(item: Json, path: string): Json {
  return path.split('.').reduce<Json>((node, key) => (node as Record<string, Json> | null)?.[key], item);
}

function matchesValue(actual: Json, wanted: Json): boolean {
  // A list field (tags, ipv4) matches when it holds the value.
  if (Array.isArray(actual)) return actual.some((entry) => matchesValue(entry, wanted));
  if (wanted !== null && typeof wanted === 'object') {
    return Object.entries(wanted as Record<string, Json>).every(([operator, operand]) => {
      if (operator === '+contains') return typeof actual === 'string' && actual.includes(String(operand));
      if (operator === '+neq') return actual !== operand;
      const [a, b] = [Number(actual), Number(operand)];
      if (operator === '+gt') return a > b;
      if (operator === '+gte') return a >= b;
      if (operator === '+lt') return a < b;
      return a <= b;
    });
  }
  return actual === wanted;
}

/** Refuses, whatever the collection holds, a filter on a field that is not filterable or with an unknown operator. */
function checkFilter(filter: Record<string, Json>, filterable: readonly string[]): void {
  for (const [key, wanted] of Object.entries(filter)) {
    if (key === '+order_by' || key === '+order') continue;
    if (key === '+and' || key === '+or') {
      if (!Array.isArray(wanted)) throw new LinodeRequestError(`${key} must be a list`, 'X-Filter');
      for (const part of wanted as Record<string, Json>[]) checkFilter(part, filterable);
      continue;
    }
    if (!filterable.includes(key)) throw new LinodeRequestError(`Cannot filter on ${key}`, 'X-Filter');
    const operators = wanted !== null && typeof wanted === 'object' ? Object.keys(wanted) : [];
    if (!operators.every((operator) => OPERATORS.has(operator)))
      throw new LinodeRequestError(`Invalid filter operator for ${key}`, 'X-Filter');
  }
}

function matches(item: Json, filter: Record<string, Json>): boolean {
  return Object.entries(filter).every(([key, wanted]) => {
    if (key === '+order_by' || key === '+order') return true;
    if (key === '+and') return (wanted as Record<string, Json>[]).every((part) => matches(item, part));
    if (key === '+or') return (wanted as Record<string, Json>[]).some((part) => matches(item, part));
    return matchesValue(valueAt(item, key), wanted);
  });
}

/**
 * `items` narrowed and ordered by the request's `X-Filter` header: keys are the collection's
 * filterable fields (dotted for nested ones, `entity.id`), a plain value matches equal values (or
 * lists holding it), operators `+contains`, `+neq`, `+gt`, `+gte`, `+lt`, `+lte`, and `+and`,
 * `+or`, `+order_by`, `+order`. A field that is not filterable, or bad JSON, answers 400.
 */
export function applyFilter<T>(items: readonly T[], request: Request, filterable: readonly string[]): T[] {
  const header = request.headers.get('x-filter');
  if (header === null) return [...items];
  let filter: Record<string, Json>;
  try {
    filter = JSON.parse(header) as Record<string, Json>;
  } catch {
    throw new LinodeRequestError('Invalid JSON in X-Filter header', 'X-Filter');
  }
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter))
    throw new LinodeRequestError('X-Filter must be a JSON object', 'X-Filter');
  checkFilter(filter, filterable);
  const kept = items.filter((item) => matches(item, filter));
  const orderBy = filter['+order_by'];
  if (typeof orderBy !== 'string') return kept;
  const sign = filter['+order'] === 'desc' ? -1 : 1;
  return kept.sort((a, b) => {
    const [x, y] = [valueAt(a, orderBy) as number | string, valueAt(b, orderBy) as number | string];
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/** An ISO 8601 time without zone or milliseconds, as the API writes `created`. */
export function linodeTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}
