/**
 * Wire details every Equinix Metal answer shares, from its OpenAPI description
 * (`test-fixtures/metal-openapi.SOURCE.md`): JSON bodies, the error body `{ errors: [...] }`,
 * deterministic UUIDs, and the listing's pages (`page`, `per_page` at most 1,000, default 10)
 * with `meta` links (`first`, `previous`, `self`, `next`, `last`) and counts.
 */

/** `per_page` when none is asked (the description's default). */
export const PER_PAGE_DEFAULT = 10;
/** The description's maximum `per_page`. */
export const PER_PAGE_MAX = 1000;

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Equinix Metal's error body: `{ "errors": ["sentence"] }`. */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ errors: [message] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A version-4-shaped UUID that is the same on every run and grows with `counter`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/**
 * One page of `items` for the request's `page` and `per_page` (at most `maxPerPage` when set),
 * with the `meta` Equinix Metal sends: links keep the request's other parameters.
 */
export function paginate<T>(items: readonly T[], url: URL, pathPrefix: string, maxPerPage?: number) {
  const asked = Number(url.searchParams.get('per_page') ?? PER_PAGE_DEFAULT);
  const perPage = Math.max(
    1,
    Math.min(
      Number.isInteger(asked) && asked > 0 ? asked : PER_PAGE_DEFAULT,
      PER_PAGE_MAX,
      maxPerPage ?? PER_PAGE_MAX,
    ),
  );
  const askedPage = Number(url.searchParams.get('page') ?? 1);
  const page = Number.isInteger(askedPage) && askedPage > 0 ? askedPage : 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (number: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(number));
    query.set('per_page', String(perPage));
    return { href: `${pathPrefix}?${query.toString()}` };
  };
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    meta: {
      first: link(1),
      ...(page > 1 ? { previous: link(Math.min(page - 1, lastPage)) } : {}),
      self: link(page),
      ...(page < lastPage ? { next: link(page + 1) } : {}),
      last: link(lastPage),
      current_page: page,
      last_page: lastPage,
      total: items.length,
    },
  };
}

/** A request's JSON body as an object; `{}` when there is none. */
export async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  const text = await request.clone().text();
  if (text.trim() === '') return {};
  const body = JSON.parse(text) as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SyntaxError('not an object');
  return body as Record<string, unknown>;
}
