import { decideRetry, type RetryFailure } from '@provision/provider-utils';
import { ec2Errors } from './aws-errors.js';
import { isPacedRepeat, isThrottlingAnswer } from './aws-pacing.js';

/**
 * The retries of the AWS SDK, configured from `settings.retry`: the SDK's retry middleware asks
 * this strategy whether and when to send again, and the strategy asks provider-utils'
 * `decideRetry`, the rule the HTTP client follows too. There is no second retry layer on top:
 * EC2's throttling answers are repeated by this same loop, but paced and budgeted by the account's
 * rate limiter (`createAwsPacing`, which marks the ones it grants), not by `maxRetries`.
 *
 * Shaped after `RetryStrategyV2` of `@smithy/types` (which the SDK accepts as `retryStrategy`).
 */

/** What the SDK's retry middleware hands over after a failed attempt. */
interface RetryErrorInfo {
  readonly error?:
    | {
        readonly name?: string;
        readonly Code?: string;
        readonly $metadata?: { readonly httpStatusCode?: number };
      }
    | undefined;
  readonly errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  readonly retryAfterHint?: Date | undefined;
}

/** One SDK call's retries so far: those against `maxRetries`, and its throttling budget. */
class Token {
  constructor(
    private readonly count: number,
    private readonly delay: number,
    readonly throttled: { readonly count: number; readonly waitedMs: number } = { count: 0, waitedMs: 0 },
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

/** Retry tuning, as core's `commonSettings.retry` takes it, with its defaults filled in. */
export interface AwsRetryTuning {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRateLimitWaitMs: number;
}

// Failures without an EC2 answer that are not about the network, and answers that were not EC2's
// (a proxy page): repeating them at once would only spend the caller's time.
const LOCAL_FAILURES = new Set([
  'AbortError',
  'CredentialsProviderError',
  'TokenProviderError',
  'NotEc2AnswerError',
  // The cloud blocks requests for longer than `retry.maxDelayMs`: the caller decides.
  'RateLimitWaitTooLong',
]);

// The SDK's classification, in `decideRetry`'s terms. No answer at all is a failed connection (the
// SDK knows Node's error codes, not every runtime's `TypeError: Network error`).
function failureOf(info: RetryErrorInfo): RetryFailure {
  const error = info.error;
  if (error === undefined || LOCAL_FAILURES.has(error.name ?? '')) return { kind: 'local' };
  const status = error.$metadata?.httpStatusCode;
  if (status === undefined) return { kind: 'no-answer' };
  if (info.errorType === 'THROTTLING') return { kind: 'answer', status, errorClass: 'throttling' };
  const errorClass = ec2Errors.classify({ code: error.Code ?? error.name, status });
  return { kind: 'answer', status, errorClass, transient: info.errorType === 'TRANSIENT' };
}

/**
 * EC2's throttling answers are repeated only when the pacing granted it (`isPacedRepeat`), at
 * once (the pacing has waited before the next attempt) and without spending `maxRetries`;
 * otherwise they go to the caller. Every other failure is `decideRetry`'s: the SDK's transient
 * ones (no answer, 5xx) with backoff and jitter, never capacity, credentials or local failures.
 * Every request this plugin sends is safe to repeat (client tokens, idempotent terminations,
 * duplicates found by name).
 */
export class AwsRetryStrategy {
  readonly mode = 'standard';

  constructor(private readonly tuning: AwsRetryTuning) {}

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: Token, info: RetryErrorInfo): Promise<Token> {
    const retries = token.getRetryCount();
    if (isPacedRepeat(info.error)) return new Token(retries, 0, token.throttled);
    // A throttling answer the pacing refused to repeat (its budget spent): the caller's.
    if (isThrottlingAnswer(info.error)) throw new Error('No retry token available');
    const asked = info.retryAfterHint === undefined ? undefined : info.retryAfterHint.getTime() - Date.now();
    const decision = decideRetry({
      failure: failureOf(info),
      retriesSoFar: retries,
      idempotent: true,
      retry: this.tuning,
      retryAfterMs: asked === undefined ? undefined : Math.max(0, asked),
      throttled: token.throttled,
    });
    if (!decision.repeat) throw new Error('No retry token available');
    if (decision.spends === 'retries') return new Token(retries + 1, decision.afterMs, token.throttled);
    const { count, waitedMs } = token.throttled;
    return new Token(retries, decision.afterMs, { count: count + 1, waitedMs: waitedMs + decision.afterMs });
  }

  recordSuccess(_token: Token): void {}
}
