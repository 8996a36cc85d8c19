import { defineErrorCodes, type ErrorCodeTable } from '@provision/testkit/fake-cloud';

/**
 * Wire details every Compute Engine answer shares: JSON bodies, the error table and shape, list
 * paging, resource links and the list `filter` syntax. Sources: the Compute Engine v1 discovery
 * document (`test-fixtures/compute-v1.trimmed.json`), "Handling API errors"
 * (https://cloud.google.com/compute/docs/api/handle-api-errors) and the `filter` parameter's
 * description in the discovery document.
 */

/** Links in answers: the API writes them on www.googleapis.com whichever host was called. */
export const LINK_ROOT = 'https://www.googleapis.com/compute/v1';

/** The names of the fake's errors. */
export type GcpErrorName =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'alreadyExists'
  | 'invalid'
  | 'required'
  | 'parseError'
  | 'notReady'
  | 'quota'
  | 'exhausted'
  | 'rateLimited'
  | 'backendError';

/**
 * Compute Engine's error reasons with their HTTP statuses. (Typed explicitly, so a `fail()` call,
 * which never returns, narrows what follows it.)
 */
export const gcpErrors: ErrorCodeTable<GcpErrorName> = defineErrorCodes(
  {
    unauthorized: {
      status: 401,
      code: 'authError',
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    },
    forbidden: {
      status: 403,
      code: 'forbidden',
      message: (detail) => detail ?? 'Required permission is missing.',
    },
    notFound: {
      status: 404,
      code: 'notFound',
      message: (detail) => `The resource '${detail ?? ''}' was not found`,
    },
    alreadyExists: {
      status: 409,
      code: 'alreadyExists',
      message: (detail) => `The resource '${detail ?? ''}' already exists`,
    },
    invalid: { status: 400, code: 'invalid', message: (detail) => detail ?? 'Invalid value.' },
    required: {
      status: 400,
      code: 'required',
      message: (detail) => `Required field '${detail ?? ''}' not specified`,
    },
    parseError: { status: 400, code: 'parseError', message: 'Parse Error' },
    notReady: {
      status: 400,
      code: 'resourceNotReady',
      message: (detail) => `The resource '${detail ?? ''}' is not ready`,
    },
    quota: { status: 403, code: 'quotaExceeded', message: (detail) => detail ?? 'Quota exceeded.' },
    exhausted: {
      status: 503,
      code: 'ZONE_RESOURCE_POOL_EXHAUSTED',
      message: (detail) =>
        `The zone '${detail ?? ''}' does not have enough resources available to fulfill the request. Try a different zone, or try again later.`,
    },
    rateLimited: { status: 429, code: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
    backendError: {
      status: 500,
      code: 'backendError',
      message: 'Internal error. Please try again or contact Google Support.',
    },
  },
  (error, headers) =>
    Response.json(
      {
        error: {
          code: error.status,
          message: error.message,
          errors: [{ message: error.message, domain: 'global', reason: error.code }],
        },
      },
      { status: error.status, headers },
    ),
  {
    not_found: 'notFound',
    bad_request: 'parseError',
    internal_error: 'backendError',
    rate_limited: 'rateLimited',
    invalid_request: 'invalid',
    forbidden: 'forbidden',
  },
);

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/** RFC 3339 with the offset, as the API writes `creationTimestamp`. */
export function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 23)}-00:00`;
}

/** Resource names: RFC 1035 labels. */
export const NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/** The last path segment of a full or partial resource URL. */
export function segment(url: unknown): string {
  return typeof url === 'string' ? (url.split('/').pop() ?? '') : '';
}

/** The page `maxResults` (0-500, default 500) and `pageToken` (an offset, as an opaque string) select. */
export function page<T>(items: readonly T[], url: URL, cap = 500): { items: T[]; nextPageToken?: string } {
  const raw = url.searchParams.get('maxResults');
  const asked = raw !== null && /^\d+$/.test(raw) ? Number(raw) : 500;
  if (asked > 500) gcpErrors.fail('invalid', "Invalid value for field 'maxResults': must be at most 500.");
  const size = Math.max(1, Math.min(asked === 0 ? 500 : asked, cap));
  const token = url.searchParams.get('pageToken');
  const start =
    token === null || token === '' ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString(), 10);
  if (!Number.isInteger(start) || start < 0)
    gcpErrors.fail('invalid', "Invalid value for field 'pageToken'.");
  const slice = items.slice(start, start + size);
  const next =
    start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { items: slice, ...(next === undefined ? {} : { nextPageToken: next }) };
}

type Term = { field: string; operator: string; value: string };

/** Reads `field value`, `field = "v"`, `field eq regex` terms; each parenthesized, or one bare. */
function parseFilter(filter: string): Term[] {
  const text = filter.trim();
  if (text === '') return [];
  const groups = text.startsWith('(')
    ? [...text.matchAll(/\(([^()]*)\)/g)].map((match) => match[1] ?? '')
    : [text];
  if (
    text.startsWith('(') &&
    text
      .replace(/\([^()]*\)/g, '')
      .replace(/\bAND\b/g, '')
      .trim() !== ''
  )
    gcpErrors.fail(
      'invalid',
      `Invalid value for field 'filter': '${filter}'. Invalid list filter expression.`,
    );
  return groups.map((group) => {
    const match = /^\s*([A-Za-z][\w.-]*)\s*(=|!=|eq|ne)\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))\s*$/.exec(
      group,
    );
    if (match === null)
      gcpErrors.fail(
        'invalid',
        `Invalid value for field 'filter': '${filter}'. Invalid list filter expression.`,
      );
    return {
      field: match[1] as string,
      operator: match[2] as string,
      value: match[3] ?? match[4] ?? match[5] ?? '',
    };
  });
}

function fieldValue(resource: unknown, path: string): string | undefined {
  let value: unknown = resource;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Whether a resource (its wire form) matches a list `filter`: `=`/`!=` compare literally,
 * `eq`/`ne` with an RE2 pattern that must match the whole field; terms are ANDed.
 * @throws RouteResponse (400 `invalid`) for a filter of another syntax.
 */
export function matchesFilter(resource: unknown, filter: string | null): boolean {
  if (filter === null) return true;
  return parseFilter(filter).every((term) => {
    const actual = fieldValue(resource, term.field);
    if (term.operator === '=' || term.operator === '!=')
      return (actual === term.value) === (term.operator === '=');
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(`^(?:${term.value})$`);
    } catch {
      pattern = undefined;
    }
    if (pattern === undefined)
      gcpErrors.fail('invalid', `Invalid value for field 'filter': '${filter}'. Invalid regular expression.`);
    return (actual !== undefined && pattern.test(actual)) === (term.operator === 'eq');
  });
}

/** A UUID, as `requestId` must be (not the zero UUID). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
