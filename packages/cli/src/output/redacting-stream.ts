import { Writable } from 'node:stream';
import type { CliIo, OutputStream } from '../io.js';
import type { Redactor } from './redactor.js';

type TerminalMethods = {
  cursorTo?: (x: number, y?: number) => boolean;
  moveCursor?: (dx: number, dy: number) => boolean;
  clearLine?: (direction: -1 | 0 | 1) => boolean;
  columns?: number;
};

/**
 * A stream that redacts every chunk before writing it to `target`. Each write of the CLI is a
 * whole line or document, so a secret is never split across two chunks. Terminal properties
 * (`isTTY`, `columns`, cursor moves) are the target's, so a spinner still works.
 */
export class RedactingStream extends Writable {
  readonly #target: OutputStream & TerminalMethods;
  readonly #redactor: Redactor;
  /** Off only for output that prints fake credentials on purpose (`provision emulator`'s exports). */
  enabled = true;

  constructor(target: OutputStream, redactor: Redactor) {
    super({ decodeStrings: false });
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

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    this.#target.write(this.enabled ? this.#redactor.redact(text) : text);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    callback();
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
