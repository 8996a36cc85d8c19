import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, startTestEmulator } from './emulator.js';
import { parseJson, recordedOutputs, runCli } from './run-cli.js';

afterAll(() => {
  expect(recordedOutputs.join('\n')).not.toContain(FAKE_TOKEN);
});

describe('exit codes and error output', () => {
  it('--help and --version exit 0 and document the exit codes', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:\n\s+0\s+success\n\s+1\s+failure.*\n\s+2\s+usage error.*\n\s+3\s+--wait/,
    );
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const commandHelp = await runCli(['delete', '--help']);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toContain('--ip <address>');
  });

  it('a port out of range is a usage error (2) naming the port', async () => {
    const run = await runCli(['create', '--provider', 'digitalocean', '--name', 'web', '--port', '70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*70000 is not a port/m);
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stdout).toBe('');
  });

  it('a missing --name is a usage error (2), also as a JSON error document', async () => {
    const run = await runCli(['create', '--provider', 'digitalocean', '--output', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: required option '--name <name>' not specified/m);
    expect(parseJson(run)).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
  });

  it('an unknown command, a bad duration and --port with --all-ports are usage errors (2)', async () => {
    expect((await runCli(['destroy'])).code).toBe(2);
    const duration = await runCli([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'a',
      '--ttl',
      '2 hours',
    ]);
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain('is not a duration');
    const both = await runCli([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'a',
      '--port',
      '80',
      '--all-ports',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('cannot be used together');
  });

  it('a provider that is not installed is a usage error (2) listing the installed ones', async () => {
    const run = await runCli(['create', '--provider', 'nimbus', '--name', 'a']);
    expect(run.code).toBe(2);
    // Other providers may be installed beside DigitalOcean (the workspace root has them all).
    expect(run.stderr).toMatch(
      /Provider "nimbus" is not installed \(installed: [^)]*\bdigitalocean\b[^)]*\)/,
    );
  });

  it('missing credentials exit 2 with an error naming DIGITALOCEAN_TOKEN', async () => {
    const run = await runCli(['create', '--provider', 'digitalocean', '--name', 'web', '--output', 'json'], {
      env: {},
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*DIGITALOCEAN_TOKEN/m);
    expect(run.stderr).toMatch(/^hint: .*never takes credentials as flags/m);
    expect(parseJson(run)).toMatchObject({
      error: { code: 'missing_credentials', provider: 'digitalocean' },
    });
  });

  it('list and gc without --provider and with no credentials anywhere fail (2) naming the variables', async () => {
    for (const command of ['list', 'gc']) {
      const run = await runCli([command, '--output', 'json'], { env: {} });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).not.toContain('hosts');
      expect(parseJson(run)).toMatchObject({ error: { code: 'missing_credentials', exitCode: 2 } });
      expect(run.stderr).toMatch(/^error: No credentials were found for any provider/m);
      expect(run.stderr).toContain('digitalocean: DIGITALOCEAN_TOKEN');
      expect(run.stderr).toContain('aws: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    }
  });

  it('list without --provider skips providers without credentials, with a note', async () => {
    const { emulator, env } = await startTestEmulator();
    try {
      const run = await runCli(['list', '--output', 'json'], {
        env: {
          DIGITALOCEAN_TOKEN: env.DIGITALOCEAN_TOKEN ?? '',
          DIGITALOCEAN_API_URL: env.DIGITALOCEAN_API_URL ?? '',
        },
      });
      expect(run.code, run.stderr).toBe(0);
      const result = parseJson(run) as { hosts: unknown[]; skipped: unknown[]; failures: unknown[] };
      expect(result.hosts).toEqual([]);
      expect(result.failures).toEqual([]);
      expect(result.skipped).toContainEqual({
        provider: 'aws',
        reason: expect.stringContaining('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'),
      });
      expect(run.stderr).toMatch(/^note: skipping aws: no credentials/m);
    } finally {
      await emulator.close();
    }
  });

  it('list without --provider asks AWS when its credentials are only in ~/.aws/credentials', async () => {
    const { emulator, env } = await startTestEmulator();
    const home = mkdtempSync(join(tmpdir(), 'provision-home-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${env.AWS_SECRET_ACCESS_KEY}\n`,
    );
    try {
      const created = await runCli(
        ['create', '--provider', 'aws', '--name', 'from-file', '--output', 'json'],
        {
          env,
        },
      );
      expect(created.code, created.stderr).toBe(0);
      const run = await runCli(['list', '--output', 'json'], {
        env: {
          HOME: home,
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_EC2: env.AWS_ENDPOINT_URL_EC2 ?? '',
        },
      });
      expect(run.code, run.stderr).toBe(0);
      const result = parseJson(run) as {
        hosts: Array<{ name: string; provider: string }>;
        skipped: unknown[];
      };
      expect(result.hosts).toEqual([expect.objectContaining({ name: 'from-file', provider: 'aws' })]);
      expect(result.skipped).toContainEqual(expect.objectContaining({ provider: 'digitalocean' }));
    } finally {
      await emulator.close();
    }
  });

  it('a rejected token exits 1, and the token is not printed', async () => {
    const { emulator, env } = await startTestEmulator();
    try {
      const wrongToken = `dop_v1_${'f'.repeat(64)}`;
      const run = await runCli(['list', '--provider', 'digitalocean', '--debug'], {
        env: { ...env, DIGITALOCEAN_TOKEN: wrongToken },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: /m);
      expect(`${run.stdout}${run.stderr}`).not.toContain(wrongToken);
    } finally {
      await emulator.close();
    }
  });

  it('status --wait exits 3 when the host cannot become active within --timeout', async () => {
    // Every request takes longer than the whole timeout, so the first poll already misses it.
    const { emulator, env } = await startTestEmulator({ latencyMs: 1200 });
    try {
      const created = await runCli(
        ['create', '--provider', 'digitalocean', '--name', 'slow', '--output', 'json'],
        { env },
      );
      expect(created.code, created.stderr).toBe(0);
      const { host } = parseJson<{ host: { ref: string; status: string } }>(created);
      expect(host.status).toBe('provisioning');

      const run = await runCli(['status', host.ref, '--wait', '--timeout', '1s', '--output', 'json'], {
        env,
      });
      expect(run.code).toBe(3);
      // It names the host, its ref, what was waited for and for how long, and how to wait on.
      expect(run.stderr).toContain(
        `error: slow (${host.ref}) did not become active within 1s (last status: provisioning).`,
      );
      expect(run.stderr).toContain(`provision status ${host.ref} --wait --until active --timeout <longer>`);
      expect(parseJson(run)).toMatchObject({ error: { code: 'wait_timeout', exitCode: 3 } });
    } finally {
      await emulator.close();
    }
  });
});
