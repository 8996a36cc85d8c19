import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getPlugin, unregisterPlugin } from '../plugin/registry.js';
import {
  type DiscoveryFileSystem,
  findPluginPackages,
  nodeFileSystem,
  scanPluginPackages,
} from './find-plugin-packages.js';
import { loadPlugins } from './load-plugins.js';

// Plugin packages on disk that import core's built entry by URL: the registry lives on
// globalThis, so they register into the same registry as this test's copy of core.
const coreUrl = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;

function manifestSource(id: string, packageName: string, register: boolean): string {
  return `import { definePlugin, registerPlugin } from '${coreUrl}';
import * as z from 'zod';
export const plugin = definePlugin({
  id: '${id}', displayName: '${id}', specificationVersion: 'v1', packageName: '${packageName}', version: '1.0.0',
  maintainers: ['@someone'], settings: z.object({}).strict(), secretSettings: [],
  env: { required: [], optional: [] }, defaults: { region: 'r1', plan: 'p1', os: 'ubuntu-24.04' },
  capabilities: { inbound: false, deleteByIp: false },
  limits: { userDataBytes: 1000, tags: { maxCount: 1, keyPattern: /.*/, valuePattern: /.*/, maxKeyLength: 9, maxValueLength: 9 }, maxInboundRules: 0 },
  callBudget: { provision: 1, provisionWithInbound: 1, status: 1, delete: 1 },
  catalog: { checkedAt: '2026-11-22', currency: 'USD', regions: [{ id: 'r1', name: 'R1', available: true }],
    plans: [{ id: 'p1', cpus: 1, memoryMiB: 512, publicIpv4: true, price: { monthly: 1, currency: 'USD', source: 'catalog' } }],
    images: { 'ubuntu-24.04': 'u' } },
  load: async () => { throw new Error('not in this test'); },
});
${register ? 'registerPlugin(plugin);' : ''}
`;
}

function writePackage(root: string, packageName: string, fields: Record<string, unknown>, source?: string) {
  const directory = join(root, 'node_modules', ...packageName.split('/'));
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({ name: packageName, version: '1.0.0', type: 'module', ...fields }),
  );
  if (source !== undefined) writeFileSync(join(directory, 'index.js'), source);
  return directory;
}

function fixture() {
  const root = mkdtempSync(join(tmpdir(), 'provision-discovery-'));
  // zod for the fixtures' schemas: link this workspace's copy.
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(join(import.meta.dirname, '../../node_modules/zod'), join(root, 'node_modules', 'zod'));
  const plugin = (id: string, name: string, register = true) =>
    writePackage(
      root,
      name,
      { provision: { provider: id }, exports: { '.': { import: './index.js' } } },
      manifestSource(id, name, register),
    );
  plugin('alpha', '@provision/provider-alpha');
  plugin('beta', 'provision-provider-beta', false);
  plugin('gamma', '@acme/provision-provider-gamma');
  plugin('alpha', 'provision-provider-alpha');
  writePackage(root, 'provision-provider-nofield', { main: 'index.js' }, 'export {};');
  writePackage(
    root,
    'provision-provider-broken',
    { provision: { provider: 'broken' }, main: 'index.js' },
    'throw new Error("boom");',
  );
  writePackage(
    root,
    'provision-provider-silent',
    { provision: { provider: 'silent' }, main: 'index.js' },
    'export const nothing = 1;',
  );
  writePackage(root, 'left-pad', { provision: { provider: 'sneaky' }, main: 'index.js' }, 'export {};');
  const nested = join(root, 'app', 'src');
  mkdirSync(nested, { recursive: true });
  return { root, nested };
}

afterEach(() => {
  for (const id of ['alpha', 'beta', 'gamma']) unregisterPlugin(id);
});

describe('plugin discovery', () => {
  it('finds ours, third parties and scoped third parties by their "provision" field, walking up node_modules', () => {
    const { nested } = fixture();
    const found = findPluginPackages([nested]).map((item) => `${item.provider} ${item.packageName}`);
    expect(found).toEqual([
      'alpha @provision/provider-alpha',
      'alpha provision-provider-alpha',
      'beta provision-provider-beta',
      'broken provision-provider-broken',
      'gamma @acme/provision-provider-gamma',
      'silent provision-provider-silent',
    ]);
  });

  it('imports them, registers an unregistered manifest, and reports conflicts and failures', async () => {
    const { nested } = fixture();
    const result = await loadPlugins(findPluginPackages([nested]));
    expect(result.loaded.map((item) => item.packageName)).toEqual([
      '@provision/provider-alpha',
      'provision-provider-beta',
      '@acme/provision-provider-gamma',
    ]);
    expect(result.conflicts).toEqual([
      {
        provider: 'alpha',
        kept: '@provision/provider-alpha@1.0.0',
        rejected: 'provision-provider-alpha@1.0.0',
      },
    ]);
    expect(result.failures.map((failure) => [failure.package.packageName, failure.reason])).toEqual([
      ['provision-provider-broken', expect.stringContaining('boom')],
      ['provision-provider-silent', expect.stringContaining('registered no plugin')],
    ]);
    expect(getPlugin('beta')?.packageName).toBe('provision-provider-beta');
  });
});

describe('what discovery reads of a package.json', () => {
  it('says which packages are fixtures and where their catalog file is, inside the package only', () => {
    const root = mkdtempSync(join(tmpdir(), 'provision-discovery-fields-'));
    const fields = (provision: Record<string, unknown>) => ({
      provision,
      exports: { '.': { import: './index.js' } },
    });
    const fixture = writePackage(
      root,
      'provision-provider-fixture',
      fields({ provider: 'fixture', fixture: true, catalog: './dist/catalog.json' }),
    );
    writePackage(
      root,
      'provision-provider-outside',
      fields({ provider: 'outside', catalog: '../catalog.json' }),
    );
    // Linked twice (as a workspace does): found once, by its real path.
    symlinkSync(fixture, join(root, 'node_modules', 'provision-provider-fixture-link'), 'dir');
    const found = findPluginPackages([root]).map((pkg) => [pkg.provider, pkg.fixture, pkg.catalog]);
    expect(found).toEqual([
      ['fixture', true, join(realpathSync(fixture), 'dist', 'catalog.json')],
      ['outside', false, undefined],
    ]);
  });
});

describe('how discovery reads the file system', () => {
  /** `nodeFileSystem`, recording every call by method and path. */
  function countingFileSystem() {
    const calls: Array<[keyof DiscoveryFileSystem, string]> = [];
    const recorded =
      <K extends keyof DiscoveryFileSystem>(method: K) =>
      (path: string): ReturnType<DiscoveryFileSystem[K]> => {
        calls.push([method, path]);
        return nodeFileSystem[method](path) as ReturnType<DiscoveryFileSystem[K]>;
      };
    const fs: DiscoveryFileSystem = {
      list: recorded('list'),
      readLink: recorded('readLink'),
      realPath: recorded('realPath'),
      readText: recorded('readText'),
    };
    const of = (method: keyof DiscoveryFileSystem) =>
      calls.filter(([called]) => called === method).map(([, path]) => path);
    return { fs, of };
  }

  /**
   * A workspace: two packages in `packages/`, each linked (relatively, as pnpm does) into the
   * `node_modules` of two apps and of the root.
   */
  function workspace() {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'provision-discovery-links-')));
    const packages = ['provider-alpha', 'provider-beta'].map((name) => {
      const directory = join(root, 'packages', name);
      mkdirSync(directory, { recursive: true });
      writeFileSync(
        join(directory, 'package.json'),
        JSON.stringify({
          name: `@provision/${name}`,
          version: '1.0.0',
          provision: { provider: name.slice('provider-'.length), manifest: './dist/manifest.js' },
        }),
      );
      return directory;
    });
    const starts = ['app-one', 'app-two', '.'].map((app) => {
      const scope = join(root, app, 'node_modules', '@provision');
      mkdirSync(scope, { recursive: true });
      for (const directory of packages)
        symlinkSync(relative(scope, directory), join(scope, basename(directory)), 'dir');
      // Not a plugin by its name: never read.
      mkdirSync(join(root, app, 'node_modules', 'left-pad'), { recursive: true });
      return join(root, app);
    });
    return { root, packages, starts };
  }

  it('resolves each link target once and reads each package.json once, however many links lead there', () => {
    const { root, packages, starts } = workspace();
    const { fs, of } = countingFileSystem();
    const found = scanPluginPackages(starts, fs);
    expect(found.map((pkg) => [pkg.provider, pkg.directory, pkg.entry])).toEqual([
      ['alpha', packages[0], join(packages[0] as string, 'dist', 'manifest.js')],
      ['beta', packages[1], join(packages[1] as string, 'dist', 'manifest.js')],
    ]);
    // Six links read, but the two targets they name resolved once each (and each scope folder once).
    expect(of('readLink')).toHaveLength(6);
    const resolved = of('realPath');
    expect(new Set(resolved).size).toBe(resolved.length);
    expect(resolved.filter((path) => path.startsWith(join(root, 'packages')))).toEqual(packages);
    expect(of('readText')).toEqual(packages.map((directory) => join(directory, 'package.json')));
    // Each node_modules folder and scope listed once, though the walks up from the apps meet at the root.
    const listed = of('list');
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((path) => path.startsWith(root))).toHaveLength(6);
  });

  it('finds a package through an absolute link, a chain of links and a linked scope; skips broken and looping links', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'provision-discovery-odd-links-')));
    const real = writePackage(join(root, 'store'), 'provision-provider-real', {
      provision: { provider: 'real' },
      main: 'index.js',
    });
    const nodeModules = join(root, 'app', 'node_modules');
    mkdirSync(nodeModules, { recursive: true });
    // Absolute, then a link to that link.
    symlinkSync(real, join(nodeModules, 'provision-provider-absolute'), 'dir');
    symlinkSync('provision-provider-absolute', join(nodeModules, 'provision-provider-chained'), 'dir');
    // A scope folder that is itself a link, holding a package under a third-party name.
    const scoped = writePackage(join(root, 'store'), '@acme/provision-provider-scoped', {
      provision: { provider: 'scoped' },
      main: 'index.js',
    });
    symlinkSync(dirname(scoped), join(nodeModules, '@acme'), 'dir');
    symlinkSync(join(root, 'nowhere'), join(nodeModules, 'provision-provider-broken'), 'dir');
    symlinkSync('provision-provider-loop-b', join(nodeModules, 'provision-provider-loop-a'), 'dir');
    symlinkSync('provision-provider-loop-a', join(nodeModules, 'provision-provider-loop-b'), 'dir');
    writeFileSync(join(nodeModules, 'provision-provider-file'), 'not a folder');
    const found = findPluginPackages([join(root, 'app')]).map((pkg) => [pkg.provider, pkg.directory]);
    expect(found).toEqual([
      ['real', real],
      ['scoped', scoped],
    ]);
  });
});
