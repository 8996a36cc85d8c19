/** Small numeric helpers shared by every section. */

/** The median of `values`; `NaN` for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The smallest and largest of `values`. */
export function range(values: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** `value / base`, or `undefined` when there is no base to compare with. */
export function ratio(value: number, base: number | undefined): number | undefined {
  if (base === undefined || !Number.isFinite(base) || base <= 0) return undefined;
  return value / base;
}

/** Rounds to `digits` decimals (for JSON that stays readable). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds elapsed since `start` (from `performance.now()`). */
export function since(start: number): number {
  return performance.now() - start;
}

/** CPU time (user + system) in ms spent by this process while `run` was pending. */
export async function measure<T>(
  run: () => Promise<T>,
): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const wallMs = since(start);
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Samples the resident set size every `everyMs` while `run` is pending and returns the peak
 * (including one sample before and one after), in bytes. When the process runs with
 * `--expose-gc`, collects garbage before (so the baseline is what is live, not what earlier work
 * left behind) and after, to report the heap `run` left in use.
 */
export async function withPeakRss<T>(
  run: () => Promise<T>,
  everyMs = 5,
): Promise<{ value: T; baselineRss: number; peakRss: number; heapAfterGc?: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, everyMs);
  try {
    const value = await run();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (gc === undefined) return { value, baselineRss, peakRss };
    gc();
    return { value, baselineRss, peakRss, heapAfterGc: process.memoryUsage().heapUsed };
  } finally {
    clearInterval(timer);
  }
}
