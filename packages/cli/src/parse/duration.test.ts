import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    [' 5s ', 5000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', 's', '2x', '-5s', '5 s', '1w', '0s', 'ms'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });

  it('says how to write one', () => {
    expect(() => parseDuration('10')).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('30s') }),
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [12_400, '12s'],
    [185_000, '3m05s'],
    [7_800_000, '2h10m'],
    [100_800_000, '1d4h'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
