/**
 * When a timed figure is noise: too few runs, or a spread larger than the difference it would
 * decide. A noisy figure is shown, marked, and never turned into a verdict.
 */

/** Fewer runs than this and a timing is noise, whatever its spread. */
export const MIN_RUNS = 5;

/** The runs behind one timed figure. */
export interface Spread {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** A spread from raw samples. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? Number.NaN
      : sorted.length % 2 === 1
        ? (sorted[middle] as number)
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { runs: sorted.length, median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/** Half the range relative to the median: ±0.1 for runs within 10 % either side. */
function relativeHalfRange(spread: Spread): number {
  return spread.median > 0 ? (spread.max - spread.min) / 2 / spread.median : Number.POSITIVE_INFINITY;
}

/**
 * The uncertainty of `numerator / denominator` as an absolute ratio: the ratio times the sum of
 * both relative half-ranges (first-order propagation). A denominator of `undefined` is exact.
 */
export function ratioUncertainty(numerator: Spread, denominator?: Spread): number {
  const ratio = numerator.median / (denominator?.median ?? 1);
  return (
    ratio * (relativeHalfRange(numerator) + (denominator === undefined ? 0 : relativeHalfRange(denominator)))
  );
}

/** Why a comparison of `value` with `limit` cannot be trusted, or `undefined` when it can. */
export function noiseReason(
  value: number,
  limit: number,
  uncertainty: number,
  runs: number,
): string | undefined {
  if (runs < MIN_RUNS) return `${runs} run${runs === 1 ? '' : 's'}, fewer than ${MIN_RUNS}`;
  if (!Number.isFinite(uncertainty)) return 'no spread to judge by';
  const difference = Math.abs(value - limit);
  if (uncertainty >= difference) {
    return `spread ±${uncertainty.toFixed(2)} not smaller than the difference ${difference.toFixed(2)} from ${limit}`;
  }
  return undefined;
}
