import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./section-child.ts', import.meta.url));

/**
 * Runs `section` for one provider in a child process (see section-child.ts) and returns its
 * result, with the child's lifetime peak resident set size added as `processMaxRssBytes`.
 */
export function inChildProcess<T extends object>(
  section: 'fleet' | 'list',
  provider: string,
  ...args: string[]
): Promise<T & { processMaxRssBytes: number }> {
  return new Promise((resolve, reject) => {
    // --expose-gc: each measurement starts from a collected heap (see withPeakRss).
    const child = fork(CHILD, [section, provider, ...args], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: [...process.execArgv, '--expose-gc'],
    });
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (message: { type: string; result?: T; maxRssBytes?: number; error?: string }) => {
      settled = true;
      if (message.type === 'result' && message.result !== undefined) {
        resolve({ ...message.result, processMaxRssBytes: message.maxRssBytes ?? 0 });
      } else reject(new Error(message.error ?? 'the section process failed'));
    });
    child.on('exit', (code) => {
      if (!settled)
        reject(new Error(`the section process exited (${code}): ${stderr.trim().split('\n').at(-1)}`));
    });
  });
}
