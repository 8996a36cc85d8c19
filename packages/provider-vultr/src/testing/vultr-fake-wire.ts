/**
 * Wire details every Vultr answer shares: JSON bodies, the error body `{ error, status }`,
 * deterministic ids, and cursor pagination (`per_page`, `cursor`, `meta.total`, `meta.links.next`
 * / `prev`, empty strings on the ends). From Vultr's OpenAPI description, "Response Codes" and
 * "Meta and Pagination" (see `test-fixtures/vultr-openapi.SOURCE.md`).
 */

/** `per_page` default and maximum (the description: "Default is 100 and Max is 500"). */
export const PER_PAGE_DEFAULT = 100;
export const PER_PAGE_MAX = 500;

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** 204, no body. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Vultr's error body: "All 4xx errors will return a JSON response object with an `error` attribute". */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: message, status }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A version-4-shaped UUID that is the same on every run and grows with `counter`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** `2020-10-10T01:56:20+00:00`, as the description writes `date_created`. */
export function vultrDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

// Cursors are opaque strings to clients; here the offset, base64-encoded as Vultr's look.
const cursorOf = (offset: number) => Buffer.from(`next__${offset}`).toString('base64');
function offsetOf(cursor: string | null): number | undefined {
  if (cursor === null || cursor === '') return 0;
  const match = /^next__(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
}

/**
 * One page of `items` for the request's `per_page` and `cursor` (capped at `maxPerPage` when a
 * test asks the fake to page smaller); `undefined` for a cursor the fake never gave.
 */
export function paginate<T>(
  items: readonly T[],
  url: URL,
  maxPerPage = PER_PAGE_MAX,
): { items: T[]; meta: { total: number; links: { next: string; prev: string } } } | undefined {
  const asked = Number(url.searchParams.get('per_page') ?? PER_PAGE_DEFAULT);
  const perPage = Math.max(
    1,
    Math.min(Number.isInteger(asked) ? asked : PER_PAGE_DEFAULT, PER_PAGE_MAX, maxPerPage),
  );
  const offset = offsetOf(url.searchParams.get('cursor'));
  if (offset === undefined) return undefined;
  const page = items.slice(offset, offset + perPage);
  const next = offset + perPage < items.length ? cursorOf(offset + perPage) : '';
  const prev = offset > 0 ? cursorOf(Math.max(0, offset - perPage)) : '';
  return { items: page, meta: { total: items.length, links: { next, prev } } };
}
