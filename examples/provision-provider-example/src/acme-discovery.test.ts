import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlugin } from '@provision/core';
import { findPluginPackages, loadPlugins } from '@provision/core/discovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as an installed dependency sees it: discovery imports the built module that
// `"provision": { "manifest" }` names, which holds only the manifest.
const packageDirectory = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
let project = '';
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'acme-discovery-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageDirectory, join(project, 'node_modules', 'provision-provider-example'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('discovery of provision-provider-example', () => {
  it('finds the package by its "provision" field and registers acme from its manifest module', async () => {
    const packages = findPluginPackages([project]).filter((found) => found.provider === 'acme');
    expect(packages.map(({ packageName, entry }) => ({ packageName, entry }))).toEqual([
      { packageName: 'provision-provider-example', entry: join(packageDirectory, 'dist/acme-plugin.js') },
    ]);
    const result = await loadPlugins(packages);
    expect(result.failures).toEqual([]);
    expect(result.loaded).toHaveLength(1);
    const manifest = getPlugin('acme');
    const packageJson = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
    expect({ name: manifest?.packageName, version: manifest?.version }).toEqual({
      name: packageJson.name,
      version: packageJson.version,
    });
  });
});
