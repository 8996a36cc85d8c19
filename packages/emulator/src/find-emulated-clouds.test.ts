import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverEmulatedClouds, findEmulatedClouds } from './find-emulated-clouds.js';

// A plain-JS `./testing` module shaped like a provider's: enough for discovery, which only
// checks the shape of `emulated` and never creates the fake.
function emulatedSource(provider: string): string {
  return `export const emulated = {
  provider: '${provider}',
  create: () => { throw new Error('not in this test'); },
  env: (baseUrl) => ({ '${provider.toUpperCase()}_URL': baseUrl }),
};
`;
}

function writePackage(
  root: string,
  name: string,
  provider: string | undefined,
  exports: Record<string, unknown>,
  files: Record<string, string>,
) {
  const directory = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(join(directory, 'dist'), { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({
      name,
      version: '1.0.0',
      type: 'module',
      ...(provider === undefined ? {} : { provision: { provider } }),
      exports: { '.': './dist/index.js', ...exports },
    }),
  );
  writeFileSync(join(directory, 'dist', 'index.js'), 'export {};\n');
  for (const [file, source] of Object.entries(files)) writeFileSync(join(directory, file), source);
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'provision-emulator-discovery-'));
  roots.push(root);
  type Parts = { exports: Record<string, unknown>; files: Record<string, string> };
  const testing = (provider: string, source = emulatedSource(provider)): Parts => ({
    exports: { './testing': { types: './dist/testing.d.ts', default: './dist/testing.js' } },
    files: { 'dist/testing.js': source },
  });
  const add = (name: string, provider: string | undefined, parts: Parts) =>
    writePackage(root, name, provider, parts.exports, parts.files);
  add('provision-provider-zulu', 'zulu', testing('zulu'));
  add('@provision/provider-alpha', 'alpha', testing('alpha'));
  add('provision-provider-alpha', 'alpha', testing('alpha'));
  add('@acme/provision-provider-mike', 'mike', {
    exports: { './testing': { import: { node: './dist/testing.js' } } },
    files: { 'dist/testing.js': emulatedSource('mike') },
  });
  add('provision-provider-plain', 'plain', { exports: {}, files: {} });
  add('provision-provider-broken', 'broken', testing('broken', 'throw new Error("boom at import");\n'));
  add(
    'provision-provider-shapeless',
    'shapeless',
    testing('shapeless', 'export const emulated = { provider: "shapeless" };\n'),
  );
  add('provision-provider-liar', 'liar', testing('liar', emulatedSource('someone-else')));
  add('provision-provider-undeclared', undefined, testing('undeclared'));
  return join(root, 'app');
}

describe('findEmulatedClouds', () => {
  it('imports each plugin package’s ./testing and keeps its `emulated`, sorted by provider', async () => {
    const clouds = await findEmulatedClouds({ from: [fixture()] });
    expect(clouds.map((cloud) => cloud.provider)).toEqual(['alpha', 'mike', 'zulu']);
    expect(clouds[0]?.env('http://127.0.0.1:1/alpha')).toEqual({ ALPHA_URL: 'http://127.0.0.1:1/alpha' });
  });

  it('reports every plugin package it leaves out, and why', async () => {
    const { skipped } = await discoverEmulatedClouds({ from: [fixture()] });
    expect(skipped.map((item) => [item.packageName, item.reason])).toEqual([
      ['provision-provider-alpha', '@provision/provider-alpha already serves provider "alpha"'],
      ['provision-provider-broken', expect.stringMatching(/could not be imported: boom at import/)],
      [
        'provision-provider-liar',
        expect.stringMatching(/serves "someone-else" but the package declares provider "liar"/),
      ],
      ['provision-provider-plain', 'it has no ./testing subpath'],
      ['provision-provider-shapeless', expect.stringMatching(/exports no `emulated`/)],
    ]);
  });

  it('by default finds the DigitalOcean provider installed beside this package', async () => {
    const clouds = await findEmulatedClouds();
    expect(clouds.map((cloud) => cloud.provider)).toContain('digitalocean');
    const env = clouds
      .find((cloud) => cloud.provider === 'digitalocean')
      ?.env('http://127.0.0.1:9/digitalocean');
    expect(env?.DIGITALOCEAN_API_URL).toBe('http://127.0.0.1:9/digitalocean');
  });
});
