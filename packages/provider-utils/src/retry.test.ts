import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, throttledRetryWait } from './retry.js';

const retry = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 5_000, maxRateLimitWaitMs: 8_000 };
const now = Date.UTC(2026, 11, 1);

describe('throttledRetryWait', () => {
  it('waits what the cloud asked, else a jittered backoff growing with the throttled attempts', () => {
    const asked = new Headers({ 'retry-after': '2' });
    expect(throttledRetryWait({ headers: asked, now, retry, throttledSoFar: 0, waitedMs: 0 })).toBe(2_000);
    const none = new Headers();
    const at = (throttledSoFar: number) =>
      throttledRetryWait({ headers: none, now, retry, throttledSoFar, waitedMs: 0, random: () => 0.5 });
    expect([at(0), at(1), at(2), at(10)]).toEqual([50, 100, 200, 3_200]);
  });

  it('gives up with retries off, a wait beyond maxDelayMs, or the total wait spent', () => {
    const headers = new Headers({ 'retry-after': '3' });
    const base = { headers, now, throttledSoFar: 0 };
    expect(throttledRetryWait({ ...base, retry: { ...retry, maxRetries: 0 }, waitedMs: 0 })).toBeUndefined();
    expect(
      throttledRetryWait({ ...base, headers: new Headers({ 'retry-after': '6' }), retry, waitedMs: 0 }),
    ).toBeUndefined();
    expect(throttledRetryWait({ ...base, retry, waitedMs: 5_000 })).toBe(3_000);
    expect(throttledRetryWait({ ...base, retry, waitedMs: 5_001 })).toBeUndefined();
  });
});
