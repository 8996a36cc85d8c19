import type { CloudErrorClass } from './cloud-errors.js';
import { backoffMs, type ResolvedRetryOptions, throttledRetryWait } from './retry.js';

/** How an attempt failed, as far as repeating it goes. */
export type RetryFailure =
  /** No answer: a timeout or a failed connection. The cloud may have processed the request. */
  | { readonly kind: 'no-answer' }
  /** It never reached the cloud, or what came back was not the cloud's (missing credentials, a proxy page, the limiter's refusal). */
  | { readonly kind: 'local' }
  /** The cloud answered with an error. */
  | {
      readonly kind: 'answer';
      /** The HTTP status, when known. */
      readonly status?: number | undefined;
      /** The class the provider's error table gives the answer (`CloudErrorTable.classify`). */
      readonly errorClass?: CloudErrorClass | undefined;
      /**
       * Whether the answer reports a passing failure, where the caller knows better than the
       * status (an SDK's own classification). Default: `errorClass` `unavailable`, else a 5xx or 408.
       */
      readonly transient?: boolean | undefined;
    };

/** Everything the retry decision looks at; it reads no clock and keeps no state. */
export interface RetryDecisionInput {
  readonly failure: RetryFailure;
  /** Retries already spent against `maxRetries` (0 after the first attempt). Throttled repeats do not count. */
  readonly retriesSoFar: number;
  /** Whether sending the request twice is harmless (GET, DELETE, an idempotency token). Only such requests repeat after a failure the cloud may have processed. */
  readonly idempotent: boolean;
  /** The retry tuning, defaults filled in. */
  readonly retry: ResolvedRetryOptions;
  /** The wait the cloud asked for (`Retry-After`, an SDK's hint), in ms. */
  readonly retryAfterMs?: number | undefined;
  /** This call's throttled attempts so far and what they waited in all, in ms: the throttling budget. Default none. */
  readonly throttled?: { readonly count: number; readonly waitedMs: number } | undefined;
  /** Jitter source, for tests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** Send again after `afterMs` (counted against `maxRetries`, or against the throttling budget), or give up. */
export type RetryDecision =
  | { readonly repeat: true; readonly afterMs: number; readonly spends: 'retries' | 'throttling' }
  | { readonly repeat: false };

// Answers that repeating at once does not change: the caller has to change something first.
const FINAL: ReadonlySet<CloudErrorClass> = new Set([
  'authentication',
  'permission',
  'capacity',
  'quota',
  'not_found',
  'conflict',
  'busy',
  'invalid_request',
]);

const GIVE_UP: RetryDecision = { repeat: false };

/**
 * The one retry decision of the shared HTTP client and of SDK-based providers' retry strategies.
 *
 * - A throttled answer (class `throttling`, or a 429) is repeated by `throttledRetryWait`: the
 *   cloud did not process it, so it does not spend `maxRetries` but the throttling budget.
 * - Local failures, and answers of a class that repeating cannot change (credentials, capacity,
 *   quota, not found, conflict, busy, invalid request), are never repeated.
 * - Otherwise, while `retriesSoFar < maxRetries`: no answer, or a transient answer (5xx, 408,
 *   class `unavailable`), is repeated when the request is idempotent, after a full-jitter backoff
 *   (`backoffMs`), or the cloud's `Retry-After` when that is longer; a `Retry-After` beyond
 *   `maxDelayMs` goes to the caller instead.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { failure, retry } = input;
  if (failure.kind === 'local') return GIVE_UP;
  if (failure.kind === 'answer' && (failure.errorClass === 'throttling' || failure.status === 429)) {
    const wait = throttledRetryWait({
      retryAfterMs: input.retryAfterMs,
      now: 0,
      retry,
      throttledSoFar: input.throttled?.count ?? 0,
      waitedMs: input.throttled?.waitedMs ?? 0,
      random: input.random,
    });
    return wait === undefined ? GIVE_UP : { repeat: true, afterMs: wait, spends: 'throttling' };
  }
  if (input.retriesSoFar >= retry.maxRetries || !input.idempotent) return GIVE_UP;
  if (failure.kind === 'answer') {
    if (failure.errorClass !== undefined && FINAL.has(failure.errorClass)) return GIVE_UP;
    const status = failure.status;
    const transient =
      failure.transient ??
      (failure.errorClass === 'unavailable' || (status !== undefined && (status >= 500 || status === 408)));
    if (!transient) return GIVE_UP;
  }
  const asked = input.retryAfterMs;
  if (asked !== undefined && asked > retry.maxDelayMs) return GIVE_UP;
  const backoff = backoffMs(input.retriesSoFar, retry, input.random);
  return { repeat: true, afterMs: Math.max(backoff, asked ?? 0), spends: 'retries' };
}
