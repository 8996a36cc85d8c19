import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.ts';
import type { ColdLifecycle, FreshProcess, LifecycleRun } from './lifecycle.ts';

const CHILD = fileURLToPath(new URL('../lifecycle-child.ts', import.meta.url));

// `provider`'s first and second lifecycle in a fresh process (lifecycle-child.ts) against the
// emulator that `env` points at.
function freshProcess(provider: string, env: Readonly<Record<string, string>>): Promise<FreshProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [provider], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (message: { type: string; result?: FreshProcess; error?: string }) => {
      settled = true;
      if (message.type === 'result' && message.result !== undefined) resolve(message.result);
      else reject(new Error(message.error ?? 'the lifecycle process failed'));
    });
    child.on('exit', (code) => {
      if (!settled)
        reject(new Error(`the lifecycle process exited (${code}): ${stderr.trim().split('\n').at(-1)}`));
    });
  });
}

function medianRun(runs: readonly LifecycleRun[]): LifecycleRun {
  return {
    calls: median(runs.map((run) => run.calls)),
    wallMs: median(runs.map((run) => run.wallMs)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
  };
}

/** `processes` fresh processes one after another, each with its first and second lifecycle. */
export async function coldLifecycles(
  provider: string,
  env: Readonly<Record<string, string>>,
  processes: number,
): Promise<ColdLifecycle> {
  const perProcess: FreshProcess[] = [];
  for (let index = 0; index < Math.max(1, processes); index += 1) {
    perProcess.push(await freshProcess(provider, env));
  }
  return {
    first: medianRun(perProcess.map((item) => item.first)),
    second: medianRun(perProcess.map((item) => item.second)),
    startupCpuMs: median(perProcess.map((item) => item.startupCpuMs)),
    perProcess,
  };
}
