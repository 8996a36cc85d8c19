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

/** Deepest attribute path `include` and `exclude` take: `a.b.c`. */
const MAX_PATH_DEPTH = 3;

/**
 * The attribute paths of the `include` or `exclude` query parameter (an array sent `style: form`,
 * not exploded: `exclude=plan,operating_system`, or repeated), each dotted up to 3 levels; deeper
 * paths are ignored.
 */
export function attributePaths(url: URL, name: 'include' | 'exclude'): string[][] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((path) => path.trim())
    .filter((path) => path !== '')
    .map((path) => path.split('.'))
    .filter((parts) => parts.length <= MAX_PATH_DEPTH && parts.every((part) => part !== ''));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` with the nested object(s) at `path` replaced by `change` (each element of an array on the
 * way, or at the end, in turn); what is not an object there is left as it is. Copies what it
 * changes: the fake's records and catalog stay as they were.
 */
function changeAt(value: unknown, path: readonly string[], change: (object: Json) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => changeAt(item, path, change));
  if (!isObject(value)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  const inner = value[head];
  const changed =
    rest.length > 0
      ? changeAt(inner, rest, change)
      : Array.isArray(inner)
        ? inner.map((item) => (isObject(item) ? change(item) : item))
        : isObject(inner)
          ? change(inner)
          : inner;
  return changed === inner ? value : { ...value, [head]: changed };
}

/**
 * One resource of an answer shaped by the request's `include` and `exclude`, as the API reference
 * describes them: "Included objects will return their full attributes" (a nested object given as
 * its `href` alone is replaced by the resource `resolve` finds there; one already whole, or one
 * `resolve` does not know, stays as it is) and "Excluded objects will return only the href
 * attribute" (a nested object, or each object of a nested array, becomes `{ href }`, or `{}` when
 * it has none; a scalar attribute is not an object and stays). Exclusions apply after inclusions.
 * https://deploy.equinix.com/developers/api/metal/ (the `include` and `exclude` parameters)
 */
export function shapeResource<T>(resource: T, url: URL, resolve: (href: string) => unknown): T {
  let shaped: unknown = resource;
  for (const path of attributePaths(url, 'include'))
    shaped = changeAt(shaped, path, (object) => {
      const keys = Object.keys(object);
      if (keys.length !== 1 || typeof object.href !== 'string') return object;
      return resolve(object.href) ?? object;
    });
  for (const path of attributePaths(url, 'exclude'))
    shaped = changeAt(shaped, path, (object) =>
      typeof object.href === 'string' ? { href: object.href } : {},
    );
  return shaped as T;
}
