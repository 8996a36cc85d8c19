import type { FakeCloud } from '../fake-cloud/fake-cloud.js';
import type { OpenApiDocument, OpenApiSchema } from './openapi-document.js';
import {
  type RequestToCheck,
  type ResponseToCheck,
  requestErrors,
  responseErrors,
} from './openapi-validator.js';
import { schemaErrors } from './schema-errors.js';

/** Checks exchanges against a description in a format other than OpenAPI (OVH's own schema). */
export interface DescriptionValidator {
  requestErrors(request: RequestToCheck): string[];
  responseErrors(response: ResponseToCheck): string[];
}

/** Options of `createFakeConformance`. */
export interface FakeConformanceOptions<Fake extends FakeCloud = FakeCloud> {
  /** The trimmed description (an OpenAPI 3 document), or a validator for another format. */
  readonly description: OpenApiDocument | DescriptionValidator;
  /** The fake the current test talks to (a function: tests make a fresh one each). */
  readonly fake: () => Fake;
  /**
   * The URL the description's paths hang from (`https://api.vultr.com/v2`): a request's path is
   * checked without this prefix, and `send()` puts it before the path it is given.
   */
  readonly baseUrl: string;
  /**
   * `'handle'` (default): each request goes straight to `fake().handle()`, nothing in between.
   * `'fetch'`: through `globalThis.fetch`, which msw routes to the fake (`setupFakeServer`).
   */
  readonly transport?: 'handle' | 'fetch';
  /** Headers `send()` sets (the credential): fixed, or made per request (a signing cloud). */
  readonly headers?:
    | Readonly<Record<string, string>>
    | ((request: { method: string; url: string; body: string }) => Record<string, string>);
  /** Spells a path (with its query) as the description does, for a cloud whose routes ignore case. */
  readonly canonicalPath?: (path: string) => string;
  /**
   * Where the description is known to be wrong and the fake follows the cloud: a problem matching
   * a pattern is let through. Each entry says why; anything else fails.
   */
  readonly descriptionGaps?: ReadonlyArray<readonly [pattern: RegExp, why: string]>;
  /** Operations the description does not cover (a token endpoint, operation polls): not checked. */
  readonly undescribed?: readonly string[];
  /**
   * The shape of every error answer (status 400 and up), checked instead of the description, for a
   * description that lists only successes. A function gets the status (a body that repeats it).
   */
  readonly errorSchema?: OpenApiSchema | ((status: number) => OpenApiSchema);
  /** Which requests are checked; default all. (A cloud's deliberately refused requests, say.) */
  readonly checkRequest?: (exchange: { readonly url: URL; readonly status: number }) => boolean;
  /**
   * Whether request headers are checked as the description's header parameters. Default true;
   * false for a header the validator cannot read (JSON in a header: check it in `requestChecks`).
   */
  readonly checkRequestHeaders?: boolean;
  /** More checks of a request than the description's parameters and body (a JSON-valued header). */
  readonly requestChecks?: (request: Request, path: string) => string[];
}

/** One request and its answer, as checked. */
export interface ConformanceExchange {
  /** The fake's operation that answered, or `'unknown'`. */
  readonly operation: string;
  readonly method: string;
  /** Relative to `baseUrl`, with the query, spelled as the description does. */
  readonly path: string;
  /** The answer's status, or `'network-error'` when the fake dropped the connection (nothing to check). */
  readonly status: number | 'network-error';
  readonly requestErrors: readonly string[];
  readonly responseErrors: readonly string[];
}

/** What `createFakeConformance` returns. */
export interface ConformanceCheck {
  /** A `fetch` for the plugin (its settings' `fetch`): every exchange is checked and recorded. */
  readonly fetch: typeof fetch;
  /** The description's checks, for a test of the check itself (a broken request is caught). */
  readonly validator: DescriptionValidator;
  /** Sends one request to `baseUrl` + `path` with the credential headers; a string body goes as it is. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The exchanges since the last `reset()`, oldest first (a test may remove one it expects to break). */
  readonly exchanges: ConformanceExchange[];
  /** The exchange that produced this response. */
  exchangeOf(response: Response): ConformanceExchange | undefined;
  /** The exchanges since `reset()` that break the description. Empty when all conform. */
  broken(): ConformanceExchange[];
  /**
   * The operations of the fake's routes that no exchange since `reset()` (or, with `'file'`, ever)
   * answered with a success; `only` narrows the routes asked about.
   */
  unansweredRoutes(options?: {
    readonly since?: 'reset' | 'file';
    readonly only?: (operation: string) => boolean;
  }): string[];
  /** Forgets the exchanges (not the operations answered over the file). */
  reset(): void;
}

const JSON_TYPE = /[/+]json\b/i;

/** A 2xx: the route answered as it does when all goes well. */
const succeeded = (status: number | 'network-error'): boolean =>
  typeof status === 'number' && status >= 200 && status < 300;

/** The parsed body of a request or answer: JSON, a form as a record, or undefined for none or other. */
function readBody(text: string, contentType: string | null): { body?: unknown; opaque: boolean } {
  if (text === '') return { opaque: false };
  if ((contentType ?? '').includes('x-www-form-urlencoded'))
    return { body: Object.fromEntries(new URLSearchParams(text)), opaque: false };
  if (contentType === null || JSON_TYPE.test(contentType)) {
    try {
      return { body: JSON.parse(text), opaque: false };
    } catch {
      return { opaque: true };
    }
  }
  return { opaque: true };
}

function validatorOf(description: OpenApiDocument | DescriptionValidator): DescriptionValidator {
  if ('paths' in description)
    return {
      requestErrors: (request) => requestErrors(description, request),
      responseErrors: (response) => responseErrors(description, response),
    };
  return description;
}

/**
 * Holds a fake cloud, and a plugin talking to it, to the cloud's own machine-readable API
 * description: every request and every answer that passes through `fetch` (or `send`) is checked
 * against it and recorded, with the fake's operation that answered, so a test can assert that all
 * conformed and that every route the fake serves was exercised. Runner-agnostic: it asserts
 * nothing itself (`useFakeConformance` in `@provision/testkit` is the vitest wrapper).
 */
export function createFakeConformance<Fake extends FakeCloud>(
  options: FakeConformanceOptions<Fake>,
): ConformanceCheck {
  const validator = validatorOf(options.description);
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const undescribed = new Set(options.undescribed ?? []);
  const gaps = options.descriptionGaps ?? [];
  const exchanges: ConformanceExchange[] = [];
  const byResponse = new WeakMap<Response, ConformanceExchange>();
  const answeredInFile = new Set<string>();
  const real = (problems: string[]) =>
    problems.filter((problem) => !gaps.some(([pattern]) => pattern.test(problem)));

  const relativePath = (url: URL): string => {
    const path =
      url.origin === base.origin && url.pathname.startsWith(basePath)
        ? url.pathname.slice(basePath.length)
        : url.pathname;
    const full = path + url.search;
    return options.canonicalPath === undefined ? full : options.canonicalPath(full);
  };

  const answer = async (request: Request): Promise<Response> => {
    if (options.transport === 'fetch') return globalThis.fetch(request);
    const response = await options.fake().handle(request);
    if (!(response instanceof Response)) throw new TypeError('fetch failed');
    return response;
  };

  const checkedFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.body === null ? '' : await request.clone().text();
    const path = relativePath(url);
    const sent = readBody(text, request.headers.get('content-type'));
    const mark = options.fake().mark();
    const answeredBy = (): string =>
      options
        .fake()
        .since(mark)
        .filter(
          (entry) => entry.method === request.method && (url.pathname + url.search).endsWith(entry.path),
        )
        .at(-1)?.operation ?? 'unknown';
    const requestProblems = (operation: string, status: number): string[] =>
      !undescribed.has(operation) && (options.checkRequest?.({ url, status }) ?? true)
        ? [
            ...validator
              .requestErrors({
                method: request.method,
                path,
                ...(options.checkRequestHeaders === false
                  ? {}
                  : { headers: Object.fromEntries(request.headers) }),
                ...(sent.body === undefined ? {} : { body: sent.body }),
              })
              // A body the validator cannot read (plain text) was still sent.
              .filter((problem) => !(sent.opaque && problem.endsWith('a request body is required'))),
            ...(options.requestChecks?.(request, path) ?? []),
          ]
        : [];
    let response: Response;
    try {
      response = await answer(request.clone());
    } catch (error) {
      // A dropped connection (an injected fault): no answer to check, but the request still is.
      const operation = answeredBy();
      exchanges.push({
        operation,
        method: request.method,
        path,
        status: 'network-error',
        requestErrors: real(requestProblems(operation, 0)),
        responseErrors: [],
      });
      throw error;
    }
    const operation = answeredBy();
    const checked = !undescribed.has(operation);
    const received = readBody(await response.clone().text(), response.headers.get('content-type'));
    const responseProblems: string[] = [];
    if (checked && received.opaque)
      responseProblems.push(`${request.method} ${path} ${response.status}: the answer is not JSON`);
    else if (checked && response.status >= 400 && options.errorSchema !== undefined) {
      const schema =
        typeof options.errorSchema === 'function'
          ? options.errorSchema(response.status)
          : options.errorSchema;
      responseProblems.push(...schemaErrors(received.body, schema, `${operation} ${response.status} error`));
    } else if (checked)
      responseProblems.push(
        ...validator.responseErrors({
          method: request.method,
          path,
          status: response.status,
          headers: Object.fromEntries(response.headers),
          ...(received.body === undefined ? {} : { body: received.body }),
        }),
      );
    const exchange: ConformanceExchange = {
      operation,
      method: request.method,
      path,
      status: response.status,
      requestErrors: real(requestProblems(operation, response.status)),
      responseErrors: real(responseProblems),
    };
    exchanges.push(exchange);
    byResponse.set(response, exchange);
    if (succeeded(response.status)) answeredInFile.add(operation);
    return response;
  };

  return {
    fetch: checkedFetch,
    validator,
    send(method, path, body, headers = {}) {
      const url = `${options.baseUrl.replace(/\/$/, '')}${path}`;
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const fixed =
        typeof options.headers === 'function'
          ? options.headers({ method, url, body: text })
          : (options.headers ?? {});
      return checkedFetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...fixed, ...headers },
        ...(body === undefined ? {} : { body: text }),
      });
    },
    exchanges,
    exchangeOf: (response) => byResponse.get(response),
    broken: () =>
      exchanges.filter((exchange) => exchange.requestErrors.length + exchange.responseErrors.length > 0),
    unansweredRoutes({ since = 'reset', only } = {}) {
      const answered =
        since === 'file'
          ? answeredInFile
          : new Set(
              exchanges
                .filter((exchange) => succeeded(exchange.status))
                .map((exchange) => exchange.operation),
            );
      const served = options
        .fake()
        .routes.map((route) => route.operation)
        .filter((operation): operation is string => operation !== undefined)
        .filter((operation) => only === undefined || only(operation));
      return [...new Set(served)].filter((operation) => !answered.has(operation)).sort();
    },
    reset() {
      exchanges.length = 0;
    },
  };
}
