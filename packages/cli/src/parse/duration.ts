import { UsageError } from '../usage-error.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(\d+(?:\.\d+)?(ms|s|m|h|d))+$/;

/**
 * Reads a duration like `30s`, `10m`, `2h`, `1d`, `250ms` or `1h30m` into whole milliseconds.
 * @throws UsageError for anything else (a bare number has no unit and is refused).
 */
export function parseDuration(text: string): number {
  const value = text.trim();
  if (!WHOLE.test(value)) {
    throw new UsageError(
      `"${text}" is not a duration.`,
      'Write a number with a unit: 250ms, 30s, 10m, 2h, 1d, or combined like 1h30m.',
    );
  }
  let total = 0;
  for (const match of value.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  const ms = Math.round(total);
  if (ms <= 0) throw new UsageError(`"${text}" is not a positive duration.`);
  return ms;
}

/** Writes milliseconds as a short human duration: `850ms`, `12s`, `3m05s`, `2h10m`, `1d4h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}
