import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { parseInteger, parseRate } from './numbers.js';

describe('parseInteger', () => {
  it('reads whole numbers in range', () => {
    expect(parseInteger('4', 1)).toBe(4);
    expect(parseInteger('0', 0, 65535)).toBe(0);
    expect(parseInteger('65535', 0, 65535)).toBe(65535);
  });

  it.each(['', 'two', '1.5', '0', '-3', '70000'])('refuses %j for 1..65535', (text) => {
    expect(() => parseInteger(text, 1, 65535)).toThrow(UsageError);
  });
});

describe('parseRate', () => {
  it('reads 0 to 1', () => {
    expect(parseRate('0')).toBe(0);
    expect(parseRate('0.05')).toBe(0.05);
    expect(parseRate('1')).toBe(1);
  });

  it.each(['', '5%', '1.5', '-0.1', 'NaN'])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(UsageError);
  });
});
