import type { Logger } from '@provision/core';

/** A logger that keeps every line (message and fields) for inspection. */
export interface CapturingLogger extends Logger {
  readonly entries: Array<{
    level: 'debug' | 'warn';
    message: string;
    fields: Record<string, unknown> | undefined;
  }>;
}

/** A logger that records instead of printing. */
export function capturingLogger(): CapturingLogger {
  const entries: CapturingLogger['entries'] = [];
  return {
    entries,
    debug(message, fields) {
      entries.push({ level: 'debug', message, fields });
    },
    warn(message, fields) {
      entries.push({ level: 'warn', message, fields });
    },
  };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

/**
 * Runs `action` while recording everything written to `console.*`, `process.stdout` and
 * `process.stderr` (still passed through, so nothing is hidden from the test output).
 */
export async function captureOutput<T>(action: () => Promise<T>): Promise<{ result: T; output: unknown[] }> {
  // Raw values, so a leak scan sees errors and objects as they were passed.
  const output: unknown[] = [];
  const console = globalThis.console as unknown as Record<string, (...args: unknown[]) => void>;
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const record = (chunk: unknown) =>
    output.push(chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      for (const arg of args) record(arg);
      original?.apply(globalThis.console, args);
    };
  }
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    record(chunk);
    return (stdoutWrite as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    record(chunk);
    return (stderrWrite as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    return { result: await action(), output };
  } finally {
    for (const [method, original] of originals) console[method] = original as (...args: unknown[]) => void;
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}
