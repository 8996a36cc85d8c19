import type { RouteHandler } from './route-context.js';

/** How a route names its operation: fixed, or read from the request (Query-protocol clouds put it in the body). */
export type OperationName = string | ((request: { url: URL; body: string }) => string);

/** The name of a fake's first base URL (`FakeCloudOptions.baseUrl`); further ones are named in `bases`. */
export const MAIN_BASE = 'main';

/** A registered route as `FakeCloud.routes` lists it, e.g. for a test that every route is held to a description. */
export interface RouteInfo {
  readonly method: string;
  /** As registered, with `:param` segments. */
  readonly pattern: string;
  readonly base: string;
  /** The fixed operation name; undefined when the route reads it from the request. */
  readonly operation: string | undefined;
}

interface Route {
  base: string;
  method: string;
  pattern: string;
  segments: string[];
  operation: OperationName;
  handler: RouteHandler;
}

/** A matched route and the values of its `:param` segments. */
export interface RouteMatch {
  operation: OperationName;
  handler: RouteHandler;
  params: Record<string, string>;
}

/** Options of `Router`. */
export interface RouterOptions {
  /** Literal path segments match whatever their letter case (ARM treats paths so). Default false. */
  caseInsensitive?: boolean;
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/**
 * Method + path patterns with `:param` segments, per base URL, matched in the order they were
 * added. Parameters keep the case they were sent in, even when literal segments ignore it.
 */
export class Router {
  readonly #routes: Route[] = [];
  readonly #caseInsensitive: boolean;

  constructor(options: RouterOptions = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
  }

  add(
    method: string,
    pattern: string,
    operation: OperationName,
    handler: RouteHandler,
    base = MAIN_BASE,
  ): void {
    if (!pattern.startsWith('/')) throw new TypeError(`Route pattern "${pattern}" must start with "/".`);
    const segments = split(pattern).map((segment) =>
      this.#caseInsensitive && !segment.startsWith(':') ? segment.toLowerCase() : segment,
    );
    this.#routes.push({ base, method: method.toUpperCase(), pattern, segments, operation, handler });
  }

  /** Every route, in the order added. */
  list(): RouteInfo[] {
    return this.#routes.map((route) => ({
      method: route.method,
      pattern: route.pattern,
      base: route.base,
      operation: typeof route.operation === 'string' ? route.operation : undefined,
    }));
  }

  /** The first route of `base` matching `method` and `path` (relative to that base's path), if any. */
  match(method: string, path: string, base = MAIN_BASE): RouteMatch | undefined {
    const segments = split(path);
    const upper = method.toUpperCase();
    for (const route of this.#routes) {
      if (route.base !== base || route.method !== upper || route.segments.length !== segments.length)
        continue;
      const params = matchSegments(route.segments, segments, this.#caseInsensitive);
      if (params !== undefined) return { operation: route.operation, handler: route.handler, params };
    }
    return undefined;
  }
}

function matchSegments(
  pattern: string[],
  actual: string[],
  caseInsensitive: boolean,
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const segment = actual[index] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== (caseInsensitive ? segment.toLowerCase() : segment)) {
      return undefined;
    }
  }
  return params;
}

/** One base URL a fake answers under. */
export interface BaseUrl {
  readonly name: string;
  readonly origin: string;
  /** Its path without the trailing slash; `''` for the origin's root. */
  readonly path: string;
}

/** Reads a base URL; `name` says which option it came from in the error. */
export function parseBaseUrl(name: string, url: string): BaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Base URL "${name}" is not a URL: ${url}`);
  }
  return { name, origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}

/**
 * The base a request URL falls under and its path relative to that base: the base whose origin
 * matches and whose path is the longest prefix of the request's (so `/api/login` wins over `/api`).
 * A URL on none of the bases' origins is matched by path alone, so a fake also answers when served
 * from another address (a test server, a proxy) that kept the paths.
 */
export function resolveBase(
  bases: readonly BaseUrl[],
  url: URL,
  caseInsensitive = false,
): { base: string; path: string } | undefined {
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  const pathname = fold(url.pathname);
  const anyOrigin = !bases.some((base) => base.origin === url.origin);
  let best: { base: string; path: string; length: number } | undefined;
  for (const base of bases) {
    if (!anyOrigin && base.origin !== url.origin) continue;
    const prefix = fold(base.path);
    let relative: string | undefined;
    if (prefix === '') relative = url.pathname;
    else if (pathname === prefix) relative = '/';
    else if (pathname.startsWith(`${prefix}/`)) relative = url.pathname.slice(prefix.length);
    if (relative !== undefined && (best === undefined || prefix.length > best.length))
      best = { base: base.name, path: relative, length: prefix.length };
  }
  return best === undefined ? undefined : { base: best.base, path: best.path };
}
