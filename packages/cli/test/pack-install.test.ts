import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// The package managers run with no stdin and without the npm_*/pnpm_* variables a parent
// `pnpm run` (turbo's way of running this test) exports, which change what a child npm does.
const packageManagerEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|turbo_)/i.test(key)),
);

function run(command: string, args: readonly string[], options: { cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: packageManagerEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} exited ${code}: ${stderr}`)),
    );
  });
}
const WORKSPACE = join(import.meta.dirname, '../../..');

// "Install only the providers you need": the packed packages, installed with plain npm into an
// empty folder as a user would (`npm install @provision/cli @provision/provider-digitalocean`).
// Nothing is published yet, so every package of ours it needs is passed as a tarball; everything
// else comes from the npm registry.
const OURS = ['core', 'provider-utils', 'testkit', 'emulator', 'cli', 'provider-digitalocean'];

async function packAndInstall(): Promise<string> {
  const tarballs = mkdtempSync(join(tmpdir(), 'provision-pack-'));
  for (const name of OURS) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(WORKSPACE, 'packages', name) });
  }

  const project = mkdtempSync(join(tmpdir(), 'provision-install-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], { cwd: project });
  return project;
}

function installed(project: string): string[] {
  const modules = join(project, 'node_modules');
  return readdirSync(modules).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name],
  );
}

describe('packed and installed with plain npm', () => {
  it('installs the CLI with one provider and nothing of another, then provisions against the emulator', {
    timeout: 240_000,
  }, async () => {
    const project = await packAndInstall();
    const packages = installed(project);
    expect(packages).toEqual(expect.arrayContaining(['@provision/cli', '@provision/provider-digitalocean']));
    // No other provider, no other cloud's SDK, and no test tools pulled in by the CLI.
    const unwanted = packages.filter(
      (name) =>
        (name.startsWith('@provision/provider-') &&
          !['@provision/provider-digitalocean', '@provision/provider-utils'].includes(name)) ||
        name.startsWith('provision-provider-') ||
        name.startsWith('@aws-sdk/') ||
        name.startsWith('@google-cloud/') ||
        name.startsWith('@azure/') ||
        name === 'msw' ||
        name === 'vitest',
    );
    expect(unwanted).toEqual([]);
    const bin = join(project, 'node_modules', '@provision', 'cli', 'dist', 'bin.js');
    expect(existsSync(join(project, 'node_modules', '.bin', 'provision'))).toBe(true);

    const providers = await runCli(['providers', '--output', 'json'], { cwd: project, bin });
    expect(providers.code, providers.stderr).toBe(0);
    const ids = (JSON.parse(providers.stdout) as { providers: Array<{ id: string }> }).providers.map(
      (item) => item.id,
    );
    expect(ids).toEqual(['digitalocean']);

    const created = await runCli(
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'packed',
        '--port',
        '443',
        '--emulator',
        '--wait',
        '--timeout',
        '60s',
        '--output',
        'json',
      ],
      { cwd: project, bin },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      host: { provider: 'digitalocean', name: 'packed', status: 'active' },
    });
  });
});
