import type { FaultKind } from '@provision/testkit/fake-cloud';

/** The faults the emulator throws at random, in the order the dice index them. */
export const RANDOM_FAULT_KINDS: readonly FaultKind[] = [
  'http-500',
  'rate-limit',
  'connection-reset',
  'lost-response',
];

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for fault dice and reproducible from a seed.
 * Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Decides, request by request, whether to inject a fault and of which kind.
 * @param faultRate probability in [0, 1] that a request gets a fault.
 * @param seed makes the sequence reproducible; omitted, `Math.random` rolls.
 */
export function createFaultDice(faultRate: number, seed?: number): () => FaultKind | undefined {
  const random = seed === undefined ? Math.random : seededRandom(seed);
  return () => {
    if (faultRate <= 0 || random() >= faultRate) return undefined;
    return RANDOM_FAULT_KINDS[Math.floor(random() * RANDOM_FAULT_KINDS.length)];
  };
}
