import { answerFault, isAnswerFault } from './fault-answers.js';
import { FaultPlan, type FaultSpec, type RequestFault } from './faults.js';
import { Lifecycle } from './lifecycle.js';
import { NETWORK_ERROR, type NetworkError } from './network-error.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { ResourceStore } from './resource-store.js';
import { type RouteContext, type RouteHandler, RouteResponse } from './route-context.js';
import {
  type BaseUrl,
  MAIN_BASE,
  type OperationName,
  parseBaseUrl,
  type RouteInfo,
  type RouteMatch,
  Router,
  resolveBase,
} from './router.js';

/** Options every fake cloud passes to `FakeCloud`. */
export interface FakeCloudOptions {
  /** Plugin id, e.g. `'digitalocean'`. */
  provider: string;
  /** The real API's base URL, e.g. `'https://api.digitalocean.com'`; routes are relative to its path. */
  baseUrl: string;
  /**
   * Further base URLs the cloud answers under, by name, for clouds spread over several origins
   * (Azure's token endpoint `https://login.microsoftonline.com` beside `https://management.azure.com`).
   * A route names its base with `route(..., { base })`; `baseUrl` is the base named `'main'`.
   */
  bases?: Readonly<Record<string, string>>;
  /** Literal path segments match whatever their letter case, as Azure Resource Manager does. Default false. */
  caseInsensitivePaths?: boolean;
  /** A resource reaches its ready state on this read after creation. Default 2. */
  readsUntilActive?: number;
  /** Throttles requests like the real cloud (in real time, or counted in requests). Default: no limit. */
  rateLimit?: RateLimitOptions;
}

/** A resource that is still there, as `leftovers()` reports it. */
export interface Leftover {
  kind: string;
  id: string;
  description: string;
}

/** Selects what `setSoldOut` makes unavailable; an omitted field matches every value. */
export interface CapacitySelector {
  region?: string;
  plan?: string;
}

/** Options of one `route()`. */
export interface RouteOptions {
  /** The base URL the pattern is relative to, by name (see `FakeCloudOptions.bases`). Default `'main'`. */
  base?: string;
}

/** Options of one `handle()` call. */
export interface HandleOptions {
  /**
   * The fault that breaks this request, decided by the caller (the emulator's fault dice). It wins
   * over faults queued with `injectFault`, which are consulted only when this is undefined. Held by
   * this request alone: concurrent requests cannot take it from each other.
   */
  fault?: RequestFault;
  /**
   * The URL as the client addressed it (its scheme, Host header, path and query), when something
   * between them (the emulator) rewrote the request onto this fake's base URL: what a signature
   * over the request covers (EC2's SigV4). Default: the request's own URL. Routing and the request
   * log use the request's URL either way.
   */
  clientUrl?: URL;
}

/** Operation name logged for a request no route matched. */
export const UNMATCHED_OPERATION = 'unmatched';

/**
 * Base of every fake cloud: a stateful stand-in for a cloud's HTTP API, written from its API
 * reference. Subclasses register routes and say how the cloud spells its errors; the base adds
 * resource stores, read-counted lifecycles, fault injection, a rate limit and a request log.
 *
 * Framework-agnostic at heart (`handle()` takes a `Request`), so msw (`toMswHandlers()`) and a real
 * HTTP server can both serve it.
 *
 * Generic error codes the base passes to `errorResponse`: `'not_found'` (no route, 404),
 * `'bad_request'` (body not JSON, 400), `'internal_error'` (injected 500 or a handler that threw),
 * `'rate_limited'` (429). Subclasses translate them into the cloud's own words.
 */
export abstract class FakeCloud {
  readonly provider: string;
  readonly baseUrl: string;
  /** Every base URL the cloud answers under, by name; `main` is `baseUrl`. */
  readonly baseUrls: Readonly<Record<string, string>>;
  readonly readsUntilActive: number;
  /** Counts reads of a resource; see `Lifecycle`. */
  readonly lifecycle: Pick<Lifecycle, 'read' | 'restart'>;

  readonly #bases: readonly BaseUrl[];
  readonly #caseInsensitive: boolean;
  readonly #lifecycle: Lifecycle;
  readonly #router: Router;
  readonly #faults = new FaultPlan();
  readonly #log = new RequestLog();
  // biome-ignore lint/suspicious/noExplicitAny: stores of every item type live side by side.
  readonly #stores: ResourceStore<any>[] = [];
  readonly #asyncFailures = new Map<string, string[]>();
  readonly #rateLimiter: RateLimiter | undefined;
  #soldOut: CapacitySelector[] = [];

  constructor(options: FakeCloudOptions) {
    this.provider = options.provider;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    if (options.bases?.[MAIN_BASE] !== undefined)
      throw new TypeError(`"${MAIN_BASE}" names baseUrl; give the further bases other names.`);
    const named = { [MAIN_BASE]: this.baseUrl, ...options.bases };
    this.baseUrls = Object.fromEntries(
      Object.entries(named).map(([name, url]) => [name, url.replace(/\/+$/, '')]),
    );
    this.#bases = Object.entries(this.baseUrls).map(([name, url]) => parseBaseUrl(name, url));
    this.#caseInsensitive = options.caseInsensitivePaths ?? false;
    this.#router = new Router({ caseInsensitive: this.#caseInsensitive });
    this.readsUntilActive = options.readsUntilActive ?? 2;
    this.#lifecycle = new Lifecycle(this.readsUntilActive);
    this.lifecycle = this.#lifecycle;
    this.#rateLimiter = options.rateLimit === undefined ? undefined : new RateLimiter(options.rateLimit);
  }

  /**
   * Registers a route. `pattern` is relative to the base URL's path, with `:param` segments
   * (`'/v2/droplets/:id'`). `operation` names the request in the log and for fault targeting;
   * a function reads it from the request (e.g. EC2's `Action`). `options.base` picks another of
   * the cloud's base URLs.
   * @throws TypeError when `options.base` names no base URL of this cloud.
   */
  protected route(
    method: string,
    pattern: string,
    operation: OperationName,
    handler: RouteHandler,
    options: RouteOptions = {},
  ): void {
    const base = options.base ?? MAIN_BASE;
    if (this.baseUrls[base] === undefined)
      throw new TypeError(`Route ${method} ${pattern}: "${base}" is not one of this cloud's base URLs.`);
    this.#router.add(method, pattern, operation, handler, base);
  }

  /**
   * Runs before any route is matched, for every request that is not broken by a fault: a cloud
   * that checks credentials first (a bad token gets 401 even on an unknown path) throws here with
   * `fail()`. Default: nothing.
   */
  protected beforeRoute(_request: Request, _base: string): void {}

  /** The cloud's error body and status. Every fault, unmatched route and rejected body uses it. */
  protected abstract errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response;

  /** Extra headers on every response (e.g. DigitalOcean's `ratelimit-*`). Default: none. */
  protected responseHeaders(): Record<string, string> {
    return {};
  }

  /** Every registered route (method, pattern, base, operation), in the order registered. */
  get routes(): readonly RouteInfo[] {
    return this.#router.list();
  }

  /** Answers at once from inside a route handler with the cloud's error. */
  protected fail(status: number, code: string, message: string, headers?: Record<string, string>): never {
    throw new RouteResponse(this.errorResponse(status, code, message, headers));
  }

  /**
   * The whole cloud: matches a route, applies the fault (`options.fault`, else the next injected
   * one) and the rate limit, logs, answers.
   */
  async handle(request: Request, options: HandleOptions = {}): Promise<Response | NetworkError> {
    const url = new URL(request.url);
    const resolved = resolveBase(this.#bases, url, this.#caseInsensitive);
    const path = resolved?.path;
    const body = request.body === null ? '' : await request.clone().text();
    const match =
      resolved === undefined ? undefined : this.#router.match(request.method, resolved.path, resolved.base);
    const operation = operationOf(match, url, body);
    const log = (status: RequestLogEntry['status'], spec?: RequestFault) =>
      this.#log.add({
        operation,
        method: request.method,
        path: (path ?? url.pathname) + url.search,
        status,
        ...(spec === undefined ? {} : { fault: spec.kind }),
        ...(body === '' ? {} : { body }),
      });

    const fault = options.fault ?? this.#faults.take(operation);
    let response: Response;
    if (fault?.kind === 'connection-reset') {
      log('network-error', fault);
      return NETWORK_ERROR;
    } else if (fault?.kind === 'lost-response') {
      await this.#run(request, url, resolved?.base, match, operation, body, options.clientUrl);
      log('network-error', fault);
      return NETWORK_ERROR;
    } else if (fault?.kind === 'http-500') {
      response = this.errorResponse(500, 'internal_error', 'Internal server error (injected fault).');
    } else if (fault?.kind === 'rate-limit') {
      const seconds = fault.retryAfterSeconds ?? 1;
      response = this.errorResponse(429, 'rate_limited', 'Too many requests (injected fault).', {
        'retry-after': String(seconds),
      });
    } else if (fault !== undefined && isAnswerFault(fault.kind)) {
      response = answerFault(fault, request, body, (status, code, message) =>
        this.errorResponse(status, code, message),
      );
    } else {
      const retryAfter = this.#rateLimiter?.take();
      response =
        retryAfter === undefined
          ? await this.#run(request, url, resolved?.base, match, operation, body, options.clientUrl)
          : this.errorResponse(429, 'rate_limited', 'Too many requests.', {
              'retry-after': String(retryAfter),
            });
    }
    response = this.#withHeaders(response);
    log(response.status, fault);
    return response;
  }

  /** A named resource store; every store's contents appear in `leftovers()` and are emptied by `reset()`. */
  protected store<T extends { id: string }>(kind: string, describe?: (item: T) => string): ResourceStore<T> {
    const store = new ResourceStore<T>(kind, describe);
    this.#stores.push(store);
    return store;
  }

  /** Fails matching requests; see `FaultSpec`. */
  injectFault(fault: FaultSpec): void {
    this.#faults.inject(fault);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Faults injected and not yet used up. */
  get pendingFaults(): readonly FaultSpec[] {
    return this.#faults.pending;
  }

  /**
   * The next creation of `operation` commits but fails asynchronously: the create handler calls
   * `takeAsyncFailure(operation)` and puts the resource in the cloud's failed state with the reason.
   */
  failNextCreation(operation: string, reason: string): void {
    const queue = this.#asyncFailures.get(operation) ?? [];
    queue.push(reason);
    this.#asyncFailures.set(operation, queue);
  }

  /** The reason queued by `failNextCreation(operation)`, once; `undefined` when none is queued. */
  protected takeAsyncFailure(operation: string): string | undefined {
    return this.#asyncFailures.get(operation)?.shift();
  }

  /** Makes a region, a plan, or a plan in one region sold out; create handlers ask `hasCapacity`. */
  setSoldOut(selector: CapacitySelector): void {
    this.#soldOut.push({ ...selector });
  }

  /** `false` when a `setSoldOut` selector matches. */
  protected hasCapacity(region: string, plan: string): boolean {
    return !this.#soldOut.some(
      (selector) =>
        (selector.region === undefined || selector.region === region) &&
        (selector.plan === undefined || selector.plan === plan),
    );
  }

  /** Every request so far, in order. */
  get requests(): readonly RequestLogEntry[] {
    return this.#log.entries;
  }

  /** Number of logged requests, optionally only of one operation. */
  count(operation?: string): number {
    return this.#log.count(operation);
  }

  /** A position in the log: `since(mark())` later returns the requests sent after it. */
  mark(): number {
    return this.#log.mark();
  }

  /** Requests logged after `mark()` returned `seq`. */
  since(seq: number): RequestLogEntry[] {
    return this.#log.since(seq);
  }

  /** Everything still existing in any store. */
  leftovers(): Leftover[] {
    return this.#stores.flatMap((store) =>
      store.values().map((item: { id: string }) => ({
        kind: store.kind,
        id: item.id,
        description: store.describe(item),
      })),
    );
  }

  /**
   * How many resources of `kind` the cloud ever created (deleted ones included). What the
   * contract counts to tell a cloud-side duplicate from an idempotent repeat of a create request.
   */
  createdCount(kind: string): number {
    return this.#stores.filter((store) => store.kind === kind).reduce((sum, store) => sum + store.created, 0);
  }

  /** Empties stores (and restarts their ids), the log, faults, lifecycles, queued failures and sold-out marks. */
  reset(): void {
    for (const store of this.#stores) store.clear();
    this.#log.clear();
    this.#faults.clear();
    this.#lifecycle.clear();
    this.#asyncFailures.clear();
    this.#soldOut = [];
    this.#rateLimiter?.reset();
  }

  async #run(
    request: Request,
    url: URL,
    base: string | undefined,
    match: RouteMatch | undefined,
    operation: string,
    body: string,
    clientUrl: URL | undefined,
  ): Promise<Response> {
    try {
      if (base !== undefined) this.beforeRoute(request, base);
    } catch (error) {
      if (error instanceof RouteResponse) return error.response;
      return this.errorResponse(500, 'internal_error', 'The fake cloud failed before routing.');
    }
    if (match === undefined)
      return this.errorResponse(404, 'not_found', `No route for ${request.method} ${url.pathname}.`);
    const context: RouteContext = {
      request,
      url,
      clientUrl: clientUrl ?? url,
      params: match.params,
      operation,
      json: async <T>() => {
        try {
          return JSON.parse(body) as T;
        } catch {
          throw new RouteResponse(
            this.errorResponse(400, 'bad_request', 'The request body is not valid JSON.'),
          );
        }
      },
      form: async () => new URLSearchParams(body),
    };
    try {
      return await match.handler(context);
    } catch (error) {
      if (error instanceof RouteResponse) return error.response;
      const message = error instanceof Error ? error.message : String(error);
      return this.errorResponse(500, 'internal_error', `The fake cloud failed: ${message}`);
    }
  }

  #withHeaders(response: Response): Response {
    const extra = Object.entries(this.responseHeaders());
    if (extra.length === 0) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of extra) if (!headers.has(name)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

function operationOf(match: RouteMatch | undefined, url: URL, body: string): string {
  if (match === undefined) return UNMATCHED_OPERATION;
  return typeof match.operation === 'string' ? match.operation : match.operation({ url, body });
}
