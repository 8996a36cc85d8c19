import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPluginPackages } from '@provision/core/discovery';
import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { runCli } from './run-cli.js';

const HOOK = join(import.meta.dirname, 'record-resolved-modules.mjs');
const logDir = mkdtempSync(join(tmpdir(), 'provision-modules-'));
let counter = 0;

/** Runs the CLI with the recording hook; returns every module URL the process resolved. */
async function resolvedModules(args: readonly string[], env: Record<string, string> = {}): Promise<string[]> {
  const logFile = join(logDir, `run-${counter++}.log`);
  const run = await runCli(args, {
    env: { ...env, PROVISION_TEST_MODULE_LOG: logFile },
    nodeArgs: ['--import', HOOK],
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
const sdkPackages = [
  ...new Set(
    findPluginPackages([join(import.meta.dirname, '..')]).flatMap((pkg) => {
      const manifest = JSON.parse(readFileSync(join(pkg.directory, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      return Object.keys(manifest.dependencies ?? {}).filter(
        (name) => !name.startsWith('@provision/') && !SMALL_RUNTIME_LIBRARIES.has(name),
      );
    }),
  ),
];
const sdkFolders = sdkPackages.map(
  (name) => `/node_modules/${name.startsWith('@') ? name.split('/')[0] : name}/`,
);

function implementationsAndSdks(urls: readonly string[]): string[] {
  return urls.filter(
    (url) =>
      (/-provisioner\.js$/.test(url) && !CORE_FACTORY.test(url)) ||
      sdkFolders.some((folder) => url.includes(folder)),
  );
}

it('derives the SDK list from the installed providers (the AWS SDK is in it)', () => {
  expect(sdkPackages).toContain('@aws-sdk/client-ec2');
  expect(sdkFolders).toContain('/node_modules/@aws-sdk/');
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
