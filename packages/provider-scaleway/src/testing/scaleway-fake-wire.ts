import { RouteResponse } from '@provision/testkit/fake-cloud';

/**
 * Wire details every Instance API answer shares: JSON bodies, the error body
 * `{ message, type, ... }` (the SDK's `parseScalewayError` reads `type`), deterministic UUIDs,
 * and page-number pagination (`page`, `per_page` up to 100, default 50, the total in the
 * `X-Total-Count` header). https://www.scaleway.com/en/developers/api/instance/#pagination
 */

/** `per_page` default and maximum. */
export const PER_PAGE_DEFAULT = 50;
export const PER_PAGE_MAX = 100;

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** 204, no body. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Scaleway's error body: `type` and `message`, plus the fields of that type. */
export function errorBody(
  status: number,
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ ...extra, message, type }, status, headers);
}

/** Answers at once with a Scaleway error (from deep inside a handler). */
export function fail(
  status: number,
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): never {
  throw new RouteResponse(errorBody(status, type, message, extra));
}

/** `not_found` of one resource, as the API answers a GET of an unknown id. */
export function notFound(resource: string, resourceId: string): never {
  fail(404, 'not_found', 'resource is not found', { resource, resource_id: resourceId });
}

/** A version-4-shaped UUID that is the same on every run and grows with `counter`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** One page of `items` for the request's `page` and `per_page`, with `X-Total-Count`. */
export function paginate<T>(
  items: readonly T[],
  url: URL,
  maxPerPage = PER_PAGE_MAX,
): { items: T[]; headers: Record<string, string> } {
  const page = Number(url.searchParams.get('page') ?? '1');
  const asked = Number(url.searchParams.get('per_page') ?? PER_PAGE_DEFAULT);
  if (!Number.isInteger(page) || page < 1)
    fail(400, 'invalid_arguments', 'page must be a positive integer', {
      details: [{ argument_name: 'page', reason: 'constraint', help_message: 'must be >= 1' }],
    });
  if (!Number.isInteger(asked) || asked < 1 || asked > PER_PAGE_MAX)
    fail(400, 'invalid_arguments', 'per_page must be between 1 and 100', {
      details: [
        { argument_name: 'per_page', reason: 'constraint', help_message: 'must be between 1 and 100' },
      ],
    });
  const perPage = Math.min(asked, maxPerPage);
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), headers: { 'x-total-count': String(items.length) } };
}

/**
 * The query's `tags` filter, read once per request: a resource matches when it carries every
 * listed tag.
 */
export function tagFilter(url: URL): (tags: readonly string[]) => boolean {
  const wanted = (url.searchParams.get('tags') ?? '').split(',').filter((tag) => tag !== '');
  return (tags) => wanted.every((tag) => tags.includes(tag));
}
