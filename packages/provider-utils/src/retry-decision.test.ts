import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY } from './retry.js';
import { decideRetry, type RetryDecisionInput } from './retry-decision.js';

const retry = {
  ...DEFAULT_RETRY,
  maxRetries: 2,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  maxRateLimitWaitMs: 8_000,
};
const half = () => 0.5;
const decide = (input: Partial<RetryDecisionInput> & Pick<RetryDecisionInput, 'failure'>) =>
  decideRetry({ retriesSoFar: 0, idempotent: true, retry, random: half, ...input });

describe('decideRetry', () => {
  it('repeats no answer and transient answers of idempotent requests with a growing jittered backoff', () => {
    expect(decide({ failure: { kind: 'no-answer' } })).toEqual({
      repeat: true,
      afterMs: 50,
      spends: 'retries',
    });
    expect(decide({ failure: { kind: 'answer', status: 502 }, retriesSoFar: 1 })).toEqual({
      repeat: true,
      afterMs: 100,
      spends: 'retries',
    });
    expect(decide({ failure: { kind: 'answer', status: 408 } }).repeat).toBe(true);
    expect(decide({ failure: { kind: 'answer', status: 400, errorClass: 'unavailable' } }).repeat).toBe(true);
  });

  it('gives up once maxRetries are spent, for a request that is not idempotent, and for local failures', () => {
    expect(decide({ failure: { kind: 'no-answer' }, retriesSoFar: 2 })).toEqual({ repeat: false });
    expect(decide({ failure: { kind: 'no-answer' }, idempotent: false })).toEqual({ repeat: false });
    expect(decide({ failure: { kind: 'local' } })).toEqual({ repeat: false });
  });

  it('never repeats an answer that repeating cannot change, even one that came as a 5xx', () => {
    // EC2 answers InsufficientInstanceCapacity with HTTP 500.
    expect(decide({ failure: { kind: 'answer', status: 500, errorClass: 'capacity' } })).toEqual({
      repeat: false,
    });
    for (const errorClass of [
      'authentication',
      'quota',
      'not_found',
      'conflict',
      'busy',
      'invalid_request',
    ] as const)
      expect(decide({ failure: { kind: 'answer', status: 503, errorClass } }).repeat).toBe(false);
    expect(decide({ failure: { kind: 'answer', status: 422 } }).repeat).toBe(false);
  });

  it("follows an SDK's own transient verdict over the status", () => {
    expect(decide({ failure: { kind: 'answer', status: 403, transient: true } }).repeat).toBe(true);
    expect(decide({ failure: { kind: 'answer', status: 501, transient: false } }).repeat).toBe(false);
  });

  it("waits the cloud's Retry-After when longer than the backoff, and gives up on one beyond maxDelayMs", () => {
    expect(decide({ failure: { kind: 'answer', status: 503 }, retryAfterMs: 1_000 })).toMatchObject({
      afterMs: 1_000,
    });
    expect(decide({ failure: { kind: 'answer', status: 503 }, retryAfterMs: 6_000 })).toEqual({
      repeat: false,
    });
  });

  it('repeats throttled answers on the throttling budget, not maxRetries, by throttledRetryWait', () => {
    const throttled = { kind: 'answer', status: 429 } as const;
    expect(decide({ failure: throttled, retriesSoFar: 2, retryAfterMs: 3_000 })).toEqual({
      repeat: true,
      afterMs: 3_000,
      spends: 'throttling',
    });
    expect(
      decide({ failure: { kind: 'answer', errorClass: 'throttling' }, throttled: { count: 3, waitedMs: 0 } }),
    ).toEqual({
      repeat: true,
      afterMs: 400,
      spends: 'throttling',
    });
    expect(
      decide({ failure: throttled, retryAfterMs: 3_000, throttled: { count: 2, waitedMs: 5_001 } }),
    ).toEqual({
      repeat: false,
    });
    expect(decide({ failure: throttled, retry: { ...retry, maxRetries: 0 } })).toEqual({ repeat: false });
  });
});
