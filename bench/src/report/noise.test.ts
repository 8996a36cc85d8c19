import { describe, expect, it } from 'vitest';
import { MIN_RUNS, noiseReason, ratioUncertainty, spreadOf } from './noise.ts';

describe('spreadOf', () => {
  it('takes the whole range for few runs', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ runs: 3, median: 20, low: 10, high: 30 });
  });

  it('takes the middle half from 8 runs, so one stall does not hide a result', () => {
    const spread = spreadOf([10, 10, 10, 10, 10, 10, 10, 500]);
    expect(spread.median).toBe(10);
    expect(spread.high).toBe(10);
  });
});

describe('ratioUncertainty', () => {
  it('adds both sides relative half-ranges, scaled by the ratio', () => {
    const numerator = { runs: 5, median: 100, low: 90, high: 110 };
    const denominator = { runs: 5, median: 50, low: 45, high: 55 };
    expect(ratioUncertainty(numerator, denominator)).toBeCloseTo(2 * (0.1 + 0.1));
    expect(ratioUncertainty(numerator, 50)).toBeCloseTo(2 * 0.1);
  });
});

describe('noiseReason', () => {
  it('calls too few runs noise, however tight', () => {
    expect(noiseReason(3, 1.5, 0, MIN_RUNS - 1)).toBe(`${MIN_RUNS - 1} runs, fewer than ${MIN_RUNS}`);
  });

  it('calls a spread at least as wide as the distance to the target noise', () => {
    expect(noiseReason(1.6, 1.5, 0.15, 20)).toContain('not smaller than the difference');
    expect(noiseReason(1.6, 1.5, 0.2, 20)).toContain('spread ±0.20');
  });

  it('trusts a figure whose spread is narrower than its distance from the target', () => {
    expect(noiseReason(3, 1.5, 0.2, 20)).toBeUndefined();
    expect(noiseReason(1.0, 1.5, 0.2, 20)).toBeUndefined();
  });
});
