import { defineErrorCodes } from '@provision/testkit/fake-cloud';

/**
 * Wire details every Hetzner Cloud answer shares: JSON bodies, the error table, `meta.pagination`
 * and label selectors. Sources: Hetzner's API reference (https://docs.hetzner.cloud/reference/cloud,
 * "Errors", "Pagination", "Rate Limiting", "Labels") and its OpenAPI description
 * (`test-fixtures/hetzner-openapi.trimmed.json`).
 */

/** Hetzner's error codes with their HTTP statuses ("Errors" in the reference). */
export const hetznerErrors = defineErrorCodes(
  {
    unauthorized: { status: 401, code: 'unauthorized', message: 'unable to authenticate' },
    forbidden: { status: 403, code: 'forbidden', message: 'insufficient permissions for this request' },
    invalidInput: { status: 400, code: 'invalid_input', message: (detail) => detail ?? 'invalid input' },
    jsonError: { status: 400, code: 'json_error', message: 'invalid JSON in request body' },
    notFound: { status: 404, code: 'not_found', message: (detail) => detail ?? 'resource not found' },
    locked: { status: 423, code: 'locked', message: 'the resource is locked: an action is running' },
    uniqueness: {
      status: 409,
      code: 'uniqueness_error',
      message: (detail) => `${detail ?? 'name'} is already used`,
    },
    resourceInUse: { status: 422, code: 'resource_in_use', message: 'Firewall still applied to a resource' },
    firewallResourceNotFound: {
      status: 404,
      code: 'firewall_resource_not_found',
      message: (detail) => detail ?? 'the resource the firewall should be applied to was not found',
    },
    firewallAlreadyApplied: {
      status: 422,
      code: 'firewall_already_applied',
      message: 'Firewall is already applied to resource',
    },
    limitExceeded: {
      status: 403,
      code: 'resource_limit_exceeded',
      message: (detail) => detail ?? 'project limit exceeded',
    },
    unavailable: {
      status: 403,
      code: 'resource_unavailable',
      message: (detail) => detail ?? 'resource unavailable',
    },
    rateLimited: {
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'limit of 3600 requests per hour reached',
    },
    serverError: { status: 500, code: 'server_error', message: 'internal server error' },
  },
  (error, headers) =>
    Response.json(
      { error: { code: error.code, message: error.message, details: null } },
      { status: error.status, headers },
    ),
  {
    not_found: 'notFound',
    bad_request: 'jsonError',
    internal_error: 'serverError',
    rate_limited: 'rateLimited',
    invalid_request: 'invalidInput',
    forbidden: 'forbidden',
  },
);

/** Requests an hour per project ("Rate Limiting"). */
export const RATE_LIMIT_PER_HOUR = 3600;

/** `per_page` default and maximum ("Pagination"). */
const PER_PAGE_DEFAULT = 25;
const PER_PAGE_MAX = 50;

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

function number(raw: string | null, fallback: number): number {
  return raw !== null && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallback;
}

/** The page a request asks for, and its `meta.pagination`. `maxPerPage` caps it below 50 (tests). */
export function paginate<T>(items: readonly T[], url: URL, maxPerPage = PER_PAGE_MAX) {
  const perPage = Math.min(
    number(url.searchParams.get('per_page'), PER_PAGE_DEFAULT),
    PER_PAGE_MAX,
    maxPerPage,
  );
  const page = number(url.searchParams.get('page'), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    meta: {
      pagination: {
        page,
        per_page: perPage,
        previous_page: page > 1 ? page - 1 : null,
        next_page: page < last ? page + 1 : null,
        last_page: last,
        total_entries: items.length,
      },
    },
  };
}

/**
 * A label selector read once, as a test of a resource's labels: terms joined by `,` (AND), each
 * `k=v`, `k==v`, `k!=v`, `k` (present), `!k` (absent), `k in (a,b)` or `k notin (a,b)` ("Label
 * Selector"). A listing tests every resource against the same selector: parsing it once, not once
 * per resource, keeps a page of a large project cheap to serve.
 * @throws TypeError for a term of another syntax (answered as `invalid_input`).
 */
export function compileSelector(selector: string): (labels: Readonly<Record<string, string>>) => boolean {
  const terms = (selector.match(/[^,()]+(\([^)]*\))?/g) ?? []).map(
    (raw): ((labels: Readonly<Record<string, string>>) => boolean) => {
      const term = raw.trim();
      const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
      if (set) {
        const key = set[1] as string;
        const values = (set[3] ?? '').split(',').map((value) => value.trim());
        const wanted = set[2] === 'in';
        return (labels) => values.includes(labels[key] as string) === wanted;
      }
      const pair = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
      if (pair) {
        const [, key = '', operator, value] = pair;
        const wanted = operator !== '!=';
        return (labels) => (labels[key] === value) === wanted;
      }
      if (/^![^=!\s]+$/.test(term)) {
        const key = term.slice(1);
        return (labels) => !(key in labels);
      }
      if (/^[^=!\s]+$/.test(term)) return (labels) => term in labels;
      throw new TypeError(`invalid label selector term "${term}"`);
    },
  );
  return (labels) => terms.every((test) => test(labels));
}

/** Whether `labels` match a label selector (see `compileSelector`). @throws TypeError for a bad term. */
export function matchesSelector(labels: Readonly<Record<string, string>>, selector: string): boolean {
  return compileSelector(selector)(labels);
}

/** An ISO 8601 time without milliseconds, with `+00:00`, as the API writes times. */
export function isoTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}
