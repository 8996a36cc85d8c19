import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from './usage-error.js';

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads `--user-data`: a file path, or `-` for standard input. The content is never printed;
 * an error names the path only.
 * @throws UsageError when the file cannot be read.
 */
export async function readUserData(source: string, stdin: Readable): Promise<string> {
  if (source === '-') return readAll(stdin);
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(
      `Cannot read the user-data file "${source}" (${code}).`,
      'Give a path to a cloud-init script, or - to read it from standard input.',
    );
  }
}
