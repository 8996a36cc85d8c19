/**
 * The retries of the AWS SDK, configured from `settings.retry`: the SDK's retry middleware asks
 * this strategy whether and when to send again. There is no second retry layer on top.
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

/** Retry tuning, as core's `commonSettingsShape.retry` takes it, with its defaults filled in. */
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
 * Exponential backoff with jitter (`baseDelayMs * 2^n`, at most `maxDelayMs`), for throttling and
 * transient failures (no answer, 5xx). A throttling answer asking for a longer wait than
 * `maxDelayMs` is handed to the caller at once as a rate limit, instead of blocking the call.
 */
export class AwsRetryStrategy {
  readonly mode = 'standard';

  constructor(private readonly tuning: AwsRetryTuning) {}

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: Token, info: RetryErrorInfo): Promise<Token> {
    const retries = token.getRetryCount();
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
