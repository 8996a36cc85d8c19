import { describe, expect, it } from 'vitest';
import { createCachedValue } from './cached-value.js';

describe('createCachedValue', () => {
  it('loads once for concurrent callers and reuses the value until shortly before it expires', async () => {
    let clock = 1_000_000;
    let loads = 0;
    const token = createCachedValue(
      async () => {
        loads += 1;
        return { value: `token-${loads}`, expiresAt: clock + 3_600_000 };
      },
      { now: () => clock },
    );
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual([
      'token-1',
      'token-1',
      'token-1',
    ]);
    clock += 3_600_000 - 61_000;
    expect(await token.get()).toBe('token-1');
    clock += 2_000; // within the last minute: refreshed
    expect(await token.get()).toBe('token-2');
    expect(loads).toBe(2);
  });

  it('refreshes a short-lived value at half its life, not on every call', async () => {
    let clock = 0;
    let loads = 0;
    const token = createCachedValue(
      async () => {
        loads += 1;
        return { value: loads, expiresAt: clock + 10_000 };
      },
      { now: () => clock },
    );
    await token.get();
    clock += 4_000;
    await token.get();
    expect(loads).toBe(1);
    clock += 2_000;
    await token.get();
    expect(loads).toBe(2);
  });

  it('loads again after invalidate() and after a failed load', async () => {
    let loads = 0;
    const value = createCachedValue(async () => {
      loads += 1;
      if (loads === 2) throw new Error('identity service down');
      return { value: loads };
    });
    expect(await value.get()).toBe(1);
    value.invalidate();
    await expect(value.get()).rejects.toThrow('identity service down');
    expect(await value.get()).toBe(3);
  });
});
