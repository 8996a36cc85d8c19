import { ProvisionError } from '@provision/core';
import type { RequestLogEntry } from '../fake-cloud/index.js';

/** A broken promise of the contract. Its message says what the plugin did and what it should do. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** Throws a `ContractViolation` with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new ContractViolation(typeof message === 'string' ? message : message());
}

/** How a call ended: a value, or what it threw (sync throws count: settings are checked eagerly). */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** Runs `action` and reports how it ended instead of throwing. */
export async function outcomeOf<T>(action: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Runs `action`, which must fail; returns the error. */
export async function rejectionOf(action: () => unknown, what: string): Promise<unknown> {
  const outcome = await outcomeOf(action);
  ensure(!outcome.ok, `${what} should have failed, but it succeeded.`);
  return outcome.error;
}

/** A short description of an error for failure messages: class, code, retryable and message. */
export function describeError(error: unknown): string {
  if (ProvisionError.isInstance(error)) {
    return `${error.name} (code ${error.code}, retryable ${error.retryable}): ${error.message}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `a thrown ${typeof error} (${String(error)})`;
}

/** One logged request, as failure messages show it. */
export function describeRequest(entry: RequestLogEntry): string {
  const fault = entry.fault === undefined ? '' : `, fault ${entry.fault}`;
  return `${entry.method} ${entry.path} [${entry.operation}] -> ${entry.status}${fault}`;
}

/** Logged requests, one per line, for failure messages. */
export function describeRequests(entries: readonly RequestLogEntry[]): string {
  if (entries.length === 0) return '  (no requests)';
  return entries.map((entry) => `  ${describeRequest(entry)}`).join('\n');
}
