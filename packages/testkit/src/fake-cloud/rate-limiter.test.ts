import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst of requestsPerSecond, then refills continuously', () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 2 }, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([undefined, undefined, 1]);
    now = 499;
    expect(limiter.take()).toBe(1);
    now = 1000;
    expect(limiter.take()).toBeUndefined();
  });

  it('rounds the wait up to whole seconds for slow rates, and honours a fixed Retry-After', () => {
    const now = 0;
    const slow = new RateLimiter({ requestsPerSecond: 0.25 }, () => now);
    slow.take();
    expect(slow.take()).toBe(4);
    const fixed = new RateLimiter({ requestsPerSecond: 1, retryAfterSeconds: 9 }, () => now);
    fixed.take();
    expect(fixed.take()).toBe(9);
    fixed.reset();
    expect(fixed.take()).toBeUndefined();
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new RateLimiter({ requestsPerSecond: 0 })).toThrow(TypeError);
  });
});

describe('RateLimiter counting requests', () => {
  it('throttles every rejectEvery-th request, with Retry-After 0 unless told, whatever the clock says', () => {
    const limiter = new RateLimiter({ rejectEvery: 3 }, () => {
      throw new Error('a counted limit must not read the clock');
    });
    expect(Array.from({ length: 7 }, () => limiter.take())).toEqual([
      undefined,
      undefined,
      0,
      undefined,
      undefined,
      0,
      undefined,
    ]);
    limiter.reset();
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([undefined, undefined, 0]);
    expect(new RateLimiter({ rejectEvery: 2, retryAfterSeconds: 4 }).take()).toBeUndefined();
  });

  it('rejects a period below 2', () => {
    expect(() => new RateLimiter({ rejectEvery: 1 })).toThrow(TypeError);
  });
});
