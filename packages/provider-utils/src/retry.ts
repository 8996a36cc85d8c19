/** Retry tuning for requests that are safe to repeat. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number | undefined;
  /** First backoff in ms; doubled each retry, with full jitter. Default 500. */
  readonly baseDelayMs?: number | undefined;
  /** Longest single wait in ms. A `Retry-After` beyond it is not slept: the error goes to the caller. Default 30000. */
  readonly maxDelayMs?: number | undefined;
  /**
   * Longest total wait for a throttled request (429, or 503 with `Retry-After`) before the
   * `RateLimitError` goes to the caller. Throttled attempts do not count against `maxRetries`
   * (the cloud did not process them), but `maxRetries: 0` turns them off too. A caller's
   * `AbortSignal` ends the wait sooner. Default 300000.
   */
  readonly maxRateLimitWaitMs?: number | undefined;
}

export const DEFAULT_RETRY = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaitMs: 300_000,
} as const;

/**
 * How long the server asked us to wait, in ms: `Retry-After` (seconds or an HTTP date), else a
 * `ratelimit-reset` / `x-ratelimit-reset` header holding epoch seconds (DigitalOcean, Linode, Vultr).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset !== null && /^\d+$/.test(reset.trim())) {
    const value = Number(reset.trim());
    // Epoch seconds are large; small values are "seconds from now" (as some clouds send).
    return value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : value * 1000;
  }
  return undefined;
}

/** Full-jitter exponential backoff: a random wait in [0, base * 2^attempt], capped. */
export function backoffMs(
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const cap = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  return Math.min(cap, Math.floor(random() * base * 2 ** attempt));
}

/** Retry tuning with every default filled in. */
export type ResolvedRetryOptions = { readonly [K in keyof typeof DEFAULT_RETRY]: number };

/**
 * How long a throttled attempt waits before it is sent again (the cloud's `Retry-After`, else a
 * jittered backoff growing with `throttledSoFar`), or `undefined` when the call must give up and
 * hand `RateLimitError` to its caller: retries off (`maxRetries: 0`), one wait longer than
 * `maxDelayMs`, or more than `maxRateLimitWaitMs` waited in all (`waitedMs` so far). One rule for
 * the shared HTTP client and SDK-based providers alike.
 */
export function throttledRetryWait(input: {
  /** The answer's headers, for `Retry-After`; or give `retryAfterMs` already read. */
  readonly headers?: Headers | undefined;
  /** The wait the cloud asked for, in ms, when the caller has read it (an SDK's hint). Wins over `headers`. */
  readonly retryAfterMs?: number | undefined;
  readonly now: number;
  readonly retry: ResolvedRetryOptions;
  readonly throttledSoFar: number;
  readonly waitedMs: number;
  readonly random?: (() => number) | undefined;
}): number | undefined {
  const { retry } = input;
  const wait =
    input.retryAfterMs ??
    (input.headers === undefined ? undefined : retryAfterMs(input.headers, input.now)) ??
    backoffMs(Math.min(input.throttledSoFar, 6), retry, input.random);
  if (retry.maxRetries === 0 || wait > retry.maxDelayMs || input.waitedMs + wait > retry.maxRateLimitWaitMs)
    return undefined;
  return wait;
}
