import {
  headersOf,
  type RateLimiter,
  type ResolvedRetryOptions,
  rateLimitKey,
  readCloudError,
  sharedRateLimiter,
  throttledRetryWait,
} from '@provision/provider-utils';
import { ec2Errors } from './aws-errors.js';

/** Retry tuning of the pacing, as core's `commonSettings.retry` takes it, defaults filled in. */
export type AwsPacingTuning = ResolvedRetryOptions;

/** How the pacing is built; all but `retry` are for tests. */
export interface AwsPacingOptions {
  readonly retry: AwsPacingTuning;
  /** The limiter of every request; default the account's shared one (`sharedRateLimiter`). */
  readonly rateLimiter?: RateLimiter | undefined;
  /** Waits of the pacing; default the limiter's own (core's `sleep`). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Clock for `Retry-After` dates. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Jitter of the backoff of throttled requests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /** The access key id when the SDK's context names none (static credentials). */
  readonly accessKeyId?: string | undefined;
}

/** What the SDK throws for an answer; `name` is EC2's code. */
interface SdkAnswerError {
  readonly name?: string;
  readonly Code?: string;
  readonly $response?: { readonly statusCode?: number; readonly headers?: Record<string, string> };
}

/** Whether `error` is EC2 (or a proxy in front of it) throttling the request: a throttling code of `ec2Errors`, or a 429. */
export function isThrottlingAnswer(error: unknown): boolean {
  const read = readCloudError(error);
  if (read.kind === 'answer') return ec2Errors.classify(read) === 'throttling';
  // Inside the retry loop the raw answer may be all there is yet.
  const failure = error as SdkAnswerError | undefined;
  const status = failure?.$response?.statusCode;
  if (status === undefined) return false;
  return ec2Errors.classify({ code: failure?.Code ?? failure?.name, status }) === 'throttling';
}

// Throttled answers the pacing will send again itself: the retry strategy repeats them without
// spending `maxRetries` and without a wait of its own (the pacing waited already).
const pacedRepeats = new WeakSet<object>();

/** Whether the pacing has granted `error`'s request another attempt. */
export function isPacedRepeat(error: unknown): boolean {
  return typeof error === 'object' && error !== null && pacedRepeats.has(error);
}

/**
 * Only the headers the limiter reads: building a whole `Headers` per answer is waste (and the
 * first `new Headers()` of a process loads undici, which the SDK does not use).
 */
function limiterHeaders(headers: Record<string, string> | undefined): Headers {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower.startsWith('ratelimit-') || lower.startsWith('x-ratelimit-') || lower === 'retry-after')
      kept[lower] = value;
  }
  return headersOf(kept);
}

/** One SDK call's throttled attempts so far. */
interface CallState {
  throttled: number;
  throttledMs: number;
  delayMs: number;
  /** Throttled answers in a row while the account got nothing through: a block, not a pace. */
  walled: number;
  /** The limiter's `acceptedCount` at this call's last throttled answer. */
  acceptedBefore: number | undefined;
}

// The SDK's per-call context: the caller's AbortSignal and the identity chosen for signing.
const SMITHY_CONTEXT = '__smithy_context';
interface SmithyContext {
  readonly abortSignal?: AbortSignal;
  readonly selectedHttpAuthScheme?: { readonly identity?: { readonly accessKeyId?: string } };
}
interface SdkRequest {
  readonly protocol?: string;
  readonly hostname?: string;
  readonly port?: number;
}
type Next = (args: { request?: unknown }) => Promise<{ response: { headers?: Record<string, string> } }>;

/** The limiter key of one account in one region: a hash of the access key id and the endpoint, never the key. */
export function awsRateLimitKey(accessKeyId: string | undefined, endpoint: string): string {
  return rateLimitKey('aws', accessKeyId, endpoint);
}

/**
 * An SDK middleware (finalize step, inside the retry loop and before signing, so every attempt
 * is paced and signed after its wait) that sends EC2 requests through the account's shared rate
 * limiter: one per access key id and regional endpoint, as EC2 throttles. Throttling answers
 * (`RequestLimitExceeded`, `Throttling`, 503 `Unavailable`, 429) teach the limiter and are sent
 * again after their wait (`Retry-After`, else a jittered backoff) without spending `maxRetries`
 * while other requests of the account get through, until `retry.maxRateLimitWaitMs` of waiting
 * in all; `maxRetries + 1` throttled answers in a row with nothing of the account accepted in
 * between (a block, not a pace), a single wait above `retry.maxDelayMs`, or `maxRetries: 0`,
 * hand the `RateLimitError` to the caller. The caller's AbortSignal
 * ends any wait. Every other answer is reported as accepted.
 */
export function createAwsPacing(options: AwsPacingOptions) {
  const retry = options.retry;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const calls = new WeakMap<object, CallState>();
  let last: { key: string; limiter: RateLimiter } | undefined;

  const limiterFor = (accessKeyId: string | undefined, request: SdkRequest): RateLimiter => {
    if (options.rateLimiter !== undefined) return options.rateLimiter;
    const endpoint = `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`;
    const key = awsRateLimitKey(accessKeyId, endpoint);
    if (last?.key !== key) last = { key, limiter: sharedRateLimiter(key) };
    return last.limiter;
  };

  return (next: Next, context: Record<string, unknown>) => async (args: { request?: unknown }) => {
    const smithy = (context[SMITHY_CONTEXT] ?? {}) as SmithyContext;
    const signal = smithy.abortSignal;
    const accessKeyId = smithy.selectedHttpAuthScheme?.identity?.accessKeyId ?? options.accessKeyId;
    const limiter = limiterFor(accessKeyId, (args.request ?? {}) as SdkRequest);
    // The retry middleware hands the same arguments to every attempt of one call.
    let call = calls.get(args);
    if (call === undefined) {
      call = { throttled: 0, throttledMs: 0, delayMs: 0, walled: 0, acceptedBefore: undefined };
      calls.set(args, call);
    }
    // A block by the cloud longer than `maxDelayMs` throws `RateLimitWaitTooLong`: not repeated
    // by the retry strategy, mapped to RateLimitError with the wait.
    await limiter.acquire({
      signal,
      maxWaitMs: retry.maxDelayMs,
      delayMs: call.delayMs,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    });
    call.delayMs = 0;
    try {
      const result = await next(args);
      limiter.accepted(limiterHeaders(result.response.headers));
      return result;
    } catch (error) {
      const answer = error as SdkAnswerError;
      if (!isThrottlingAnswer(error)) {
        if (answer?.$response !== undefined) limiter.accepted(limiterHeaders(answer.$response.headers));
        throw error;
      }
      limiter.throttled();
      const headers = limiterHeaders(answer.$response?.headers);
      // EC2 sends no Retry-After: its buckets refill each second, so a growing jittered backoff.
      const wait = throttledRetryWait({
        headers,
        now: now(),
        retry,
        throttledSoFar: call.throttled,
        waitedMs: call.throttledMs,
        random,
      });
      call.throttled += 1;
      // Throttled attempts spend `maxRetries` only while no request of the account gets through:
      // under a pace the others' answers are accepted, so the call waits its turn however long.
      const accepted = limiter.state().acceptedCount;
      const progress =
        accepted !== undefined && call.acceptedBefore !== undefined && accepted !== call.acceptedBefore;
      call.walled = progress ? 1 : call.walled + 1;
      call.acceptedBefore = accepted;
      if (
        wait !== undefined &&
        call.walled <= retry.maxRetries &&
        typeof error === 'object' &&
        error !== null
      ) {
        call.throttledMs += wait;
        call.delayMs = wait;
        pacedRepeats.add(error);
      }
      throw error;
    }
  };
}

/** Where the pacing goes in the SDK's stack: inside the retry loop, before signing. */
export const AWS_PACING_STEP = {
  name: 'provisionAccountPacing',
  relation: 'before',
  toMiddleware: 'httpSigningMiddleware',
  override: true,
} as const;
