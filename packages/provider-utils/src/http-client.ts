import { sleep as coreSleep, ProviderApiError, silentLogger } from '@provision/core';
import { defineCloudErrors } from './cloud-errors.js';
import { checkEndpoint } from './endpoint.js';
import { decodeAnswer, defaultParseError, encodeBody, parseErrorBody } from './http-body.js';
import type {
  HttpAnswer,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
} from './http-client-options.js';
import { type HttpFailure, mapHttpError } from './map-http-error.js';
import { sendWithNodeHttp } from './node-http-transport.js';
import { rateLimitKey } from './rate-limit-headers.js';
import { type RateLimiter, RateLimitWaitTooLong, sharedRateLimiter } from './rate-limiter.js';
import { readCloudError } from './read-cloud-error.js';
import { redactSent } from './redact-sent.js';
import { DEFAULT_RETRY, retryAfterMs } from './retry.js';
import { decideRetry } from './retry-decision.js';

/** Prefix of every user agent: `provision/<provider>/<version>`. */
export const USER_AGENT_PREFIX = 'provision';

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD']);

// The global `fetch` as the process started (reading it does not load undici; calling it does).
// While it is still the global one, requests go through node:http instead (see
// `sendWithNodeHttp`); a `fetch` put in its place later, such as a test's interceptor, is used.
const STARTING_FETCH = globalThis.fetch;
const MAX_REDIRECTS = 3;

type Sent =
  | { readonly kind: 'answer'; readonly response: Response; readonly text: string }
  | { readonly kind: 'timeout' | 'network'; readonly socketCode?: string | undefined };

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Builds a client for a cloud's HTTP API.
 *
 * - Bodies: JSON (`body`), form-encoded (`form`) or raw text such as XML (`text`); answers are read
 *   by `parse` (JSON by default) and checked by the request's `schema`. A success that is empty
 *   where a body is expected, or that does not parse, is `ProviderApiError` (`invalid_response`).
 * - Credentials: `credential` + `authorize` (a bearer token by default), and `sign` per attempt.
 *   After a 401, `onUnauthorized` (when given) refreshes and the request goes once more.
 * - Redirects are never followed to another origin, nor for a method other than GET or HEAD: the
 *   credentials and the body stay where they were sent. A same-origin redirect of a GET or HEAD is
 *   followed (at most 3). Anything else is `ProviderApiError` (`redirect_refused`).
 * - Timeouts: `timeoutMs` per attempt covers the whole exchange, the body read included.
 * - Retries: requests that are safe to repeat are retried after network errors, timeouts, 5xx and
 *   408, with exponential backoff and full jitter. A throttled request (429, 503 with
 *   `Retry-After`), which the cloud did not process, is repeated after the wait it asks without
 *   spending `maxRetries` (unless that is 0), up to `retry.maxRateLimitWaitMs` in all; a single
 *   wait longer than `retry.maxDelayMs` goes to the caller at once as `RateLimitError`. Every
 *   request is paced by the account's shared rate limiter (`sharedRateLimiter`), which learns from
 *   the 429s and `ratelimit-*` headers of every client of that account.
 * @throws InvalidRequestError at once when a fixed `baseUrl` is not a usable endpoint (`checkEndpoint`).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const provider = options.provider;
  const errors = options.errors ?? defineCloudErrors({ provider });
  const logger = options.logger ?? silentLogger;
  const retry = { ...DEFAULT_RETRY, ...stripUndefined(options.retry ?? {}) };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? coreSleep;
  const now = options.now ?? Date.now;
  const parse = options.parse ?? ((text: string) => JSON.parse(text));
  const authorize =
    options.authorize ?? ((credential: string) => ({ authorization: `Bearer ${credential}` }));
  const userAgent = `${USER_AGENT_PREFIX}/${provider}/${options.version}`;
  const endpointRules = { provider, allowInsecureHttp: options.allowInsecureHttp };
  const fixedBase = typeof options.baseUrl === 'string' ? options.baseUrl : undefined;
  if (fixedBase !== undefined)
    checkEndpoint(fixedBase, { ...endpointRules, origin: 'the client base URL' }, 'other');

  let resolvingBase: Promise<string> | undefined;
  const baseUrl = (): string | Promise<string> => {
    if (fixedBase !== undefined) return fixedBase.replace(/\/+$/, '');
    const resolve = options.baseUrl as () => string | Promise<string>;
    if (resolvingBase === undefined) {
      resolvingBase = Promise.resolve()
        .then(resolve)
        .then((value) => {
          checkEndpoint(value, { ...endpointRules, origin: 'the resolved base URL' }, 'other');
          return value.replace(/\/+$/, '');
        });
      // A failed resolution is asked again by the next request, not kept.
      resolvingBase.catch(() => {
        resolvingBase = undefined;
      });
    }
    return resolvingBase;
  };

  // The key is hashed once per account and base URL, not per request: a process's first requests
  // run the hash uncompiled (about 0.1 ms each, then a few ms to compile it). The account is kept
  // only here, beside the settings that hold it anyway; the shared registry sees the hash alone.
  let lastLimiter: { account: string | undefined; base: string; limiter: RateLimiter } | undefined;
  const limiterFor = (account: string | undefined, base: string): RateLimiter => {
    if (options.rateLimiter !== undefined) return options.rateLimiter;
    if (lastLimiter === undefined || lastLimiter.account !== account || lastLimiter.base !== base) {
      lastLimiter = { account, base, limiter: sharedRateLimiter(rateLimitKey(provider, account, base)) };
    }
    return lastLimiter.limiter;
  };

  const urlFor = (base: string, path: string, query: HttpRequest<unknown>['query']): URL => {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(path);
    const url = new URL(absolute ? path : `${base}${path}`);
    // A link from an answer (pagination) must not carry the credentials to another origin.
    if (absolute && url.origin !== new URL(base).origin) {
      throw new ProviderApiError(
        `${provider} sent a link to another origin (${url.origin}); it was not followed, so the credentials stay with ${provider}.`,
        { provider, code: 'foreign_origin', retryable: false },
      );
    }
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  };

  async function send(
    url: URL,
    method: HttpMethod,
    init: { readonly headers: Record<string, string>; readonly body: string | undefined },
    signal: AbortSignal | undefined,
  ) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const fetchImpl = options.fetch ?? (globalThis.fetch === STARTING_FETCH ? undefined : globalThis.fetch);
      if (fetchImpl === undefined) {
        const sent = await sendWithNodeHttp(url, { ...init, method }, combined);
        return {
          kind: 'answer',
          response: sent.response,
          text: method === 'HEAD' ? '' : sent.text,
        } satisfies Sent;
      }
      const response = await fetchImpl(url, { ...init, method, signal: combined, redirect: 'manual' });
      // The body is read under the same signal: a server that stops mid-body times out too.
      const text = method === 'HEAD' ? '' : await response.text();
      return { kind: 'answer', response, text } satisfies Sent;
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      // Only the socket's error code is kept: fetch errors can carry the request, headers included.
      const read = readCloudError(cause);
      if (timeout.aborted || read.kind === 'timeout') return { kind: 'timeout' } satisfies Sent;
      return {
        kind: 'network',
        socketCode: read.kind === 'network' ? read.socketCode : undefined,
      } satisfies Sent;
    }
  }

  async function request<T>(request: HttpRequest<T>): Promise<HttpAnswer<T>> {
    const { method, operation, signal } = request;
    const idempotent =
      request.idempotent ?? (SAFE_METHODS.has(method) || method === 'PUT' || method === 'DELETE');
    const encoded = encodeBody(request as HttpRequest<unknown>);
    const parseAnswer = request.parse ?? parse;
    let failures = 0;
    let throttledMs = 0;
    let refreshed = false;
    let redirects = 0;
    let redirectTo: URL | undefined;
    let delayMs = 0;

    for (let attempt = 0; ; attempt++) {
      const base = await baseUrl();
      const url = redirectTo ?? urlFor(base, request.path, request.query);
      const what = `${method} ${url.pathname}`;
      const credential = options.credential === undefined ? undefined : await options.credential();
      const headers: Record<string, string> = {
        accept: options.accept ?? 'application/json',
        'user-agent': userAgent,
        ...lowerCaseKeys(options.headers),
        ...lowerCaseKeys(request.headers),
      };
      if (encoded.contentType !== undefined) headers['content-type'] = encoded.contentType;
      const authorization = credential === undefined ? {} : lowerCaseKeys(await authorize(credential));
      let signed: Record<string, string> = {};
      Object.assign(headers, authorization);
      const account = options.account === undefined ? credential : await options.account();
      const limiter = limiterFor(account, base);
      try {
        await limiter.acquire({ signal, maxWaitMs: retry.maxDelayMs, sleep, delayMs });
        delayMs = 0;
      } catch (error) {
        if (!(error instanceof RateLimitWaitTooLong)) throw error;
        throw errors.map({ kind: 'paced', waitMs: error.waitMs, operation });
      }
      if (options.sign !== undefined) {
        const input = { method, url, headers: { ...headers }, body: encoded.text, now: now(), attempt };
        signed = lowerCaseKeys(await options.sign(input));
        Object.assign(headers, signed);
      }

      const started = Date.now();
      const sent = await send(url, method, { headers, body: encoded.text }, signal);
      if (sent.kind !== 'answer') {
        logger.debug('request failed', {
          provider,
          operation,
          method,
          path: url.pathname,
          attempt,
          error: sent.kind,
        });
        const decision = decideRetry({
          failure: { kind: 'no-answer' },
          retriesSoFar: failures,
          idempotent,
          retry,
        });
        if (decision.repeat) {
          failures += 1;
          await sleep(decision.afterMs, signal);
          continue;
        }
        throw errors.map({
          kind: sent.kind,
          operation,
          request: what,
          timeoutMs,
          socketCode: sent.socketCode,
          mayHaveApplied: !SAFE_METHODS.has(method),
        });
      }
      const { response, text } = sent;
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

      if (status >= 300 && status < 400 && status !== 304) {
        const location = response.headers.get('location');
        const target = location === null ? undefined : URL.parse(location, url);
        if (
          target !== undefined &&
          target !== null &&
          target.origin === url.origin &&
          SAFE_METHODS.has(method) &&
          redirects < MAX_REDIRECTS
        ) {
          redirects += 1;
          redirectTo = target;
          continue;
        }
        const where =
          target === undefined || target === null
            ? 'nowhere readable'
            : target.origin === url.origin
              ? 'the same origin'
              : `another origin (${target.origin})`;
        throw new ProviderApiError(
          `${provider} answered ${what} with a redirect (HTTP ${status}) to ${where}; it was not followed, so the credentials and any body stay where they were sent.`,
          {
            provider,
            operation,
            status,
            code: 'redirect_refused',
            retryable: false,
            hint: 'Set the endpoint to the URL the API really answers on.',
          },
        );
      }

      if (status === 401 && options.onUnauthorized !== undefined && !refreshed) {
        refreshed = true;
        await options.onUnauthorized();
        resolvingBase = undefined;
        redirectTo = undefined;
        continue;
      }

      const throttled = status === 429 || (status === 503 && response.headers.has('retry-after'));
      if (response.ok || (!throttled && request.allowStatus?.includes(status))) {
        limiter.accepted(response.headers);
        const data = decodeAnswer(text, response, {
          provider,
          what,
          operation,
          parse: parseAnswer,
          schema: request.schema,
          allowEmptyBody: request.allowEmptyBody ?? request.schema === undefined,
        });
        return { status, headers: response.headers, data };
      }

      const parsed = (options.parseError ?? defaultParseError)(
        parseErrorBody(text, response, parseAnswer),
        response,
      );
      // A cloud, or a proxy in front of it, may quote the request in its error message.
      const quoted = [
        credential,
        ...Object.values(authorization),
        ...Object.values(signed),
        encoded.text,
        ...(request.secrets ?? []),
      ];
      const details =
        parsed.message === undefined ? parsed : { ...parsed, message: redactSent(parsed.message, quoted) };
      const failure: HttpFailure = { status, details, headers: response.headers, operation, provider };
      const error = options.mapError?.(failure) ?? mapHttpError(failure, errors);
      const decision = decideRetry({
        failure: { kind: 'answer', status, errorClass: throttled ? 'throttling' : undefined },
        retriesSoFar: failures,
        idempotent,
        retry,
        retryAfterMs: throttled ? retryAfterMs(response.headers, now()) : undefined,
        throttled: { count: attempt, waitedMs: throttledMs },
      });
      if (throttled) {
        // `maxRetries: 0` turns every retry off, throttled ones included.
        if (!decision.repeat) throw error;
        // This request waits what the cloud asked; the limiter learns the account's pace from it.
        limiter.throttled();
        throttledMs += decision.afterMs;
        delayMs = decision.afterMs;
        continue;
      }
      limiter.accepted(response.headers);
      if (decision.repeat) {
        failures += 1;
        await sleep(decision.afterMs, signal);
        continue;
      }
      throw error;
    }
  }
  return { request };
}
