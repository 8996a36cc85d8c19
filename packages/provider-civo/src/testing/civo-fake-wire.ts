/**
 * Wire details every Civo answer shares: JSON bodies, the error body `{ code, reason, result }`,
 * deterministic ids, request bodies as JSON or form-encoded (the reference's examples send forms,
 * Civo's Go client JSON), and the instance listing's pages (`page`, `per_page`, `pages`, `items`).
 * From Civo's API reference (see `test-fixtures/civo-api.SOURCE.md`).
 */

/** `per_page` of the instance listing when none is asked (the reference: "defaults to 20"). */
export const PER_PAGE_DEFAULT = 20;

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Civo's error body. */
export function errorResponse(
  status: number,
  code: string,
  reason: string,
  headers: Record<string, string> = {},
): Response {
  const result =
    status === 401 ? 'requires_authentication' : status >= 500 ? 'Server error' : 'Request error';
  return new Response(JSON.stringify({ code, reason, result }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A version-4-shaped UUID that is the same on every run and grows with `counter`. */
export function fakeUuid(prefix: string, counter: number): string {
  return `${prefix}-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/**
 * A request's parameters: the JSON body or the form-encoded one, with the query's (`region` may
 * come either way). Arrays are kept as sent in JSON; forms give strings only.
 */
export async function paramsOf(request: Request, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const text = await request.clone().text();
  if (text.trim() === '') return params;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || !/^\s*[{[]/.test(text))
    return { ...params, ...Object.fromEntries(new URLSearchParams(text)) };
  const body = JSON.parse(text) as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SyntaxError('not an object');
  return { ...params, ...(body as Record<string, unknown>) };
}

/** One page of `items` for the request's `page` and `per_page` (at most `maxPerPage` when set). */
export function paginate<T>(items: readonly T[], url: URL, maxPerPage?: number) {
  const asked = Number(url.searchParams.get('per_page') ?? PER_PAGE_DEFAULT);
  const perPage = Math.max(
    1,
    Math.min(
      Number.isInteger(asked) && asked > 0 ? asked : PER_PAGE_DEFAULT,
      maxPerPage ?? Number.MAX_SAFE_INTEGER,
    ),
  );
  const askedPage = Number(url.searchParams.get('page') ?? 1);
  const page = Number.isInteger(askedPage) && askedPage > 0 ? askedPage : 1;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  return { page, per_page: perPage, pages, items: items.slice((page - 1) * perPage, page * perPage) };
}
