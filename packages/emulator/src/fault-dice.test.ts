import { describe, expect, it } from 'vitest';
import { createFaultDice, RANDOM_FAULT_KINDS, seededRandom } from './fault-dice.js';

describe('fault dice', () => {
  it('repeats its numbers for a seed and differs between seeds', () => {
    const roll = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(roll(7)).toEqual(roll(7));
    expect(roll(7)).not.toEqual(roll(8));
    for (const value of roll(123)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('never faults at rate 0, always at rate 1, and rolls every kind', () => {
    const never = createFaultDice(0, 1);
    expect(Array.from({ length: 100 }, never).every((kind) => kind === undefined)).toBe(true);
    const always = createFaultDice(1, 1);
    const kinds = Array.from({ length: 100 }, always);
    expect(kinds.every((kind) => kind !== undefined)).toBe(true);
    expect(new Set(kinds)).toEqual(new Set(RANDOM_FAULT_KINDS));
  });

  it('faults about as often as the rate says', () => {
    const dice = createFaultDice(0.25, 99);
    const faults = Array.from({ length: 4000 }, dice).filter((kind) => kind !== undefined).length;
    expect(faults).toBeGreaterThan(850);
    expect(faults).toBeLessThan(1150);
  });
});
