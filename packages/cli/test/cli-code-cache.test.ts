import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// bin.js runs the bundle (dist/provision.js, a script) from a code cache it keeps per command in
// Node's compile cache folder, written after the command ran. These check what lands in that
// folder and that a run prints the same with a cache, without one, and with a stale one.

/** A fresh compile cache folder (Node makes one subfolder in it per Node version and V8 flags). */
function cacheRoot(): string {
  return mkdtempSync(join(tmpdir(), 'provision-code-cache-'));
}

/** The CLI's cache files under `root`, by the name after `provision-cli-<path hash>-`. */
function cliCaches(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const match = /^provision-cli-[0-9a-f]+-(.+)$/.exec(entry.name);
    if (entry.isFile() && match?.[1] !== undefined) found.set(match[1], join(entry.parentPath, entry.name));
  }
  return found;
}

/** The hash the build wrote on the first line of a bundle in dist/. */
function buildHash(bundle: string): string {
  const text = readFileSync(join(import.meta.dirname, '..', 'dist', bundle), 'utf8');
  return text.slice(2, text.indexOf('\n'));
}

const run = (args: readonly string[], root: string, env: Record<string, string> = {}) =>
  runCli(args, { env: { NODE_COMPILE_CACHE: root, ...env } });

describe('the code cache of the bundle', () => {
  it('a command writes its own cache once, and prints the same from it', async () => {
    const root = cacheRoot();
    const first = await run(['providers', '--output', 'json'], root);
    expect(first.code, first.stderr).toBe(0);
    const caches = cliCaches(root);
    expect([...caches.keys()]).toEqual(['providers']);
    const file = caches.get('providers') as string;
    const written = statSync(file).mtimeMs;
    // The file starts with what it was made from: the build hash of the command's own bundle.
    expect(readFileSync(file).subarray(0, 32).toString()).toBe(buildHash('provision-providers.js'));

    const second = await run(['providers', '--output', 'json'], root);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
    // Started from it: not written again.
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('a cache made from another build of the bundle is not used, and is replaced', async () => {
    const root = cacheRoot();
    const fresh = await run(['regions'], root);
    expect(fresh.code, fresh.stderr).toBe(0);
    const file = cliCaches(root).get('regions') as string;
    const data = readFileSync(file);
    const key = data.subarray(0, data.indexOf('\n') + 1).toString();
    // The same cache, said to be made from a bundle of another build.
    writeFileSync(file, Buffer.concat([Buffer.from(`0${key.slice(1)}`), data.subarray(key.length)]));

    const stale = await run(['regions'], root);
    expect(stale.code, stale.stderr).toBe(0);
    expect(stale.stdout).toBe(fresh.stdout);
    expect(readFileSync(file).subarray(0, key.length).toString()).toBe(key);
  });

  it('a file that is no cache at all is ignored and replaced', async () => {
    const root = cacheRoot();
    const fresh = await run(['plans', '--all'], root);
    const file = cliCaches(root).get('plans') as string;
    writeFileSync(file, 'not a cache');
    const again = await run(['plans', '--all'], root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(fresh.stdout);
    expect(readFileSync(file, 'utf8').startsWith('not a cache')).toBe(false);
  });

  it('anything but a command shares one cache: help, a mistyped command', async () => {
    const root = cacheRoot();
    const typo = await run(['provder'], root);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^error: unknown command 'provder'/m);
    const help = await run(['help'], root);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: provision');
    const caches = cliCaches(root);
    expect([...caches.keys()]).toEqual(['-']);
    // Made from the bundle of every command.
    const shared = readFileSync(caches.get('-') as string);
    expect(shared.subarray(0, 32).toString()).toBe(buildHash('provision.js'));
  });

  it('a command with a bundle of its own prints what the bundle of every command prints', async () => {
    const root = cacheRoot();
    const cases: Array<[readonly string[], number]> = [
      [['providers', '--output', 'json'], 0],
      [['plans', '--all'], 0],
      [['regions', '--provider', 'hetzner'], 0],
      [['create', '--provider', 'digitalocean', '--name', 'dry', '--dry-run'], 0],
      [['create', '--help'], 0],
      [['plans', '--bogus'], 2],
      [['regions', '--provider', 'hetznr'], 2],
    ];
    for (const [args, code] of cases) {
      const own = await run(args, root);
      // Options first: the command does not come first, so the bundle of every command runs it.
      const whole = await run(['--output', args.includes('json') ? 'json' : 'table', ...args], root);
      expect(own.code, own.stderr).toBe(code);
      expect(whole.code).toBe(code);
      expect(own.stdout, args.join(' ')).toBe(whole.stdout);
      expect(own.stderr, args.join(' ')).toBe(whole.stderr);
    }
    const caches = cliCaches(root);
    expect(
      readFileSync(caches.get('plans') as string)
        .subarray(0, 32)
        .toString(),
    ).toBe(buildHash('provision-plans.js'));
    expect(
      readFileSync(caches.get('-') as string)
        .subarray(0, 32)
        .toString(),
    ).toBe(buildHash('provision.js'));
  });

  it('--help and --version answer without the bundle: no cache is written', async () => {
    const root = cacheRoot();
    const help = await run(['--help'], root);
    const version = await run(['--version'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: provision');
    expect(version.code).toBe(0);
    expect(cliCaches(root).size).toBe(0);
  });

  it('without NODE_COMPILE_CACHE, Node’s own folder in the temporary folder holds it, as Node’s own cache', async () => {
    const temporary = cacheRoot();
    const result = await runCli(['create', '--provider', 'digitalocean', '--name', 'dry', '--dry-run'], {
      env: { TMPDIR: `${temporary}/` },
    });
    expect(result.code, result.stderr).toBe(0);
    const folder = join(temporary, 'node-compile-cache');
    expect([...cliCaches(folder).keys()]).toEqual(['create']);
    // Node keeps the provider's manifest module there too.
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.length).toBeGreaterThan(1);
  });

  it('with Node’s compile cache turned off, none is kept and the command still runs', async () => {
    const root = cacheRoot();
    const result = await run(['regions'], root, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^PROVIDER +REGION/m);
    expect(cliCaches(root).size).toBe(0);
  });

  it('the emulator is imported from the bundle as a module beside it would be', async () => {
    const root = cacheRoot();
    const result = await run(['list', '--provider', 'digitalocean', '--emulator', '--output', 'json'], root);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ hosts: [] });
  });
});
