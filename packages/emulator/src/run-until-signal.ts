import type { RunningEmulator } from './emulator-options.js';

/** Options of `runUntilSignal`. */
export interface RunUntilSignalOptions {
  /** Signals that stop the emulator. Default `['SIGINT', 'SIGTERM']`. */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Keeps the emulator running until the process receives one of `signals`, then closes it.
 * Resolves once it is closed; rejects if closing fails. The handlers are removed on the first
 * signal, so a second Ctrl-C gets Node's default behaviour (exit at once).
 */
export function runUntilSignal(
  emulator: Pick<RunningEmulator, 'close'>,
  options: RunUntilSignalOptions = {},
): Promise<void> {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  return new Promise<void>((resolve, reject) => {
    const stop = () => {
      for (const signal of signals) process.off(signal, stop);
      emulator.close().then(resolve, reject);
    };
    for (const signal of signals) process.on(signal, stop);
  });
}
