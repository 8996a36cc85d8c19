import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findPluginPackages } from '@provision/core/discovery';
import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { runCli } from './run-cli.js';

const HOOK = join(import.meta.dirname, 'record-resolved-modules.mjs');
const logDir = mkdtempSync(join(tmpdir(), 'provision-modules-'));
let counter = 0;

/** Runs the CLI with the recording hook; returns every module URL the process resolved. */
async function resolvedModules(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<string[]> {
  const logFile = join(logDir, `run-${counter++}.log`);
  const run = await runCli(args, {
    env: { ...env, PROVISION_TEST_MODULE_LOG: logFile },
    nodeArgs: ['--import', HOOK],
    ...(cwd === undefined ? {} : { cwd }),
  });
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

// Core's own `create-provisioner.js` (the factory every command uses) also ends in
// "-provisioner.js"; it is core, not a provider's implementation, so it is the one exception.
const CORE_FACTORY = /\/core\/dist\/plugin\/create-provisioner\.js$/;

// The cloud SDKs come from the installed providers' own package.json, the way the repository test
// (tools/repo-rules) reads them: every `dependencies` entry outside @provision/* and the small
// runtime libraries is an SDK. A scoped SDK stands for its whole scope (an @azure/arm-* client
// loads @azure/core-*), so the patterns name the scope.
const SMALL_RUNTIME_LIBRARIES = new Set(['zod']);

/** The SDK packages the plugin packages found from `directory` depend on, and the folders they load from. */
function sdksOf(directory: string): { packages: string[]; folders: string[] } {
  const packages = [
    ...new Set(
      findPluginPackages([directory]).flatMap((pkg) => {
        const manifest = JSON.parse(readFileSync(join(pkg.directory, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>;
        };
        return Object.keys(manifest.dependencies ?? {}).filter(
          (name) => !name.startsWith('@provision/') && !SMALL_RUNTIME_LIBRARIES.has(name),
        );
      }),
    ),
  ];
  const folders = packages.map(
    (name) => `/node_modules/${name.startsWith('@') ? name.split('/')[0] : name}/`,
  );
  return { packages, folders };
}

const { packages: sdkPackages, folders: sdkFolders } = sdksOf(join(import.meta.dirname, '..'));

function implementationsAndSdks(urls: readonly string[], folders: readonly string[] = sdkFolders): string[] {
  return urls.filter(
    (url) =>
      (/-provisioner\.js$/.test(url) && !CORE_FACTORY.test(url)) ||
      folders.some((folder) => url.includes(folder)),
  );
}

it('derives the SDK list from the installed providers (the AWS SDK is in it)', () => {
  expect(sdkPackages).toContain('@aws-sdk/client-ec2');
  expect(sdkFolders).toContain('/node_modules/@aws-sdk/');
});

/**
 * A project with one third-party plugin whose manifest imports its SDKs at top level: a scoped one
 * in CommonJS whose client requires a sibling of its scope (as an @azure/arm-* client does
 * @azure/core-*), and an unscoped ESM one. Returns the project folder.
 */
function projectWithSdkLoadingManifest(): string {
  const project = mkdtempSync(join(tmpdir(), 'provision-sdk-loading-manifest-'));
  const write = (path: string, text: string) => {
    const file = join(project, 'node_modules', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const packageJson = (name: string, more: Record<string, unknown> = {}) =>
    JSON.stringify({ name, version: '1.0.0', ...more });
  write('@leaky-cloud/core/package.json', packageJson('@leaky-cloud/core', { main: 'index.js' }));
  write('@leaky-cloud/core/index.js', "exports.userAgent = 'leaky-core/1.0.0';\n");
  write('@leaky-cloud/compute/package.json', packageJson('@leaky-cloud/compute', { main: 'index.js' }));
  write(
    '@leaky-cloud/compute/index.js',
    "const { userAgent } = require('@leaky-cloud/core');\nexports.ComputeClient = class { userAgent = userAgent; };\n",
  );
  write('leakysdk/package.json', packageJson('leakysdk', { type: 'module', exports: './index.js' }));
  write('leakysdk/index.js', "export const defaultRegion = 'leaky-1';\n");
  const data = {
    id: 'leaky',
    displayName: 'Leaky',
    packageName: 'provision-provider-leaky',
    version: '1.0.0',
    secretSettings: [],
    env: { required: [], optional: [] },
    catalog: { checkedAt: '2026-12-01', currency: 'USD', plans: [], regions: [], images: {} },
    maintainers: ['@someone'],
    capabilities: { list: true },
    defaults: { region: 'leaky-1', plan: 'p1', os: 'ubuntu-24.04' },
  };
  write(
    'provision-provider-leaky/package.json',
    packageJson('provision-provider-leaky', {
      type: 'module',
      provision: { provider: 'leaky', manifest: './manifest.js' },
      dependencies: { '@leaky-cloud/compute': '1.0.0', leakysdk: '1.0.0', zod: '^4.0.0' },
    }),
  );
  write(
    'provision-provider-leaky/manifest.js',
    [
      "import compute from '@leaky-cloud/compute';",
      "import { defaultRegion } from 'leakysdk';",
      `export const plugin = { ...${JSON.stringify(data)}, notes: [String(typeof compute.ComputeClient), defaultRegion], load: async () => ({}) };`,
      '',
    ].join('\n'),
  );
  return project;
}

describe('the check itself', () => {
  it('reports a manifest that loads SDKs from their own folders, scoped or not, CommonJS or ESM', async () => {
    const project = projectWithSdkLoadingManifest();
    const { packages, folders } = sdksOf(project);
    // zod is a small runtime library, not an SDK.
    expect(packages.sort()).toEqual(['@leaky-cloud/compute', 'leakysdk']);
    // `providers` imports a manifest that has no catalog file, and so its SDKs.
    const urls = await resolvedModules(['providers', '--output', 'json'], {}, project);
    const reported = [...new Set(implementationsAndSdks(urls, folders))].map((url) =>
      url.slice(url.lastIndexOf('/node_modules/')),
    );
    expect(reported.sort()).toEqual([
      '/node_modules/@leaky-cloud/compute/index.js',
      '/node_modules/@leaky-cloud/core/index.js',
      '/node_modules/leakysdk/index.js',
    ]);
  });
});

let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator?.close();
});

describe('commands that need no cloud load no provider implementation or SDK', () => {
  it.each([
    ['--help', ['--help']],
    ['providers', ['providers', '--output', 'json']],
    ['plans from the catalogs', ['plans', '--output', 'json']],
    ['regions from the catalogs', ['regions']],
    ['create --dry-run', ['create', '--provider', 'digitalocean', '--name', 'dry', '--dry-run']],
  ])('%s', async (_, args) => {
    const urls = await resolvedModules(args, env);
    expect(implementationsAndSdks(urls)).toEqual([]);
    // The hook did record this run: the CLI's own entry is there. (Its bundle is a script that
    // bin.js compiles, which no module hook sees; cli-code-cache.test.ts checks when it runs.)
    expect(urls.some((url) => url.endsWith('/cli/dist/bin.js'))).toBe(true);
  });

  it('a command naming a provider does import its package (its manifest module): the hook sees it', async () => {
    for (const provider of ['digitalocean', 'aws']) {
      const urls = await resolvedModules(
        ['create', '--provider', provider, '--name', 'dry', '--dry-run'],
        env,
      );
      expect(urls.some((url) => new RegExp(`provider-${provider}/dist/manifest\\.js$`).test(url))).toBe(true);
    }
  });

  it('a command that talks to the cloud does load the implementation (the hook sees lazy imports)', async () => {
    const urls = await resolvedModules(['list', '--provider', 'digitalocean'], env);
    // The package's own build or its bundle of it (`bundled-digitalocean-provisioner.js`).
    expect(urls.some((url) => /digitalocean-provisioner\.js$/.test(url))).toBe(true);
  });

  it('a command that talks to an SDK cloud loads that SDK, and the derived patterns see it', async () => {
    const urls = await resolvedModules(['list', '--provider', 'aws'], env);
    // The AWS SDK's code comes bundled with the implementation (bundled-aws-provisioner.js, see
    // docs/decisions/2026-12-02-aws-sdk-bundled.md), not from node_modules/@aws-sdk.
    expect(
      implementationsAndSdks(urls).filter((url) => /provider-aws\/dist\/[^/]*-provisioner\.js$/.test(url)),
    ).toEqual([expect.stringMatching(/\/bundled-aws-provisioner\.js$/)]);
  });
});
