import { createReadStream, readFileSync, type Stats, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { UsageError } from './usage-error.js';

/** Where the size rule comes from, for the message. */
export interface UserDataLimit {
  /** Largest user-data in bytes. */
  readonly maxBytes: number;
  /** The provider's display name. */
  readonly provider: string;
}

function tooLarge(what: string, size: string, limit: UserDataLimit): UsageError {
  return new UsageError(
    `The user-data ${what} is ${size}; ${limit.provider} accepts at most ${limit.maxBytes} bytes.`,
    'Shorten the script, or have it download the rest when the host boots.',
  );
}

// Stops reading once past the limit: a huge or endless stdin must not fill the memory.
async function readAll(stream: Readable, limit: UserDataLimit, what = 'on standard input'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit.maxBytes) {
      stream.destroy();
      throw tooLarge(what, `over ${limit.maxBytes} bytes`, limit);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function unreadable(source: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
  return new UsageError(
    `Cannot read the user-data file "${source}" (${code}).`,
    'Give a path to a cloud-init script, or - to read it from standard input.',
  );
}

/**
 * Reads `--user-data`: a file path, or `-` for standard input (`stdin` is called only then:
 * opening it loads Node's stream modules). A file over the provider's limit is refused from its
 * size, before it is read; standard input is read up to the limit only. A file is read with one
 * synchronous call: `node:fs/promises` would cost a dry run about 1 ms to load, and the CLI waits
 * for the file anyway. The content is never printed; an error names the path only.
 * @throws UsageError when the file cannot be read or is too large.
 */
export async function readUserData(
  source: string,
  stdin: () => Readable,
  limit: UserDataLimit,
): Promise<string> {
  if (source === '-') return readAll(stdin(), limit);
  let info: Stats;
  try {
    info = statSync(source);
  } catch (error) {
    throw unreadable(source, error);
  }
  if (info.isDirectory()) throw unreadable(source, { code: 'EISDIR' });
  if (info.isFile() && info.size > limit.maxBytes)
    throw tooLarge(`file "${source}"`, `${info.size} bytes`, limit);
  try {
    // A pipe (`--user-data <(generate)`) has no size: read it up to the limit.
    return info.isFile()
      ? readFileSync(source, 'utf8')
      : await readAll(createReadStream(source), limit, `from "${source}"`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadable(source, error);
  }
}
