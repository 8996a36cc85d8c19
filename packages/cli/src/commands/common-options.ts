import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../parse/duration.js';
import { UsageError } from '../usage-error.js';
import type { WaitSettings } from '../waiting.js';

/**
 * Adapts one of our parsers to commander: a `UsageError` becomes commander's own
 * invalid-argument error, so a bad value is reported like any other usage error (exit code 2).
 */
export function parser<T, Previous = T>(
  parse: (value: string, previous: Previous) => T,
): (value: string, previous: Previous) => T {
  return (value, previous) => {
    try {
      return parse(value, previous);
    } catch (error) {
      if (error instanceof UsageError)
        throw new InvalidArgumentError(`${error.message}${error.hint ? ` ${error.hint}` : ''}`);
      throw error;
    }
  };
}

/** Options of commands that can wait. */
export interface WaitOptions {
  readonly wait?: boolean;
  readonly timeout: number;
  readonly interval?: number;
  readonly emulator?: boolean;
}

/** First pause between polls: a real cloud's pace, or quicker against a local emulator. */
const DEFAULT_INTERVAL_MS = 2000;
const EMULATOR_INTERVAL_MS = 500;

/** Adds `--wait`, `--timeout` and `--interval`. */
export function addWaitOptions(command: Command, waitFor: string): Command {
  return command
    .option('--wait', `wait until ${waitFor}, showing progress on stderr`)
    .addOption(
      new Option('--timeout <duration>', 'with --wait: give up after this long (exit code 3)')
        .argParser(parser(parseDuration))
        .default(10 * 60_000, '10m'),
    )
    .addOption(
      new Option(
        '--interval <duration>',
        'with --wait: first pause between polls, growing up to 15s (default: 2s, 500ms with --emulator)',
      ).argParser(parser(parseDuration)),
    );
}

/** The wait settings from the parsed options. */
export function waitSettings(options: WaitOptions): WaitSettings {
  const interval = options.interval ?? (options.emulator ? EMULATOR_INTERVAL_MS : DEFAULT_INTERVAL_MS);
  return { timeoutMs: options.timeout, intervalMs: interval };
}

/** Adds `--emulator`. */
export function addEmulatorOption(command: Command): Command {
  return command.option(
    '--emulator',
    'use a local emulator started inside this command instead of the real cloud; its hosts vanish ' +
      'when the command exits (for hosts that last across commands, run `provision emulator` and ' +
      'export the variables it prints)',
  );
}

/** Adds `--provider <id>` (required or not). */
export function addProviderOption(command: Command, description: string, required = false): Command {
  return required
    ? command.requiredOption('--provider <id>', description)
    : command.option('--provider <id>', description);
}
