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

/** Attribute paths as a tree: `changed` where a path ends, `children` where one goes on. */
interface PathNode {
  changed: boolean;
  readonly children: Map<string, PathNode>;
}

function pathTree(paths: readonly string[][]): PathNode {
  const root: PathNode = { changed: false, children: new Map() };
  for (const parts of paths) {
    let at = root;
    for (const part of parts) {
      let child = at.children.get(part);
      if (child === undefined) {
        child = { changed: false, children: new Map() };
        at.children.set(part, child);
      }
      at = child;
    }
    at.changed = true;
  }
  return root;
}

/**
 * `value` with the nested object(s) where a path of `node` ends replaced by `change` (each element
 * of an array on the way, or at the end, in turn), then the paths going on below applied to what
 * that gave; what is not an object there is left as it is. Copies what it changes, each object
 * once: the fake's records and catalog stay as they were.
 */
function changeAt(value: unknown, node: PathNode, change: (object: Json) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => changeAt(item, node, change));
  if (!isObject(value)) return value;
  let copy: Json | undefined;
  for (const [key, child] of node.children) {
    if (!(key in value)) continue;
    const inner = value[key];
    let changed = inner;
    if (child.changed)
      changed = Array.isArray(inner)
        ? inner.map((item) => (isObject(item) ? change(item) : item))
        : isObject(inner)
          ? change(inner)
          : inner;
    if (child.children.size > 0) changed = changeAt(changed, child, change);
    if (changed !== inner) {
      copy ??= { ...value };
      copy[key] = changed;
    }
  }
  return copy ?? value;
}

/**
 * What shapes each resource of an answer to `url` by the request's `include` and `exclude`, as the
 * API reference describes them: "Included objects will return their full attributes" (a nested
 * object given as its `href` alone is replaced by the resource `resolve` finds there; one already
 * whole, or one `resolve` does not know, stays as it is) and "Excluded objects will return only the
 * href attribute" (a nested object, or each object of a nested array, becomes `{ href }`, or `{}`
 * when it has none; a scalar attribute is not an object and stays). Exclusions apply after
 * inclusions. The parameters are read once per request; with neither, resources pass unchanged.
 * https://deploy.equinix.com/developers/api/metal/ (the `include` and `exclude` parameters)
 */
export function resourceShaper(url: URL, resolve: (href: string) => unknown): <T>(resource: T) => T {
  const include = pathTree(attributePaths(url, 'include'));
  const exclude = pathTree(attributePaths(url, 'exclude'));
  const expand = (object: Json): unknown => {
    const keys = Object.keys(object);
    if (keys.length !== 1 || typeof object.href !== 'string') return object;
    return resolve(object.href) ?? object;
  };
  const trim = (object: Json): Json => (typeof object.href === 'string' ? { href: object.href } : {});
  return <T>(resource: T): T => {
    let shaped: unknown = resource;
    if (include.children.size > 0) shaped = changeAt(shaped, include, expand);
    if (exclude.children.size > 0) shaped = changeAt(shaped, exclude, trim);
    return shaped as T;
  };
}
