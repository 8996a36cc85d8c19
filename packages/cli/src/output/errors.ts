import {
  InvalidRequestError,
  MissingCredentialsError,
  ProvisionError,
  UnsupportedError,
  WaitTimeoutError,
} from '@provision/core';
import { CommanderError } from 'commander';
import { EXIT_CODES } from '../exit-codes.js';
import { InterruptedError } from '../interrupted-error.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { renderJson } from './json.js';

/** Commander's codes for `--help` and `--version`, which end the run successfully. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

/** The documented exit code for an error (see `EXIT_CODES`). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // `commander.help` is help printed instead of running a command: success for `provision help`,
    // a usage error for `provision` with no command.
    if (COMMANDER_SUCCESS.has(error.code) || (error.code === 'commander.help' && error.exitCode === 0))
      return EXIT_CODES.success;
    return EXIT_CODES.usage;
  }
  if (error instanceof UsageError) return EXIT_CODES.usage;
  if (error instanceof InterruptedError) return EXIT_CODES.interrupted;
  if (WaitTimeoutError.isInstance(error)) return EXIT_CODES.waitTimeout;
  // Caught before any request: the command line or the environment has to change, not the cloud.
  if (
    InvalidRequestError.isInstance(error) ||
    UnsupportedError.isInstance(error) ||
    MissingCredentialsError.isInstance(error)
  ) {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.failure;
}

function describe(error: unknown): { code: string; message: string; hint: string | undefined } {
  if (error instanceof CommanderError) {
    return {
      code: 'usage',
      message: error.message.replace(/^error:\s*/, ''),
      hint: 'Run `provision --help`, or `provision <command> --help`, for usage.',
    };
  }
  if (MissingCredentialsError.isInstance(error)) {
    const variables =
      error.envVars.length > 0 ? error.envVars.join(' or ') : 'the provider’s credential variable';
    return {
      code: error.code,
      message: error.message,
      hint:
        error.hint ??
        `Set ${variables} in the environment (the CLI never takes credentials as flags). To try without an account, add --emulator.`,
    };
  }
  if (ProvisionError.isInstance(error)) return { code: error.code, message: error.message, hint: error.hint };
  if (error instanceof UsageError) return { code: 'usage', message: error.message, hint: error.hint };
  if (error instanceof InterruptedError)
    return { code: 'interrupted', message: error.message, hint: error.hint };
  if (error instanceof Error) return { code: 'error', message: error.message, hint: undefined };
  return { code: 'error', message: String(error), hint: undefined };
}

function debugDetails(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (ProvisionError.isInstance(current)) {
      lines.push(
        `debug: ${current.name} code=${current.code} provider=${current.provider ?? '-'} operation=${current.operation ?? '-'} retryable=${current.retryable}`,
      );
    }
    lines.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Replaces every given secret with `[redacted]`. Provider errors never hold a credential; this is
 * the belt to those braces, for errors from code we do not control.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** How `reportError` writes. */
export interface ReportErrorOptions {
  readonly json: boolean;
  readonly debug: boolean;
  /** Values that must never be printed (credentials from the environment). */
  readonly secrets: readonly string[];
}

/**
 * Prints `error: <message>` and `hint: <hint>` on stderr (a stack only with `--debug`) and, with
 * `--output json`, an `{ "error": ... }` document on stdout, so stdout always holds one document.
 * @returns the exit code.
 */
export function reportError(io: CliIo, error: unknown, options: ReportErrorOptions): number {
  const exitCode = exitCodeFor(error);
  if (exitCode === EXIT_CODES.success) return exitCode;
  // Commander has already printed the help that stands in for this error.
  if (error instanceof CommanderError && error.code === 'commander.help') return exitCode;
  const { code, message, hint } = describe(error);
  const clean = (text: string) => redact(text, options.secrets);
  let text = `error: ${clean(message)}\n`;
  if (hint !== undefined) text += `hint: ${clean(hint)}\n`;
  if (options.debug) text += clean(debugDetails(error));
  io.stderr.write(text);
  if (options.json) {
    const provider = ProvisionError.isInstance(error) ? error.provider : undefined;
    io.stdout.write(
      renderJson({ error: { code, message: clean(message), hint: hint && clean(hint), provider, exitCode } }),
    );
  }
  return exitCode;
}
