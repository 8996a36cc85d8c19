import { UsageError } from '../usage-error.js';

/** Reads a whole number from `min` to `max`. @throws UsageError otherwise. */
export function parseInteger(text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`"${text}" is not a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** Reads a probability from 0 to 1 (`0.05`). @throws UsageError otherwise. */
export function parseRate(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`"${text}" is not a rate from 0 to 1 (0.05 means 5% of requests).`);
  }
  return value;
}

/** Reads an amount of money, 0 or more (`5`, `4.50`). @throws UsageError otherwise. */
export function parsePrice(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value)) {
    throw new UsageError(
      `"${text}" is not an amount of money: a number such as 5 or 4.50, in the plans' currency.`,
    );
  }
  return value;
}
