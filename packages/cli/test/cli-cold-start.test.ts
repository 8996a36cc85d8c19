import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPluginPackages } from '@provision/core/discovery';
import { describe, expect, it } from 'vitest';
import { BIN, PACKAGE_DIR, runCli } from './run-cli.js';

// What each command imports before it prints anything is what every run of it pays for: these
// check which provider packages a run resolved (the same recording hook as
// no-implementation-load.test.ts), never how long it took.
const HOOK = join(import.meta.dirname, 'record-resolved-modules.mjs');
const logDir = mkdtempSync(join(tmpdir(), 'provision-cold-start-'));
let counter = 0;

async function resolvedModules(args: readonly string[], env: Record<string, string> = {}) {
  const logFile = join(logDir, `run-${counter++}.log`);
  const run = await runCli(args, {
    env: { ...env, PROVISION_TEST_MODULE_LOG: logFile },
    nodeArgs: ['--import', HOOK],
  });
  const urls = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  return { run, urls };
}

/** The provider packages (ours by id, the example by its folder) a run imported anything of. */
function providerPackages(urls: readonly string[]): string[] {
  const found = new Set<string>();
  for (const url of urls) {
    const ours = /\/provider-([a-z0-9-]+)\/dist\//.exec(url);
    if (ours?.[1] !== undefined) found.add(ours[1]);
    if (url.includes('/provision-provider-example/')) found.add('example');
  }
  return [...found].sort();
}

describe('a command imports only the provider manifests it needs', () => {
  it('create --dry-run --provider digitalocean imports DigitalOcean’s manifest and no other provider', async () => {
    const { run, urls } = await resolvedModules([
      'create',
      '--provider',
      'digitalocean',
      '--name',
      'dry',
      '--dry-run',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^provider +digitalocean$/m);
    expect(providerPackages(urls)).toEqual(['digitalocean']);
  });

  it('providers imports no provider module: their catalog files hold what it prints, the example fixture only when shown', async () => {
    const home = mkdtempSync(join(tmpdir(), 'provision-empty-home-'));
    const hidden = await resolvedModules(['providers', '--output', 'json'], { HOME: home });
    expect(hidden.run.code, hidden.run.stderr).toBe(0);
    expect(providerPackages(hidden.urls)).toEqual([]);
    const listed = JSON.parse(hidden.run.stdout) as {
      providers: Array<{ id: string; credentialsSet: boolean }>;
    };
    expect(listed.providers.map((provider) => provider.id)).toContain('aws');
    expect(listed.providers.every((provider) => !provider.credentialsSet)).toBe(true);
    // The example has no catalog file: it is imported, and listed like the others.
    const shown = await resolvedModules(['providers', '--output', 'json'], {
      HOME: home,
      PROVISION_SHOW_FIXTURES: '1',
    });
    expect(providerPackages(shown.urls)).toEqual(['example']);
    expect(shown.run.stdout).toContain('"acme"');
  });

  it('providers imports a manifest only where its credential declaration leaves the answer to its code', async () => {
    const home = mkdtempSync(join(tmpdir(), 'provision-hcloud-home-'));
    mkdirSync(join(home, '.config', 'hcloud'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'hcloud', 'cli.toml'),
      'active_context = "main"\n\n[[contexts]]\n  name = "main"\n  token = "from-the-cli-config-file"\n',
    );
    const { run, urls } = await resolvedModules(['providers', '--output', 'json'], {
      HOME: home,
      DIGITALOCEAN_TOKEN: 'dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    });
    expect(run.code, run.stderr).toBe(0);
    // hcloud's file is parsed by the plugin's own code; DigitalOcean's variable needs none.
    expect(providerPackages(urls)).toEqual(['hetzner']);
    const listed = JSON.parse(run.stdout) as { providers: Array<{ id: string; credentialsSet: boolean }> };
    const found = listed.providers
      .filter((provider) => provider.credentialsSet)
      .map((provider) => provider.id);
    expect(found).toEqual(['digitalocean', 'hetzner']);
    expect(run.stdout).not.toContain('from-the-cli-config-file');
  });

  it('the fixture named by --provider is imported, alone, and used', async () => {
    const { run, urls } = await resolvedModules([
      'create',
      '--provider',
      'acme',
      '--name',
      'dry',
      '--dry-run',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^provider +acme$/m);
    expect(providerPackages(urls)).toEqual(['example']);
  });

  it('a provider that is not installed still gets the list of those that are, from every manifest', async () => {
    const { run, urls } = await resolvedModules(['plans', '--provider', 'hetznr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: Provider "hetznr" is not installed \(installed: aws, azure, .*vultr\)\./m,
    );
    expect(run.stderr).toMatch(/^hint: Did you mean --provider hetzner\?/m);
    expect(providerPackages(urls)).toContain('vultr');
  });
});

/**
 * A module for `--import` that makes the run exit with `code` when Node loaded its own module
 * `loaded` (as `process.moduleLoadList` names it).
 */
function loadProbe(name: string, loaded: string, code: number): string {
  const file = join(logDir, `${name}.mjs`);
  const check = `if (process.moduleLoadList.includes(${JSON.stringify(loaded)})) process.exitCode = ${code};`;
  writeFileSync(file, `process.on('exit', () => { ${check} });\n`);
  return file;
}

describe('output written straight to a pipe or a file', () => {
  const NET_PROBE = loadProbe('net-probe', 'NativeModule net', 42);

  it('is the same in a file as through a pipe, and creates no Node stream for it', async () => {
    const piped = await runCli(['regions'], { nodeArgs: ['--import', NET_PROBE] });
    expect(piped.code, piped.stderr).toBe(0);
    const file = join(logDir, 'regions.txt');
    const fd = openSync(file, 'w');
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'regions'], {
        cwd: PACKAGE_DIR,
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', fd, 'ignore'],
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    closeSync(fd);
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
    expect(piped.stdout).toMatch(/^PROVIDER +REGION/m);
  });
});

describe('the run’s abort signal', () => {
  // Node loads its AbortController on first use (about 0.3 ms): a command that never waits or
  // calls a cloud makes none; Ctrl-C still interrupts one that does (cli-hurried-user.test.ts).
  const PROBE = loadProbe('abort-probe', 'NativeModule internal/abort_controller', 43);

  it('is not made by listings from the catalogs or by create --dry-run', async () => {
    for (const args of [
      ['plans', '--all'],
      ['regions'],
      ['providers'],
      ['create', '--provider', 'digitalocean', '--name', 'dry', '--dry-run'],
    ]) {
      const run = await runCli(args, { nodeArgs: ['--import', PROBE] });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
  });
});

describe('plans and regions read the catalog files the provider builds write', () => {
  it('import no provider module when every installed provider has one', async () => {
    for (const args of [['plans'], ['regions', '--output', 'json']]) {
      const { run, urls } = await resolvedModules(args);
      expect(run.code, run.stderr).toBe(0);
      expect(providerPackages(urls)).toEqual([]);
    }
    const { run } = await resolvedModules(['regions', '--output', 'json']);
    expect(run.stdout).toContain('"provider": "digitalocean"');
  });

  it('each catalog file holds what the manifest itself says', async () => {
    const packages = findPluginPackages([PACKAGE_DIR]).filter((pkg) => pkg.catalog !== undefined);
    expect(packages.map((pkg) => pkg.provider)).toContain('aws');
    for (const pkg of packages) {
      const module = (await import(pathToFileURL(pkg.entry).href)) as Record<string, unknown>;
      const manifest = Object.values(module).find(
        (value) => (value as { id?: unknown } | null)?.id === pkg.provider,
      ) as Record<string, unknown>;
      const { id, displayName, packageName, version, secretSettings, env, catalog } = manifest;
      const { maintainers, capabilities, defaults, notes, credentialsHelp, credentials } = manifest;
      expect(JSON.parse(readFileSync(pkg.catalog as string, 'utf8')), pkg.packageName).toEqual(
        JSON.parse(
          JSON.stringify({
            id,
            displayName,
            packageName,
            version,
            secretSettings,
            env,
            catalog,
            maintainers,
            capabilities,
            defaults,
            notes,
            credentialsHelp,
            credentials,
            hasCredentials: typeof manifest.hasCredentials === 'function',
          }),
        ),
      );
      // Every first-party provider declares where it finds credentials (so `providers` imports none).
      expect(credentials, pkg.packageName).toBeDefined();
    }
  });

  it('imports the manifests when a catalog file is not its package’s (a stale build)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'provision-stale-catalog-'));
    const directory = join(project, 'node_modules', 'provision-provider-stale');
    mkdirSync(directory, { recursive: true });
    const plan = (id: string) => ({
      id,
      cpus: 1,
      memoryMiB: 512,
      publicIpv4: true,
      price: { monthly: 1, currency: 'USD', source: 'catalog' },
    });
    const data = (version: string, planId: string) => ({
      id: 'stale',
      displayName: 'Stale',
      packageName: 'provision-provider-stale',
      version,
      secretSettings: [],
      env: { required: [], optional: [] },
      catalog: { checkedAt: '2026-12-01', currency: 'USD', plans: [plan(planId)], regions: [], images: {} },
    });
    writeFileSync(
      join(directory, 'package.json'),
      JSON.stringify({
        name: 'provision-provider-stale',
        version: '2.0.0',
        type: 'module',
        provision: { provider: 'stale', manifest: './manifest.js', catalog: './catalog.json' },
      }),
    );
    writeFileSync(join(directory, 'catalog.json'), JSON.stringify(data('1.0.0', 'from-catalog')));
    writeFileSync(
      join(directory, 'manifest.js'),
      `export const plugin = { ...${JSON.stringify(data('2.0.0', 'from-manifest'))}, load: async () => ({}) };\n`,
    );
    const run = await runCli(['plans', '--output', 'json'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"from-manifest"');
    expect(run.stdout).not.toContain('"from-catalog"');
  });

  it('providers imports a package whose file lacks what it prints, or whose credential check is code alone', async () => {
    const project = mkdtempSync(join(tmpdir(), 'provision-listing-fallback-'));
    const listing = {
      version: '1.0.0',
      secretSettings: [],
      env: { required: ['CODED_KEY'], optional: [] },
      catalog: {
        checkedAt: '2026-12-01',
        currency: 'USD',
        plans: [
          {
            id: 'p1',
            cpus: 1,
            memoryMiB: 512,
            publicIpv4: true,
            price: { monthly: 1, currency: 'USD', source: 'catalog' },
          },
        ],
        regions: [{ id: 'r1', name: 'Region 1' }],
        images: { 'ubuntu-24.04': 'u' },
      },
    };
    const more = {
      maintainers: ['@someone'],
      capabilities: { list: true },
      defaults: { region: 'r1', plan: 'p1', os: 'ubuntu-24.04' },
    };
    const write = (id: string, file: Record<string, unknown>, manifest: string) => {
      const directory = join(project, 'node_modules', `provision-provider-${id}`);
      mkdirSync(directory, { recursive: true });
      const name = `provision-provider-${id}`;
      writeFileSync(
        join(directory, 'package.json'),
        JSON.stringify({
          name,
          version: '1.0.0',
          type: 'module',
          provision: { provider: id, manifest: './manifest.js', catalog: './catalog.json' },
        }),
      );
      writeFileSync(join(directory, 'catalog.json'), JSON.stringify({ id, packageName: name, ...file }));
      writeFileSync(join(directory, 'manifest.js'), manifest);
    };
    const manifest = (id: string, displayName: string, code: string) =>
      `export const plugin = { ...${JSON.stringify({ ...listing, ...more, id, displayName, packageName: `provision-provider-${id}` })}, ${code} load: async () => ({}) };\n`;
    // An older build's file: the plans data only.
    write('older', { ...listing, displayName: 'Older (file)' }, manifest('older', 'Older', ''));
    // Everything `providers` prints, but the credentials are the manifest's code's to tell.
    write(
      'coded',
      { ...listing, ...more, displayName: 'Coded', hasCredentials: true },
      manifest('coded', 'Coded', `hasCredentials: (env) => env.CODED_KEY === 'yes',`),
    );
    const list = async (env: Record<string, string>) => {
      const run = await runCli(['providers', '--output', 'json'], {
        cwd: project,
        env: { HOME: project, ...env },
      });
      expect(run.code, run.stderr).toBe(0);
      const { providers } = JSON.parse(run.stdout) as {
        providers: Array<{ id: string; displayName: string; credentialsSet: boolean; maintainers: string[] }>;
      };
      return Object.fromEntries(providers.map((provider) => [provider.id, provider]));
    };
    const yes = await list({ CODED_KEY: 'yes' });
    expect(yes.older).toMatchObject({
      displayName: 'Older',
      maintainers: ['@someone'],
      credentialsSet: true,
    });
    expect(yes.coded).toMatchObject({ displayName: 'Coded', credentialsSet: true });
    // Set, but the code says no: its answer is the one shown.
    const no = await list({ CODED_KEY: 'no' });
    expect(no.coded?.credentialsSet).toBe(false);
    expect(no.older?.credentialsSet).toBe(true);
  });
});
