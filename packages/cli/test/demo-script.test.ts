import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './run-cli.js';

const DEMO = join(PACKAGE_DIR, '..', '..', 'scripts', 'demo.sh');

/** Whether something accepts connections on this 127.0.0.1 port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface DemoRun {
  code: number | null;
  output: string;
  port: number;
}

/** Runs the demo (already built: no setup); `interruptAt` sends Ctrl-C to its process group. */
function runDemo(interruptAt?: string): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [DEMO], {
      env: { PATH: process.env.PATH ?? '', DEMO_SKIP_SETUP: '1', DEMO_LATENCY: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal's foreground job: Ctrl-C reaches every process in it.
      detached: true,
    });
    let output = '';
    let interrupted = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (interruptAt !== undefined && !interrupted && output.includes(interruptAt)) {
        interrupted = true;
        process.kill(-(child.pid as number), 'SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      const port = Number(/Emulator listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      resolve({ code, output, port });
    });
  });
}

describe('scripts/demo.sh', () => {
  it('runs the whole flow and leaves no emulator listening when it exits', async () => {
    const run = await runDemo();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/demo-web is active at /);
    expect(run.output.trimEnd()).toMatch(/No managed hosts\.$/);
    expect(run.port, run.output).toBeGreaterThan(0);
    expect(await listening(run.port)).toBe(false);
  });

  it('stops the emulator when interrupted with Ctrl-C in the middle', async () => {
    const run = await runDemo('$ provision create');
    expect(run.code, run.output).not.toBe(0);
    expect(run.port, run.output).toBeGreaterThan(0);
    expect(await listening(run.port)).toBe(false);
  });
});
