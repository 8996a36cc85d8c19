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

/** What `describe` needs to know beyond the error. */
interface DescribeOptions {
  /** How to give a provider credentials, in its own words (undefined: not known). */
  readonly credentialsHelp?: (provider: string | undefined) => string | undefined;
}

// The library's call names, as a CLI user types them instead.
const LIBRARY_CALLS: Readonly<Record<string, string>> = {
  provision: 'create',
  status: 'status',
  list: 'list',
  delete: 'delete',
  start: 'start',
  stop: 'stop',
  reboot: 'reboot',
  plans: 'plans --live',
  regions: 'regions --live',
};

/**
 * Rewrites the library's words into the CLI's: `list()` becomes `provision list`,
 * `delete({ ip })` becomes `provision delete --ip`. Messages come from shared code that also
 * serves programs, which call functions rather than commands.
 */
export function inCliWords(text: string): string {
  return text.replace(
    /`?\b(provision|status|list|delete|start|stop|reboot|plans|regions)\((\{ ?(id|ip) ?\})?\)`?/g,
    (whole, call: string, _argument: string | undefined, key: string | undefined) => {
      const command = LIBRARY_CALLS[call];
      if (command === undefined) return whole;
      return `\`provision ${command}${call === 'delete' && key === 'ip' ? ' --ip' : ''}\``;
    },
  );
}

// SDK internals that must not reach a user: "inspect the hidden field {error}.$response".
const SDK_INTERNALS = /\$response|deserializ|\$metadata|\$fault/i;

function describe(
  error: unknown,
  options: DescribeOptions = {},
): { code: string; message: string; hint: string | undefined } {
  if (error instanceof CommanderError) {
    return {
      code: 'usage',
      message: error.message.replace(/^error:\s*/, ''),
      hint: 'Run `provision --help`, or `provision <command> --help`, for usage.',
    };
  }
  if (MissingCredentialsError.isInstance(error)) {
    const variables =
      options.credentialsHelp?.(error.provider) ??
      (error.envVars.length > 0 ? error.envVars.join(' or ') : 'the provider’s credential variable');
    return {
      code: error.code,
      message: inCliWords(error.message),
      hint: inCliWords(
        error.hint ??
          `Set ${variables} in the environment (the CLI never takes credentials as flags). To try without an account, add --emulator.`,
      ),
    };
  }
  if (ProvisionError.isInstance(error)) {
    const cloud = error.provider ?? 'the cloud';
    if (SDK_INTERNALS.test(error.message)) {
      return {
        code: error.code,
        message: `The answer from ${cloud}${error.operation ? ` to ${error.operation}` : ''} could not be read: it is not in the API's format.`,
        hint: 'A proxy, a login page or a wrong endpoint variable may be in the way; --debug shows details.',
      };
    }
    if (error.code === 'timeout' || error.code === 'network_error') {
      // The providers tell a dropped connection (network_error) from a deadline (timeout).
      return {
        code: error.code,
        message: inCliWords(error.message),
        hint: inCliWords(error.hint ?? 'Check the network and the endpoint; repeating the command is safe.'),
      };
    }
    return {
      code: error.code,
      message: inCliWords(error.message),
      hint: error.hint && inCliWords(error.hint),
    };
  }
  if (error instanceof UsageError) return { code: 'usage', message: error.message, hint: error.hint };
  if (error instanceof InterruptedError)
    return { code: 'interrupted', message: error.message, hint: error.hint };
  if (error instanceof Error) {
    const message = SDK_INTERNALS.test(error.message)
      ? "An answer from the cloud could not be read: it is not in the API's format."
      : error.message;
    return { code: 'error', message, hint: undefined };
  }
  return { code: 'error', message: String(error), hint: undefined };
}

/** A failure of one provider among several (`list`, `gc`), in the CLI's words. */
export function describeFailure(
  error: unknown,
  options: DescribeOptions = {},
): { code: string; message: string } {
  const { code, message } = describe(error, options);
  return { code, message };
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

/** How `reportError` writes. */
export interface ReportErrorOptions {
  readonly json: boolean;
  readonly debug: boolean;
  /** Printed as `note:` lines after the error (and as `notes` in JSON). */
  readonly notes?: readonly string[];
  /** How to give a provider credentials, for the missing-credentials hint. */
  readonly credentialsHelp?: DescribeOptions['credentialsHelp'];
}

/**
 * Prints `error: <message>` and `hint: <hint>` on stderr (a stack only with `--debug`) and, with
 * `--output json`, an `{ "error": ... }` document on stdout, so stdout always holds one document.
 * Secrets are removed by the streams (see `Redactor`), not here.
 * @returns the exit code.
 */
export function reportError(io: CliIo, error: unknown, options: ReportErrorOptions): number {
  const exitCode = exitCodeFor(error);
  if (exitCode === EXIT_CODES.success) return exitCode;
  // Commander has already printed the help that stands in for this error.
  if (error instanceof CommanderError && error.code === 'commander.help') return exitCode;
  const { code, message, hint } = describe(error, options);
  const notes = options.notes ?? [];
  let text = `error: ${message}\n`;
  if (hint !== undefined) text += `hint: ${hint}\n`;
  for (const note of notes) text += `note: ${note}\n`;
  if (options.debug) text += debugDetails(error);
  io.stderr.write(text);
  if (options.json) {
    const provider = (ProvisionError.isInstance(error) ? error.provider : undefined) ?? null;
    io.stdout.write(renderJson({ error: { code, message, hint: hint ?? null, provider, exitCode, notes } }));
  }
  return exitCode;
}
