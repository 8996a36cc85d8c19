import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, interruptCli, PACKAGE_DIR, parseJson, runCli } from './run-cli.js';

/**
 * `provision emulator` prints the fakes' own credentials on purpose (to export them), so its
 * output is kept out of the secret checks of the other test files.
 */
describe('provision emulator', () => {
  it('serves the fakes, prints export lines that work, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--latency', '5ms'], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const exports = await new Promise<Record<string, string>>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const lines = [...stdout.matchAll(/^export (\w+)=(\S+)$/gm)];
        if (lines.length >= 2) resolve(Object.fromEntries(lines.map((line) => [line[1], line[2]])));
      });
      child.on('exit', () => reject(new Error(`emulator exited early: ${stderr}`)));
    });
    try {
      expect(stdout).toMatch(/^Emulator listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(stdout).toContain('# digitalocean');
      expect(exports.DIGITALOCEAN_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/digitalocean$/);
      expect(exports.DIGITALOCEAN_TOKEN).toBeDefined();

      // Another process, given only what was printed, reaches the emulator.
      const live = await runCli(['regions', '--provider', 'digitalocean', '--live', '--output', 'json'], {
        env: exports,
      });
      expect(live.code, live.stderr).toBe(0);
      expect(parseJson<{ source: string }>(live).source).toBe('live');
      expect(stderr).toMatch(/^GET \/digitalocean\/v2\/regions 200/m);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('emulator stopped.');
  });

  it('serves and prints the installed providers, a test fixture only when asked', async () => {
    const served = async (env: Record<string, string>) => {
      const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--quiet', '--output', 'json'], {
        cwd: PACKAGE_DIR,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let stdout = '';
      const document = await new Promise<{ endpoints: Array<{ provider: string }> }>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          try {
            resolve(JSON.parse(stdout));
          } catch {
            // Not whole yet.
          }
        });
        child.on('exit', () => reject(new Error(`emulator exited early: ${stdout}`)));
      });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      return document.endpoints.map((endpoint) => endpoint.provider);
    };
    // The example plugin (`acme`, a package marked as a test fixture) is installed in this workspace.
    const plain = await served({});
    expect(plain).toContain('digitalocean');
    expect(plain).not.toContain('acme');
    expect(await served({ PROVISION_SHOW_FIXTURES: '1' })).toContain('acme');
  });

  it('--tls --cloud-ports --limit: prints the CA exports, and a CLI given only them talks HTTPS to it', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'emulator', '--port', '0', '--tls', '--cloud-ports', '--limit', 'digitalocean.droplets=7'],
      { cwd: PACKAGE_DIR, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const exports = await new Promise<Record<string, string>>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const lines = [...stdout.matchAll(/^export (\w+)=(\S+)$/gm)];
        if (lines.some((line) => line[1] === 'DIGITALOCEAN_TOKEN'))
          resolve(Object.fromEntries(lines.map((line) => [line[1], line[2]])));
      });
      child.on('exit', () => reject(new Error(`emulator exited early: ${stderr}`)));
    });
    try {
      expect(stdout).toMatch(/^Emulator listening on https:\/\/127\.0\.0\.1:\d+/);
      expect(stdout).toContain('# digitalocean (limits: droplets=7)');
      expect(exports.NODE_EXTRA_CA_CERTS).toMatch(/ca\.pem$/);
      expect(exports.AWS_CA_BUNDLE).toBe(exports.NODE_EXTRA_CA_CERTS);
      // Its own port, at the root.
      expect(exports.DIGITALOCEAN_API_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const live = await runCli(['regions', '--provider', 'digitalocean', '--live', '--output', 'json'], {
        env: exports,
      });
      expect(live.code, live.stderr).toBe(0);
      expect(parseJson<{ source: string }>(live).source).toBe('live');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a malformed --limit and an unknown one as usage errors', async () => {
    const malformed = await runCli(['emulator', '--limit', 'droplets']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('is not a limit');
    const unknown = await runCli(['emulator', '--port', '0', '--limit', 'digitalocean.gizmos=1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no limit "gizmos"');
  });

  it('refuses a bad --fault-rate as a usage error', async () => {
    const run = await runCli(['emulator', '--fault-rate', '5%']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a rate from 0 to 1');
  });
});

describe('Ctrl-C while waiting', () => {
  it('exits 130 at once, says what was left, and shuts the in-process emulator down', async () => {
    const { code, stderr } = await interruptCli(
      // An interval longer than the test's timeout (see interruptCli).
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'patient',
        '--emulator',
        '--wait',
        '--interval',
        '10m',
      ],
      {},
      'provisioning',
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/^error: Interrupted while waiting for patient to become active\.$/m);
    // What is left, checked after the interrupt, and what to do with it.
    const ref =
      /^hint: Nothing was undone: (digitalocean:\S+) exists \(provisioning, checked just now\)\./m.exec(
        stderr,
      )?.[1];
    expect(ref, stderr).toBeDefined();
    expect(stderr).toContain('Repeating the same `provision create` is safe');
    expect(stderr).toContain(`\`provision delete ${ref} --wait\` deletes it`);
  });
});
