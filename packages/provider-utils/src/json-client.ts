import {
  sleep as coreSleep,
  type Logger,
  type Operation,
  ProviderApiError,
  type ProvisionError,
  silentLogger,
} from '@provision/core';
import type { z } from 'zod';
import { type ApiErrorDetails, type HttpFailure, mapHttpError } from './map-http-error.js';
import { backoffMs, DEFAULT_RETRY, type RetryOptions, retryAfterMs } from './retry.js';

/** Prefix of every user agent: `provision/<provider>/<version>`. */
export const USER_AGENT_PREFIX = 'provision';

/** How a JSON client is built. */
export interface JsonClientOptions {
  /** Plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** Plugin package version, for the user agent. */
  readonly version: string;
  /** API root, e.g. `'https://api.digitalocean.com'`; may carry a path prefix (the emulator's). */
  readonly baseUrl: string;
  /** Default: `globalThis.fetch`, looked up at each request (so interceptors installed later apply). */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Called before each request; throw `MissingCredentialsError` from here (see `loadCredential`). */
  readonly credential: () => string | Promise<string>;
  /** Headers carrying the credential. Default: `Authorization: Bearer <credential>`. */
  readonly authorize?: (credential: string) => Record<string, string>;
  readonly retry?: RetryOptions | undefined;
  /** Per attempt, in ms. Default 30000. */
  readonly timeoutMs?: number | undefined;
  /** Gets method, path (without query), status, attempt and duration. Never headers or bodies. */
  readonly logger?: Logger | undefined;
  /** Reads the cloud's error body. Default: `{ code: body.code ?? body.id, message: body.message }`. */
  readonly parseError?: (body: unknown, response: Response) => ApiErrorDetails;
  /** Provider-specific mapping; return undefined to fall back to the default. */
  readonly mapError?: (failure: HttpFailure) => ProvisionError | undefined;
  /** For tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One request. */
export interface RequestOptions<T> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the base URL, e.g. `'/v2/droplets/123'`, or an absolute URL under it (pagination links). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly operation: Operation;
  /** Checks the JSON answer; a mismatch becomes `ProviderApiError` (`invalid_response`). */
  readonly schema?: z.ZodType<T>;
  /** Whether repeating the request is harmless. Default: true for GET, PUT and DELETE. Only these are retried after a failure that may have been processed. */
  readonly idempotent?: boolean;
  /** Statuses handed back (with `data` undefined) instead of thrown, e.g. `[404]`. */
  readonly allowStatus?: readonly number[];
  readonly signal?: AbortSignal | undefined;
}

/** A decoded answer. */
export interface JsonResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The validated body; undefined for 204 and for statuses in `allowStatus` that are errors. */
  readonly data: T;
}

/** A small JSON-over-fetch client with retries and error mapping. */
export interface JsonClient {
  request<T = undefined>(options: RequestOptions<T>): Promise<JsonResponse<T>>;
}

function defaultParseError(body: unknown): ApiErrorDetails {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { code: text(record.code) ?? text(record.id), message: text(record.message) };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

/**
 * Builds a client. Retries: requests that are safe to repeat are retried after network errors,
 * timeouts, 5xx and 408; any request is retried after 429 (and 503 with `Retry-After`), which the
 * cloud did not process. Waits use exponential backoff with full jitter, or the cloud's
 * `Retry-After` when it gives one; a wait longer than `retry.maxDelayMs` is not slept: the error
 * (for 429, `RateLimitError` with `retryAfterMs`) goes to the caller instead.
 */
export function createJsonClient(options: JsonClientOptions): JsonClient {
  const provider = options.provider;
  const logger = options.logger ?? silentLogger;
  const retry = { ...DEFAULT_RETRY, ...stripUndefined(options.retry ?? {}) };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? coreSleep;
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorize =
    options.authorize ?? ((credential: string) => ({ authorization: `Bearer ${credential}` }));
  const userAgent = `${USER_AGENT_PREFIX}/${provider}/${options.version}`;

  const urlFor = (path: string, query: RequestOptions<unknown>['query']) => {
    const url = new URL(/^https?:\/\//.test(path) ? path : `${base}${path}`);
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  };

  async function request<T>(request: RequestOptions<T>): Promise<JsonResponse<T>> {
    const { method, operation } = request;
    const idempotent = request.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const url = urlFor(request.path, request.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, authorize(await options.credential()));
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const fail = (message: string, code: string, retryable: boolean, status?: number) =>
      new ProviderApiError(message, { provider, operation, code, retryable, status });

    for (let attempt = 0; ; attempt++) {
      const attemptsLeft = attempt < retry.maxRetries;
      const started = Date.now();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      let response: Response;
      try {
        const fetchImpl = options.fetch ?? globalThis.fetch;
        response = await fetchImpl(url, { method, headers, body, signal });
      } catch (cause) {
        if (request.signal?.aborted) throw request.signal.reason;
        const timedOut = timeout.aborted;
        logger.debug('request failed', {
          provider,
          operation,
          method,
          path: url.pathname,
          attempt,
          error: timedOut ? 'timeout' : 'network',
        });
        if (idempotent && attemptsLeft) {
          await sleep(backoffMs(attempt, retry), request.signal);
          continue;
        }
        // The cause is dropped on purpose: fetch errors can carry the request, headers included.
        void cause;
        throw timedOut
          ? fail(
              `${provider} did not answer ${method} ${url.pathname} within ${timeoutMs} ms.`,
              'timeout',
              true,
            )
          : fail(
              `Could not reach ${provider} (${method} ${url.pathname}): the connection failed.`,
              'network_error',
              true,
            );
      }
      const status = response.status;
      logger.debug('request', {
        provider,
        operation,
        method,
        path: url.pathname,
        status,
        attempt,
        ms: Date.now() - started,
      });

      if (response.ok || request.allowStatus?.includes(status)) {
        let json: unknown;
        try {
          json = await readJson(response);
        } catch {
          throw fail(
            `${provider} answered ${method} ${url.pathname} with a body that is not JSON.`,
            'invalid_response',
            false,
            status,
          );
        }
        if (!response.ok || request.schema === undefined)
          return { status, headers: response.headers, data: (response.ok ? json : undefined) as T };
        const parsed = request.schema.safeParse(json);
        if (!parsed.success) {
          const where = parsed.error.issues[0]?.path.join('.') || '(root)';
          throw fail(
            `${provider} answered ${method} ${url.pathname} with an unexpected body (at ${where}).`,
            'invalid_response',
            false,
            status,
          );
        }
        return { status, headers: response.headers, data: parsed.data };
      }

      let errorBody: unknown;
      try {
        errorBody = await readJson(response);
      } catch {
        errorBody = undefined;
      }
      const details = (options.parseError ?? defaultParseError)(errorBody, response);
      const failure: HttpFailure = { status, details, headers: response.headers, operation, provider };
      const error = options.mapError?.(failure) ?? mapHttpError(failure);
      const notProcessed = status === 429 || (status === 503 && response.headers.has('retry-after'));
      const transient = status >= 500 || status === 408;
      if (attemptsLeft && (notProcessed || (idempotent && transient))) {
        const asked = notProcessed ? retryAfterMs(response.headers) : undefined;
        const wait = asked ?? backoffMs(attempt, retry);
        if (wait <= retry.maxDelayMs) {
          await sleep(wait, request.signal);
          continue;
        }
      }
      throw error;
    }
  }
  return { request };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
