import type { CliIo, OutputStream } from '../io.js';
import type { Redactor } from './redactor.js';

type TerminalMethods = {
  cursorTo?: (x: number, y?: number) => boolean;
  moveCursor?: (dx: number, dy: number) => boolean;
  clearLine?: (direction: -1 | 0 | 1) => boolean;
  columns?: number;
};

/**
 * An output that redacts every text before writing it to `target`. Each write of the CLI is a
 * whole line or document, so a secret is never split across two writes. Terminal properties
 * (`isTTY`, `columns`, cursor moves) are the target's, so a spinner still works.
 */
export class RedactingStream implements OutputStream {
  readonly #target: OutputStream & TerminalMethods;
  readonly #redactor: Redactor;
  /** Off only for output that prints fake credentials on purpose (`provision emulator`'s exports). */
  enabled = true;

  constructor(target: OutputStream, redactor: Redactor) {
    this.#target = target as OutputStream & TerminalMethods;
    this.#redactor = redactor;
  }

  get isTTY(): boolean {
    return this.#target.isTTY === true;
  }

  get columns(): number | undefined {
    return this.#target.columns;
  }

  cursorTo(x: number, y?: number): boolean {
    return this.#target.cursorTo?.(x, y) ?? true;
  }

  moveCursor(dx: number, dy: number): boolean {
    return this.#target.moveCursor?.(dx, dy) ?? true;
  }

  clearLine(direction: -1 | 0 | 1): boolean {
    return this.#target.clearLine?.(direction) ?? true;
  }

  write(text: string): boolean {
    this.#target.write(this.enabled ? this.#redactor.redact(text) : text);
    return true;
  }
}

/** The same io with stdout and stderr redacted. */
export function redactedIo(
  io: CliIo,
  redactor: Redactor,
): CliIo & { stdout: RedactingStream; stderr: RedactingStream } {
  return {
    env: io.env,
    cwd: io.cwd,
    // Read when used, not now: see `processIo`.
    get stdin() {
      return io.stdin;
    },
    stdout: new RedactingStream(io.stdout, redactor),
    stderr: new RedactingStream(io.stderr, redactor),
  };
}
