import { isPacedRepeat, isThrottlingAnswer } from './aws-pacing.js';

/**
 * The retries of the AWS SDK, configured from `settings.retry`: the SDK's retry middleware asks
 * this strategy whether and when to send again. There is no second retry layer on top: EC2's
 * throttling answers are repeated by this same loop, but paced and budgeted by the account's rate
 * limiter (`createAwsPacing`, which marks the ones it grants), not by `maxRetries`.
 *
 * Shaped after `RetryStrategyV2` of `@smithy/types` (which the SDK accepts as `retryStrategy`).
 */

/** What the SDK's retry middleware hands over after a failed attempt. */
interface RetryErrorInfo {
  readonly error?:
    | { readonly name?: string; readonly $metadata?: { readonly httpStatusCode?: number } }
    | undefined;
  readonly errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  readonly retryAfterHint?: Date | undefined;
}

class Token {
  constructor(
    private readonly count: number,
    private readonly delay: number,
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
}

// Capacity answers come as server errors, but repeating the same launch at once rarely helps:
// the caller chooses another region or type.
const NOT_WORTH_REPEATING = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientAddressCapacity',
]);

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

// No answer at all: the connection failed (the SDK's classification knows Node's error codes, not
// every runtime's `TypeError: Network error`). Every request this plugin sends is safe to repeat
// (client tokens, idempotent terminations, duplicates found by name), so it is sent again.
function noAnswer(info: RetryErrorInfo): boolean {
  const error = info.error;
  return (
    error !== undefined &&
    error.$metadata?.httpStatusCode === undefined &&
    !LOCAL_FAILURES.has(error.name ?? '')
  );
}

/**
 * Exponential backoff with jitter (`baseDelayMs * 2^n`, at most `maxDelayMs`), for transient
 * failures (no answer, 5xx) and throttling codes other than EC2's. EC2's throttling answers are
 * repeated only when the pacing granted it (`isPacedRepeat`), at once (the pacing has waited
 * before the next attempt) and without spending `maxRetries`; otherwise they go to the caller.
 */
export class AwsRetryStrategy {
  readonly mode = 'standard';

  constructor(private readonly tuning: AwsRetryTuning) {}

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: Token, info: RetryErrorInfo): Promise<Token> {
    const retries = token.getRetryCount();
    if (isPacedRepeat(info.error)) return new Token(retries, 0);
    // A throttling answer the pacing refused to repeat (its budget spent): the caller's.
    if (isThrottlingAnswer(info.error)) throw new Error('No retry token available');
    const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || noAnswer(info);
    if (!retryable || retries >= this.tuning.maxRetries || NOT_WORTH_REPEATING.has(info.error?.name ?? '')) {
      throw new Error('No retry token available');
    }
    const backoff = Math.min(this.tuning.maxDelayMs, this.tuning.baseDelayMs * 2 ** retries);
    let delay = Math.floor(backoff / 2 + (Math.random() * backoff) / 2);
    if (info.retryAfterHint !== undefined) {
      const asked = info.retryAfterHint.getTime() - Date.now();
      if (asked > this.tuning.maxDelayMs) throw new Error('No retry token available');
      delay = Math.max(delay, asked);
    }
    return new Token(retries + 1, delay);
  }

  recordSuccess(_token: Token): void {}
}
