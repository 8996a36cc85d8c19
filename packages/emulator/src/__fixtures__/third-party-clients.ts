import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Finding and running clients we did not write: the AWS CLI, Python with boto3, curl. Debian's
 * packages (`awscli`, `python3-boto3`, which scripts/setup.sh installs when it can) live in
 * /usr/bin; that copy is preferred over whatever else PATH offers, so a run tests what CI has.
 */

/** A client found on this machine: what to run and its version line. */
export interface FoundClient {
  readonly command: string;
  readonly version: string;
}

function probe(command: string, args: readonly string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, env: isolatedEnv() });
  if (result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

function firstFound(candidates: readonly string[], args: readonly string[]): FoundClient | undefined {
  for (const command of candidates) {
    const version = probe(command, args);
    if (version !== undefined) return { command, version };
  }
  return undefined;
}

/** The AWS CLI, Debian's first. */
export function findAwsCli(): FoundClient | undefined {
  return firstFound(['/usr/bin/aws', 'aws'], ['--version']);
}

/** A Python 3 that imports boto3, Debian's first. */
export function findBoto3(): FoundClient | undefined {
  return firstFound(
    ['/usr/bin/python3', 'python3'],
    ['-c', 'import boto3, sys; print("boto3", boto3.__version__, "on Python", sys.version.split()[0])'],
  );
}

/**
 * Debian's Python 3 when it imports `module` (a package of python3-<name>), with the version
 * `version` evaluates to: Debian's copy is the one scripts/setup.sh installs and CI has.
 */
export function findPythonModule(module: string, version = `${module}.__version__`): FoundClient | undefined {
  return firstFound(
    ['/usr/bin/python3'],
    ['-c', `import ${module}, sys; print("${module}", ${version}, "on Python", sys.version.split()[0])`],
  );
}

/** A Python 3 that imports google-api-python-client and google-auth (Debian's python3-googleapi), Debian's first. */
export function findGoogleApiClient(): FoundClient | undefined {
  return firstFound(
    ['/usr/bin/python3', 'python3'],
    [
      '-c',
      'import googleapiclient, google.oauth2.service_account, google_auth_httplib2, sys; print("google-api-python-client", googleapiclient.__version__, "on Python", sys.version.split()[0])',
    ],
  );
}

/** Runs a Python script with `client` (from `findPythonModule`); its stdout is JSON. */
export async function runPython(
  client: FoundClient,
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ output: unknown; stderr: string; code: number }> {
  const result = await run(client.command, ['-c', script], env);
  const trimmed = result.stdout.trim();
  return {
    output: result.code === 0 && trimmed !== '' ? (JSON.parse(trimmed) as unknown) : undefined,
    stderr: result.stderr,
    code: result.code,
  };
}

/** curl with `--aws-sigv4` (7.75 and later). */
export function findCurl(): FoundClient | undefined {
  const found = firstFound(['curl'], ['--version']);
  if (found === undefined) return undefined;
  const [major = 0, minor = 0] = (/curl (\d+)\.(\d+)/.exec(found.version) ?? []).slice(1).map(Number);
  return major > 7 || (major === 7 && minor >= 75) ? found : undefined;
}

/**
 * Whether a missing client fails the run instead of skipping it: on CI (`CI=true`), where
 * scripts/setup.sh installs them, a missing one means the setup broke.
 */
export const CLIENTS_REQUIRED = process.env.CI === 'true';

let isolatedHome: string | undefined;

/**
 * An environment for a child process that sees no user's AWS or Google configuration, no proxy
 * and no metadata service: only what the test passes.
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  isolatedHome ??= mkdtempSync(join(tmpdir(), 'provision-client-home-'));
  const home = isolatedHome;
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(AWS_|BOTO_|GOOGLE_|CLOUDSDK_|HTTPS?_PROXY$|ALL_PROXY$|https?_proxy$|all_proxy$)/.test(name),
    ),
  );
  return {
    ...kept,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    // google-auth: never probe the GCE metadata server.
    NO_GCE_CHECK: 'True',
    NO_PROXY: '127.0.0.1,localhost',
    ...extra,
  };
}

/** Runs a command without blocking this process (the emulator answers it from here). */
export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ stdout, stderr, code });
    });
  });
}

/**
 * A describe block for one client: runs when the client is installed; when it is not, skips with
 * the reason in its name, except under CI=true for the clients scripts/setup.sh installs
 * (`required`), where the missing client fails the run.
 */
export function withClient(
  label: string,
  client: FoundClient | undefined,
  install: string,
  body: (client: FoundClient) => void,
  required = CLIENTS_REQUIRED,
) {
  if (client !== undefined) {
    describe(`${label} (${client.version})`, () => body(client));
  } else if (required) {
    describe(label, () => {
      it(`is installed (CI=true: ${install})`, () => {
        expect.fail(`${label} is not installed on this CI machine (${install}).`);
      });
    });
  } else {
    describe.skip(`${label} (skipped: not installed here; ${install})`, () => {
      it('runs against the emulator', () => {});
    });
  }
}
