/**
 * Wire details every DigitalOcean answer shares: JSON bodies, error ids and messages, deterministic
 * ids, and `links.pages` pagination. Sources: DigitalOcean's OpenAPI description
 * (github.com/digitalocean/openapi, `specification/description.yml` "HTTP Statuses", "Links &
 * Pagination", "Rate Limit", and `specification/shared/`), plus error messages observed on the wire
 * where the description gives none (see `digitalocean-openapi.SOURCE.md` in test-fixtures).
 */

/** The `id` of DigitalOcean error bodies, per HTTP status (`shared/responses/*.yml`). */
export const ERROR_ID = {
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  notFound: 'not_found',
  conflict: 'conflict',
  unprocessable: 'unprocessable_entity',
  tooManyRequests: 'too_many_requests',
  serverError: 'server_error',
} as const;

/** Messages the description (or the live API) uses for its generic errors. */
export const ERROR_MESSAGE = {
  // `shared/responses/unauthorized.yml`; the live API sends the same text.
  unauthorized: 'Unable to authenticate you.',
  // `shared/models/error.yml` example, also what the live API sends for a missing droplet.
  notFound: 'The resource you were accessing could not be found.',
  // `description.yml`, "Sample Rate Exceeded Response".
  tooManyRequests: 'API Rate limit exceeded.',
  // `shared/responses/server_error.yml`.
  serverError: 'Unexpected server-side error',
  // `shared/responses/bad_request.yml`.
  badRequest: 'error parsing request body',
} as const;

/** Rate limit per token and hour (`description.yml`, "Rate Limit"). */
export const RATE_LIMIT_PER_HOUR = 5000;

/** `per_page` default and maximum (`shared/parameters.yml`). */
export const PER_PAGE_DEFAULT = 20;
export const PER_PAGE_MAX = 200;

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON answer with the content type the API sends. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** 204 with no body; `withContentType` for the operations whose description keeps the content type. */
export function noContent(withContentType: boolean): Response {
  return new Response(null, { status: 204, headers: withContentType ? { 'content-type': JSON_TYPE } : {} });
}

/** The error body `{ id, message, request_id }` (`shared/models/error.yml`). */
export function errorBody(id: string, message: string, requestId: string): DigitalOceanErrorBody {
  return { id, message, request_id: requestId };
}

/** What every DigitalOcean 4xx/5xx answer carries. */
export interface DigitalOceanErrorBody {
  id: string;
  message: string;
  request_id: string;
}

/** A version-4-shaped UUID that is the same on every run: `<prefix>-0000-4000-8000-<counter>`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** An ISO 8601 time without milliseconds, as the API writes `created_at`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `links.pages` as the description shows it: only the links that make sense for this page. */
export interface PageLinks {
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
}

/** One page of a collection, the `links` and `meta` that go with it. */
export interface Page<T> {
  items: T[];
  links: { pages?: PageLinks };
  meta: { total: number };
}

function pageNumber(raw: string | null, fallback: number, max: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  return Math.min(Math.max(Number(raw), 1), max);
}

/**
 * Cuts `items` to the page the request asks for. Links are absolute URLs with `page`
 * first, then `per_page` (only when the request gave it), then the request's other parameters, as in
 * the description's `sizes` example (`.../v2/sizes?page=2&per_page=1`). With everything on one page
 * the answer carries `links: {}` (the `firewalls_list` example). Out-of-range `per_page` is clamped
 * to 1..200 rather than rejected: the description gives no error for it.
 */
export function paginate<T>(items: readonly T[], url: URL, maxPerPage: number = PER_PAGE_MAX): Page<T> {
  const perPage = Math.min(
    pageNumber(url.searchParams.get('per_page'), PER_PAGE_DEFAULT, PER_PAGE_MAX),
    maxPerPage,
  );
  const page = pageNumber(url.searchParams.get('page'), 1, Number.MAX_SAFE_INTEGER);
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (target: number): string => {
    const query = new URLSearchParams();
    query.set('page', String(target));
    if (url.searchParams.has('per_page')) query.set('per_page', String(perPage));
    for (const [name, value] of url.searchParams)
      if (name !== 'page' && name !== 'per_page') query.append(name, value);
    return `${url.origin}${url.pathname}?${query.toString()}`;
  };
  const pages: PageLinks = {};
  if (page > 1) {
    pages.first = link(1);
    pages.prev = link(Math.min(page - 1, lastPage));
  }
  if (page < lastPage) {
    pages.next = link(page + 1);
    pages.last = link(lastPage);
  }
  return { items: slice, links: Object.keys(pages).length === 0 ? {} : { pages }, meta: { total } };
}
