import type { Readable, Writable } from 'node:stream';

/** A stream the CLI writes to; `isTTY` decides between a live spinner and plain lines. */
export type OutputStream = Writable & { readonly isTTY?: boolean };

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

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Only `--user-data -` reads it: opening stdin loads Node's file streams (a few milliseconds).
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
