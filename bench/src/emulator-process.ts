import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A request the emulator's fake logged: its operation and the status it answered. */
export interface LoggedRequest {
  readonly operation: string;
  readonly status: number | 'network-error';
}

/** The emulator, running in a child process on 127.0.0.1. */
export interface EmulatorProcess {
  readonly url: string;
  /** What a plugin or the CLI needs to reach it: endpoints and the fakes' own credentials. */
  readonly env: Readonly<Record<string, string>>;
  /** Base URL per provider served. */
  readonly endpoints: readonly { provider: string; baseUrl: string }[];
  /** Installed plugin packages it did not serve, with the reason. */
  readonly skipped: readonly string[];
  /** The fake's request-log position, for `since()`. */
  mark(provider: string): Promise<number>;
  /** Requests the provider's fake logged after `mark`. */
  since(provider: string, mark: number): Promise<LoggedRequest[]>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./emulator-child.ts', import.meta.url));

/**
 * Starts the emulator in a child process with `latencyMs` added to every request and, optionally,
 * its clouds' limits raised (`{ digitalocean: { droplets: 5000 } }`).
 */
export async function startEmulatorProcess(
  latencyMs: number,
  limits?: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Promise<EmulatorProcess> {
  const args = [String(latencyMs), ...(limits === undefined ? [] : [JSON.stringify(limits)])];
  const child: ChildProcess = fork(CHILD, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const ready = new Promise<{ url: string; env: Record<string, string>; endpoints: []; skipped: string[] }>(
    (resolve, reject) => {
      child.once('exit', (code) =>
        reject(
          new Error(
            `the emulator process exited (${code}) before it was ready: ${stderr.trim().split('\n').at(-1)}`,
          ),
        ),
      );
      child.on('message', (message: { type: string; id?: number; value?: unknown; message?: string }) => {
        if (message.type === 'ready') resolve(message as never);
        const waiter = message.id === undefined ? undefined : pending.get(message.id);
        if (waiter === undefined || message.id === undefined) return;
        pending.delete(message.id);
        if (message.type === 'reply') waiter.resolve(message.value);
        else waiter.reject(new Error(message.message ?? 'emulator error'));
      });
    },
  );
  const ask = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...message, id: nextId });
    });
  const started = await ready;
  return {
    url: started.url,
    env: started.env,
    endpoints: started.endpoints,
    skipped: started.skipped,
    mark: (provider) => ask<number>({ type: 'mark', provider }),
    since: (provider, mark) => ask<LoggedRequest[]>({ type: 'since', provider, seq: mark }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}
