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
