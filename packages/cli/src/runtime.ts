import type { Command } from 'commander';
import { type CommandContext, createContext, type GlobalOptions } from './context.js';
import type { CliIo } from './io.js';
import type { RedactingStream } from './output/redacting-stream.js';
import type { Redactor } from './output/redactor.js';

/** Shared by every command of one run: the streams and the Ctrl-C signal. */
export interface Runtime {
  /** Streams that redact whatever is written to them (see `Redactor`). */
  readonly io: CliIo & { readonly stdout: RedactingStream; readonly stderr: RedactingStream };
  readonly signal: AbortSignal;
  readonly redactor: Redactor;
  /** The context of the command running now (for error reporting). */
  current: CommandContext | undefined;
}

/**
 * Turns a command handler into a commander action: builds the context from the global options,
 * and always cleans up after it (an in-process emulator is closed even when the command fails).
 */
export function wrap<Options>(
  runtime: Runtime,
  handler: (context: CommandContext, options: Options, args: string[]) => Promise<void>,
): (...actionArgs: unknown[]) => Promise<void> {
  return async (...actionArgs) => {
    const command = actionArgs.at(-1) as Command;
    const options = command.optsWithGlobals() as Options & GlobalOptions;
    // `provision emulator` prints the fakes' own credentials on purpose, to be exported; it reads
    // no real credential. Its stderr stays redacted.
    if (command.name() === 'emulator') runtime.io.stdout.enabled = false;
    const context = createContext(
      runtime.io,
      { output: options.output, debug: options.debug === true },
      () => runtime.signal,
      runtime.redactor,
    );
    runtime.current = context;
    try {
      await handler(context, options, command.args);
    } finally {
      await context.close();
    }
  };
}
