/**
 * When a timed figure is noise: too few runs, or a spread larger than the difference it would
 * decide. A noisy figure is shown, marked, and never turned into a verdict.
 */

/** Fewer runs than this and a timing is noise, whatever its spread. */
export const MIN_RUNS = 5;

/** From this many runs on, the spread is the middle half (quartiles), so one stall does not hide a result. */
export const QUARTILES_FROM = 8;

/** The runs behind one timed figure: their median and the low and high ends of their spread. */
export interface Spread {
  readonly runs: number;
  readonly median: number;
  /** The smallest run, or the first quartile from `QUARTILES_FROM` runs. */
  readonly low: number;
  /** The largest run, or the third quartile from `QUARTILES_FROM` runs. */
  readonly high: number;
}

function quantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

/** A spread from raw samples. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const quartiles = sorted.length >= QUARTILES_FROM;
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    low: quartiles ? quantile(sorted, 0.25) : (sorted[0] ?? Number.NaN),
    high: quartiles ? quantile(sorted, 0.75) : (sorted.at(-1) ?? Number.NaN),
  };
}

/** Half the spread relative to the median: 0.1 for runs within 10 % either side. */
function relativeHalfRange(spread: Spread): number {
  return spread.median > 0 ? (spread.high - spread.low) / 2 / spread.median : Number.POSITIVE_INFINITY;
}

/**
 * The uncertainty of `numerator / denominator` as an absolute ratio: the ratio times the sum of
 * both relative half-ranges (first-order propagation). A denominator given as a number is exact.
 */
export function ratioUncertainty(numerator: Spread, denominator: Spread | number): number {
  const exact = typeof denominator === 'number';
  const ratio = numerator.median / (exact ? denominator : denominator.median);
  return ratio * (relativeHalfRange(numerator) + (exact ? 0 : relativeHalfRange(denominator)));
}

/** Why a comparison of `value` with `limit` cannot be trusted, or `undefined` when it can. */
export function noiseReason(
  value: number,
  limit: number,
  uncertainty: number,
  runs: number,
  minRuns: number = MIN_RUNS,
): string | undefined {
  if (runs < minRuns) return `${runs} run${runs === 1 ? '' : 's'}, fewer than ${minRuns}`;
  if (!Number.isFinite(uncertainty)) return 'no spread to judge by';
  const difference = Math.abs(value - limit);
  if (uncertainty > 0 && uncertainty >= difference) {
    return `spread ±${uncertainty.toFixed(2)} not smaller than the difference ${difference.toFixed(2)} from ${limit}`;
  }
  return undefined;
}
