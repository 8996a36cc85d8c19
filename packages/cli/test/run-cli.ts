import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The package folder: the CLI runs from here, so discovery finds the workspace's providers. */
export const PACKAGE_DIR = join(import.meta.dirname, '..');

/** The built binary. */
export const BIN = join(PACKAGE_DIR, 'dist', 'bin.js');

/** What one run of the binary did. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every output of every run in this test file, to check for leaked secrets at the end. */
export const recordedOutputs: string[] = [];

/** Options of `runCli`. */
export interface RunCliOptions {
  /** The child's whole environment besides PATH: nothing of the test process's own leaks in. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin. */
  readonly input?: string;
  /** Extra node flags, before the script. */
  readonly nodeArgs?: readonly string[];
  /** Working directory (discovery also looks in its node_modules). Default: the package folder. */
  readonly cwd?: string;
  /** The CLI script to run. Default: this package's built `dist/bin.js`. */
  readonly bin?: string;
}

/**
 * Runs `node dist/bin.js ...args` as a child process and collects its output. Without an
 * endpoint in `env`, every installed cloud is pointed at a closed local port (and the AWS SDK
 * never asks the instance metadata service), so no run can reach a real API even by mistake.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], {
      cwd: options.cwd ?? PACKAGE_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        DIGITALOCEAN_API_URL: 'http://127.0.0.1:9/closed',
        // Other installed providers (the workspace root has them all) are held off the network too.
        AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:9/closed',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      recordedOutputs.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Parses stdout as the one JSON document `--output json` promises (throws if there is anything else). */
export function parseJson<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document.\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/**
 * Runs the binary with `env` (and PATH only), sends it SIGINT once its stderr shows `marker`,
 * and resolves with its exit code and stderr. Its interval should be longer than the test's
 * timeout: only an interrupt that ends the wait at once lets the process exit in time (no
 * wall-clock bound of our own, which a busy machine could break).
 */
export async function interruptCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  marker: string,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes(marker)) resolve();
    });
  });
  child.kill('SIGINT');
  const code = await exited;
  recordedOutputs.push(stderr);
  return { code, stderr };
}
