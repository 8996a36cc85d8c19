import type { Readable } from 'node:stream';

/** Where the CLI writes: a whole line or document per call. `isTTY` decides between a live spinner and plain lines. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Where one run of the CLI reads and writes. */
export interface CliIo {
  /** Results only: one table, or exactly one JSON document. */
  readonly stdout: OutputStream;
  /** Progress, notes, warnings and errors. */
  readonly stderr: OutputStream;
  /** Read by `--user-data -`. */
  readonly stdin: Readable;
  /** Where credentials and endpoints are read from. Never printed, never written to. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory: one of the places plugins are discovered from. */
  readonly cwd: string;
}

type TerminalStream = NodeJS.WriteStream;

/**
 * One of the process's output streams. Written to a pipe, a socket or a file, it writes each text
 * with one system call: creating `process.stdout` for a pipe loads Node's network and stream
 * modules (about 4 ms of every run), and the CLI's writes are whole lines that need no buffering.
 * A terminal (or anything else) gets Node's own stream, with its cursor moves and width, as does
 * the rest of the output once a direct write fails (a full non-blocking pipe, a closed reader), so
 * that Node reports such failures as it always did.
 */
class ProcessOutput implements OutputStream {
  readonly #fd: number;
  readonly #stream: () => TerminalStream;
  #direct: boolean | undefined;

  constructor(fd: number, stream: () => TerminalStream) {
    this.#fd = fd;
    this.#stream = stream;
  }

  #isDirect(): boolean {
    if (this.#direct === undefined) {
      try {
        const stats = process.getBuiltinModule('node:fs').fstatSync(this.#fd);
        this.#direct = stats.isFIFO() || stats.isSocket() || stats.isFile();
      } catch {
        this.#direct = false;
      }
    }
    return this.#direct;
  }

  write(text: string): boolean {
    if (this.#isDirect()) {
      const { writeSync } = process.getBuiltinModule('node:fs');
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(this.#fd, bytes, written);
        return true;
      } catch {
        this.#direct = false;
        return this.#stream().write(bytes.subarray(written));
      }
    }
    return this.#stream().write(text);
  }

  get isTTY(): boolean {
    return !this.#isDirect() && this.#stream().isTTY === true;
  }

  get columns(): number | undefined {
    return this.#isDirect() ? undefined : this.#stream().columns;
  }

  cursorTo(x: number, y?: number): boolean {
    return this.#stream().cursorTo(x, y);
  }

  moveCursor(dx: number, dy: number): boolean {
    return this.#stream().moveCursor(dx, dy);
  }

  clearLine(direction: -1 | 0 | 1): boolean {
    return this.#stream().clearLine(direction);
  }
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: new ProcessOutput(1, () => process.stdout),
    stderr: new ProcessOutput(2, () => process.stderr),
    // Only `--user-data -` reads it: opening stdin loads Node's file streams (a few milliseconds).
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
