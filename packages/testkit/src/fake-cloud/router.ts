import type { RouteHandler } from './route-context.js';

/** How a route names its operation: fixed, or read from the request (Query-protocol clouds put it in the body). */
export type OperationName = string | ((request: { url: URL; body: string }) => string);

interface Route {
  method: string;
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

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** Method + path patterns with `:param` segments, matched in the order they were added. */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, pattern: string, operation: OperationName, handler: RouteHandler): void {
    if (!pattern.startsWith('/')) throw new TypeError(`Route pattern "${pattern}" must start with "/".`);
    this.#routes.push({ method: method.toUpperCase(), segments: split(pattern), operation, handler });
  }

  /** The first route matching `method` and `path` (relative to the cloud's base path), if any. */
  match(method: string, path: string): RouteMatch | undefined {
    const segments = split(path);
    const upper = method.toUpperCase();
    for (const route of this.#routes) {
      if (route.method !== upper || route.segments.length !== segments.length) continue;
      const params = matchSegments(route.segments, segments);
      if (params !== undefined) return { operation: route.operation, handler: route.handler, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const segment = actual[index] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}
