// A small repository that keeps every rule: the self-tests break one rule at a time in a copy of it.

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A published package.json that follows the recipe. */
function publishedPackage(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    version: '1.0.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=22.12' },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist'],
    publishConfig: { access: 'public' },
    ...fields,
  };
}

/** Path to text, for `repositoryFromRecord`. */
export type Tree = Record<string, string>;

/** The tree every self-test starts from; `checkRepository` finds nothing in it. */
export function validTree(): Tree {
  return {
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    CODEOWNERS: [
      '*                          @provision/core-maintainers',
      '/packages/provider-alpha/  @provision/alpha-maintainers',
      '/docs/providers/alpha.md   @provision/alpha-maintainers # its docs page',
      '',
    ].join('\n'),
    'docs/providers/alpha.md': '# Alpha\n',

    'packages/core/package.json': json(
      publishedPackage('@provision/core', {
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './discovery': { types: './dist/discovery/index.d.ts', default: './dist/discovery/index.js' },
        },
        dependencies: { zod: '^4' },
        devDependencies: { vitest: '^5' },
      }),
    ),
    'packages/core/README.md': '# core\n',
    'packages/core/src/index.ts':
      "export { registerPlugin } from './registry.js';\nexport * from './errors.js';\n",
    'packages/core/src/registry.ts':
      'export function registerPlugin(plugin: unknown): void {\n  void plugin;\n}\n',
    'packages/core/src/errors.ts': 'export class ProvisionError extends Error {}\n',
    'packages/core/src/discovery/index.ts':
      "import { readdirSync } from 'node:fs';\nexport const find = () => readdirSync('.');\n",
    'packages/core/src/registry.test.ts':
      "import { it } from 'vitest';\nimport { registerPlugin } from './registry.js';\nit('registers', () => registerPlugin({}));\n",

    'packages/provider-utils/package.json': json(
      publishedPackage('@provision/provider-utils', { dependencies: { '@provision/core': 'workspace:^' } }),
    ),
    'packages/provider-utils/README.md': '# provider-utils\n',
    'packages/provider-utils/src/index.ts': "export { createClient } from './client.js';\n",
    'packages/provider-utils/src/client.ts':
      "import { ProvisionError } from '@provision/core';\nexport const createClient = () => new ProvisionError('x');\n",

    'packages/testkit/package.json': json(
      publishedPackage('@provision/testkit', {
        dependencies: { '@provision/core': 'workspace:^', '@provision/provider-utils': 'workspace:^' },
        peerDependencies: { msw: '^3' },
      }),
    ),
    'packages/testkit/README.md': '# testkit\n',
    'packages/testkit/src/index.ts': "export { FakeCloud } from './fake-cloud.js';\n",
    'packages/testkit/src/fake-cloud.ts': [
      "import type { ProvisionError } from '@provision/core';",
      "import { createClient } from '@provision/provider-utils';",
      "import { http } from 'msw';",
      'export class FakeCloud {',
      '  client = createClient();',
      '  handler = http;',
      '  error?: ProvisionError;',
      '}',
      '',
    ].join('\n'),

    'packages/provider-alpha/package.json': json(
      publishedPackage('@provision/provider-alpha', {
        sideEffects: ['./dist/index.js'],
        provision: { provider: 'alpha' },
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './testing': { types: './dist/testing/index.d.ts', default: './dist/testing/index.js' },
          './package.json': './package.json',
        },
        dependencies: {
          '@alpha/sdk-compute': '^1',
          '@provision/core': 'workspace:^',
          '@provision/provider-utils': 'workspace:^',
          zod: '^4',
        },
        peerDependencies: { '@provision/testkit': 'workspace:^' },
        devDependencies: { '@provision/testkit': 'workspace:^', vitest: '^5' },
      }),
    ),
    'packages/provider-alpha/README.md': '# provider-alpha\n',
    'packages/provider-alpha/src/index.ts': [
      "import { registerPlugin } from '@provision/core';",
      "import { alphaPlugin } from './alpha-plugin.js';",
      '',
      'registerPlugin(alphaPlugin);',
      '',
      "export { alphaPlugin } from './alpha-plugin.js';",
      "export type { AlphaSettings } from './alpha-settings.js';",
      '',
    ].join('\n'),
    'packages/provider-alpha/src/alpha-plugin.ts': [
      "import { alphaSettings } from './alpha-settings.js';",
      '',
      "const MAINTAINERS = ['@provision/alpha-maintainers'];",
      '',
      'export const alphaPlugin = {',
      "  id: 'alpha',",
      '  maintainers: MAINTAINERS,',
      '  settings: alphaSettings,',
      "  load: () => import('./alpha-provisioner.js'),",
      '};',
      '',
    ].join('\n'),
    // A type-only SDK import is erased at build: it may sit in an eagerly loaded file.
    'packages/provider-alpha/src/alpha-settings.ts': [
      "import type { ClientOptions } from '@alpha/sdk-compute';",
      "import { z } from 'zod';",
      'export const alphaSettings = z.object({ token: z.string().optional() });',
      'export type AlphaSettings = z.infer<typeof alphaSettings> & { client?: ClientOptions };',
      '',
    ].join('\n'),
    'packages/provider-alpha/src/alpha-provisioner.ts':
      "import { ComputeClient } from './alpha-client.js';\nexport const create = () => new ComputeClient();\n",
    'packages/provider-alpha/src/alpha-client.ts':
      "import { InstancesClient } from '@alpha/sdk-compute';\nimport { createClient } from '@provision/provider-utils';\nexport class ComputeClient extends InstancesClient {\n  http = createClient();\n}\n",
    'packages/provider-alpha/src/testing/index.ts':
      "import { FakeCloud } from '@provision/testkit';\nexport const emulated = new FakeCloud();\n",
    'packages/provider-alpha/src/alpha-plugin.test.ts':
      "import { FakeCloud } from '@provision/testkit';\nimport { expect, it } from 'vitest';\nimport { alphaPlugin } from './alpha-plugin.js';\nit('has an id', () => expect([alphaPlugin.id, new FakeCloud()]).toBeTruthy());\n",

    'packages/emulator/package.json': json(
      publishedPackage('@provision/emulator', {
        dependencies: { '@provision/core': 'workspace:^', '@provision/testkit': 'workspace:^' },
      }),
    ),
    'packages/emulator/README.md': '# emulator\n',
    'packages/emulator/src/index.ts': "export { start } from './start.js';\n",
    'packages/emulator/src/start.ts': [
      "import { find } from '@provision/core/discovery';",
      "import { FakeCloud } from '@provision/testkit';",
      'export async function start(entry: string) {',
      '  find();',
      '  return [new FakeCloud(), await import(entry)];',
      '}',
      '',
    ].join('\n'),

    'packages/cli/package.json': json(
      publishedPackage('@provision/cli', {
        exports: { '.': { types: './dist/main.d.ts', default: './dist/main.js' } },
        dependencies: { '@provision/core': 'workspace:^', '@provision/emulator': 'workspace:^' },
        devDependencies: { '@provision/provider-alpha': 'workspace:^', vitest: '^5' },
      }),
    ),
    'packages/cli/README.md': '# cli\n',
    'packages/cli/src/main.ts': [
      "import { find } from '@provision/core/discovery';",
      'export async function main() {',
      "  const { start } = await import('@provision/emulator');",
      "  return start(find()[0] ?? '');",
      '}',
      '',
    ].join('\n'),
    'packages/cli/test/cli.test.ts':
      "import { alphaPlugin } from '@provision/provider-alpha';\nimport { expect, it } from 'vitest';\nit('sees alpha', () => expect(alphaPlugin.id).toBe('alpha'));\n",
  };
}

/** Replaces text in one file of the tree; fails loudly when the text is not there (a stale self-test). */
export function edit(tree: Tree, path: string, from: string | RegExp, to: string): Tree {
  const text = tree[path];
  if (text === undefined || !(typeof from === 'string' ? text.includes(from) : from.test(text)))
    throw new Error(`self-test fixture: ${path} has no ${String(from)}`);
  return { ...tree, [path]: text.replace(from, to) };
}

/** Changes one package.json of the tree. */
export function editJson(tree: Tree, path: string, change: (value: Record<string, unknown>) => void): Tree {
  const value = JSON.parse(tree[path] ?? 'null') as Record<string, unknown>;
  change(value);
  return { ...tree, [path]: json(value) };
}

/** The tree without one file. */
export function without(tree: Tree, path: string): Tree {
  if (!(path in tree)) throw new Error(`self-test fixture: no ${path}`);
  const { [path]: _removed, ...rest } = tree;
  return rest;
}

/** The tree with a dependency added to a package.json list. */
export function depend(tree: Tree, packageDirectory: string, list: string, name: string): Tree {
  return editJson(tree, `${packageDirectory}/package.json`, (value) => {
    value[list] = { ...(value[list] as Record<string, string> | undefined), [name]: '^1' };
  });
}
