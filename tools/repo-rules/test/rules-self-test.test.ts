import { describe, expect, it } from 'vitest';
import { checkRepository } from '../src/check-repository.js';
import { repositoryFromRecord } from '../src/repository-files.js';
import { formatViolations, type RuleId } from '../src/violation.js';
import { depend, edit, editJson, type Tree, validTree, without } from './synthetic-tree.js';

// Each rule proven able to fail: a synthetic tree that breaks it, and exactly the violations expected
// (`rule file subject`). The table is keyed by every RuleId, so a new rule without a case does not type-check.

const found = (tree: Tree) =>
  checkRepository(repositoryFromRecord(tree))
    .map((violation) => `${violation.rule} ${violation.file} ${violation.subject}`)
    .sort();

const ALPHA = 'packages/provider-alpha';
const valid = validTree();

interface Case {
  readonly breaks: string;
  readonly tree: () => Tree;
  readonly expected: readonly string[];
}

const CASES: Record<RuleId, readonly Case[]> = {
  'parse-error': [
    {
      breaks: 'a source file that does not parse',
      tree: () => edit(valid, 'packages/core/src/errors.ts', 'export class', 'export clas ='),
      expected: ['parse-error packages/core/src/errors.ts source'],
    },
  ],
  'workspace-pattern': [
    {
      breaks: 'no pnpm-workspace.yaml',
      tree: () => without(valid, 'pnpm-workspace.yaml'),
      expected: ['workspace-pattern pnpm-workspace.yaml file'],
    },
  ],
  'core-imports-nothing-of-ours': [
    {
      breaks: 'core importing provider-utils, even for a type',
      tree: () =>
        depend(
          edit(
            valid,
            'packages/core/src/errors.ts',
            'export class',
            "import type { X } from '@provision/provider-utils';\nexport class",
          ),
          'packages/core',
          'dependencies',
          '@provision/provider-utils',
        ),
      expected: ['core-imports-nothing-of-ours packages/core/src/errors.ts @provision/provider-utils'],
    },
  ],
  'provider-utils-imports-only-core': [
    {
      breaks: 'provider-utils importing testkit',
      tree: () =>
        depend(
          edit(
            valid,
            'packages/provider-utils/src/client.ts',
            'import {',
            "import '@provision/testkit';\nimport {",
          ),
          'packages/provider-utils',
          'dependencies',
          '@provision/testkit',
        ),
      expected: ['provider-utils-imports-only-core packages/provider-utils/src/client.ts @provision/testkit'],
    },
  ],
  'testkit-imports-only-the-kit': [
    {
      breaks: 'testkit importing a provider (dynamically)',
      tree: () =>
        depend(
          edit(
            valid,
            'packages/testkit/src/fake-cloud.ts',
            'handler = http;',
            "handler = import('@provision/provider-alpha/testing');",
          ),
          'packages/testkit',
          'dependencies',
          '@provision/provider-alpha',
        ),
      expected: [
        'testkit-imports-only-the-kit packages/testkit/src/fake-cloud.ts @provision/provider-alpha/testing',
      ],
    },
  ],
  'provider-imports-only-the-kit': [
    {
      breaks: 'provider runtime code importing the emulator',
      tree: () =>
        depend(
          edit(
            valid,
            `${ALPHA}/src/alpha-provisioner.ts`,
            'import {',
            "import '@provision/emulator';\nimport {",
          ),
          ALPHA,
          'dependencies',
          '@provision/emulator',
        ),
      expected: [`provider-imports-only-the-kit ${ALPHA}/src/alpha-provisioner.ts @provision/emulator`],
    },
    {
      breaks: "a provider's fake importing the CLI",
      tree: () =>
        depend(
          edit(valid, `${ALPHA}/src/testing/index.ts`, 'import {', "import '@provision/cli';\nimport {"),
          ALPHA,
          'peerDependencies',
          '@provision/cli',
        ),
      expected: [`provider-imports-only-the-kit ${ALPHA}/src/testing/index.ts @provision/cli`],
    },
  ],
  'no-provider-imports-another-provider': [
    {
      breaks: "a provider's test importing a third party's provider",
      tree: () =>
        depend(
          edit(
            valid,
            `${ALPHA}/src/alpha-plugin.test.ts`,
            'import {',
            "import 'provision-provider-beta';\nimport {",
          ),
          ALPHA,
          'devDependencies',
          'provision-provider-beta',
        ),
      expected: [
        `no-provider-imports-another-provider ${ALPHA}/src/alpha-plugin.test.ts provision-provider-beta`,
      ],
    },
  ],
  'runtime-never-imports-testkit': [
    {
      breaks: "a provider's runtime code importing testkit (declared as a peer)",
      tree: () =>
        edit(
          valid,
          `${ALPHA}/src/alpha-provisioner.ts`,
          'import {',
          "import '@provision/testkit';\nimport {",
        ),
      expected: [`runtime-never-imports-testkit ${ALPHA}/src/alpha-provisioner.ts @provision/testkit`],
    },
    {
      breaks: "the CLI's runtime code importing testkit, even for a type",
      tree: () =>
        depend(
          edit(
            valid,
            'packages/cli/src/main.ts',
            'import {',
            "import type { FakeCloud } from '@provision/testkit';\nimport {",
          ),
          'packages/cli',
          'dependencies',
          '@provision/testkit',
        ),
      expected: ['runtime-never-imports-testkit packages/cli/src/main.ts @provision/testkit'],
    },
  ],
  'cli-knows-providers-only-through-discovery': [
    {
      breaks: 'the CLI importing a provider package by name',
      tree: () =>
        depend(
          edit(
            valid,
            'packages/cli/src/main.ts',
            'import {',
            "import '@provision/provider-alpha';\nimport {",
          ),
          'packages/cli',
          'dependencies',
          '@provision/provider-alpha',
        ),
      expected: [
        'cli-knows-providers-only-through-discovery packages/cli/src/main.ts @provision/provider-alpha',
      ],
    },
  ],
  'emulator-loads-providers-only-through-discovery': [
    {
      breaks: "the emulator importing a provider's ./testing by name",
      tree: () =>
        depend(
          edit(
            valid,
            'packages/emulator/src/start.ts',
            'await import(entry)',
            "await import('@provision/provider-alpha/testing')",
          ),
          'packages/emulator',
          'dependencies',
          '@provision/provider-alpha',
        ),
      expected: [
        'emulator-loads-providers-only-through-discovery packages/emulator/src/start.ts @provision/provider-alpha/testing',
      ],
    },
  ],
  'no-relative-import-across-packages': [
    {
      breaks: "the CLI reaching into core's source by a relative path",
      tree: () =>
        edit(valid, 'packages/cli/src/main.ts', 'import {', "import '../../core/src/errors.js';\nimport {"),
      expected: ['no-relative-import-across-packages packages/cli/src/main.ts ../../core/src/errors.js'],
    },
  ],
  'imports-declared-in-package-json': [
    {
      breaks: 'runtime code importing a package its package.json does not list',
      tree: () =>
        edit(valid, 'packages/core/src/errors.ts', 'export class', "import 'left-pad';\nexport class"),
      expected: ['imports-declared-in-package-json packages/core/src/errors.ts left-pad'],
    },
    {
      breaks: 'runtime code importing a devDependency (users do not install it)',
      tree: () =>
        edit(valid, `${ALPHA}/src/alpha-settings.ts`, 'import { z }', "import 'vitest';\nimport { z }"),
      expected: [`imports-declared-in-package-json ${ALPHA}/src/alpha-settings.ts vitest`],
    },
  ],
  'implementation-loaded-lazily': [
    {
      breaks: 'the entry re-exporting the implementation (it would load with the manifest)',
      tree: () =>
        edit(
          valid,
          `${ALPHA}/src/index.ts`,
          'export type {',
          "export * from './alpha-provisioner.js';\nexport type {",
        ),
      expected: [
        `implementation-loaded-lazily ${ALPHA}/src/alpha-provisioner.ts static import`,
        `sdk-never-loaded-eagerly ${ALPHA}/src/alpha-client.ts @alpha/sdk-compute`,
      ],
    },
    {
      breaks: 'a manifest whose load() imports no file of the package',
      tree: () => edit(valid, `${ALPHA}/src/alpha-plugin.ts`, './alpha-provisioner.js', './gone.js'),
      expected: [
        `implementation-loaded-lazily ${ALPHA}/src/alpha-plugin.ts ./gone.js`,
        `sdk-only-in-lazy-implementation ${ALPHA}/src/alpha-client.ts @alpha/sdk-compute`,
      ],
    },
    {
      breaks: 'a provider with no load() to find',
      tree: () =>
        edit(valid, `${ALPHA}/src/alpha-plugin.ts`, "load: () => import('./alpha-provisioner.js'),", ''),
      // With no manifest found, nothing is lazy: the SDK import and the manifest check fail too.
      expected: [
        `implementation-loaded-lazily ${ALPHA}/src load`,
        `provider-manifest ${ALPHA}/src id`,
        `sdk-only-in-lazy-implementation ${ALPHA}/src/alpha-client.ts @alpha/sdk-compute`,
      ],
    },
  ],
  'sdk-only-in-lazy-implementation': [
    {
      breaks: "a provider's fake importing its SDK",
      tree: () =>
        edit(
          valid,
          `${ALPHA}/src/testing/index.ts`,
          'import {',
          "import { InstancesClient } from '@alpha/sdk-compute';\nimport {",
        ),
      expected: [`sdk-only-in-lazy-implementation ${ALPHA}/src/testing/index.ts @alpha/sdk-compute`],
    },
    {
      breaks:
        'any dependency outside @provision/* and the small libraries counts as an SDK (an Azure one here)',
      tree: () =>
        depend(
          edit(
            valid,
            `${ALPHA}/src/alpha-settings.ts`,
            'import { z }',
            "import { ComputeManagementClient } from '@azure/arm-compute';\nimport { z }",
          ),
          ALPHA,
          'dependencies',
          '@azure/arm-compute',
        ),
      expected: [`sdk-only-in-lazy-implementation ${ALPHA}/src/alpha-settings.ts @azure/arm-compute`],
    },
  ],
  'sdk-never-loaded-eagerly': [
    {
      breaks: 'the manifest file statically importing the SDK client the implementation also uses',
      tree: () =>
        edit(valid, `${ALPHA}/src/alpha-plugin.ts`, 'import {', "import './alpha-client.js';\nimport {"),
      expected: [`sdk-never-loaded-eagerly ${ALPHA}/src/alpha-client.ts @alpha/sdk-compute`],
    },
  ],
  'recipe-type-module': [
    {
      breaks: 'a CommonJS package',
      tree: () =>
        editJson(valid, 'packages/core/package.json', (value) => {
          value.type = 'commonjs';
        }),
      expected: ['recipe-type-module packages/core/package.json type'],
    },
  ],
  'recipe-exports-types-first': [
    {
      breaks: '"types" after "default"',
      tree: () =>
        editJson(valid, 'packages/core/package.json', (value) => {
          (value.exports as Record<string, unknown>)['./discovery'] = {
            default: './dist/discovery/index.js',
            types: './dist/discovery/index.d.ts',
          };
        }),
      expected: ['recipe-exports-types-first packages/core/package.json exports["./discovery"]'],
    },
    {
      breaks: 'an export that no source file builds',
      tree: () =>
        editJson(valid, 'packages/core/package.json', (value) => {
          (value.exports as Record<string, unknown>)['./extra'] = {
            types: './dist/extra.d.ts',
            default: './dist/extra.js',
          };
        }),
      expected: ['recipe-exports-types-first packages/core/package.json exports["./extra"]'],
    },
  ],
  'recipe-files-dist': [
    {
      breaks: 'publishing src/ too',
      tree: () =>
        editJson(valid, 'packages/testkit/package.json', (value) => {
          value.files = ['dist', 'src'];
        }),
      expected: ['recipe-files-dist packages/testkit/package.json files'],
    },
  ],
  'recipe-engines-node': [
    {
      breaks: 'a Node range below 22.12',
      tree: () =>
        editJson(valid, 'packages/cli/package.json', (value) => {
          value.engines = { node: '>=22.11' };
        }),
      expected: ['recipe-engines-node packages/cli/package.json engines.node'],
    },
  ],
  'recipe-publish-access': [
    {
      breaks: 'no publishConfig (a scoped package would publish as restricted)',
      tree: () =>
        editJson(valid, 'packages/emulator/package.json', (value) => {
          delete value.publishConfig;
        }),
      expected: ['recipe-publish-access packages/emulator/package.json publishConfig.access'],
    },
  ],
  'recipe-readme': [
    {
      breaks: 'no README',
      tree: () => without(valid, 'packages/provider-utils/README.md'),
      expected: ['recipe-readme packages/provider-utils/README.md README.md'],
    },
  ],
  'recipe-side-effects': [
    {
      breaks: 'a provider declaring no side effects (a bundler would drop its registration)',
      tree: () =>
        editJson(valid, `${ALPHA}/package.json`, (value) => {
          value.sideEffects = false;
        }),
      expected: [`recipe-side-effects ${ALPHA}/package.json sideEffects`],
    },
    {
      breaks: 'a kit package declaring side effects',
      tree: () =>
        editJson(valid, 'packages/core/package.json', (value) => {
          delete value.sideEffects;
        }),
      expected: ['recipe-side-effects packages/core/package.json sideEffects'],
    },
  ],
  'recipe-index-only-reexports': [
    {
      breaks: 'a constant defined in src/index.ts',
      tree: () =>
        edit(valid, 'packages/core/src/index.ts', 'export *', "export const VERSION = '1.0.0';\nexport *"),
      expected: ["recipe-index-only-reexports packages/core/src/index.ts `export const VERSION = '1.0.0';`"],
    },
  ],
  'provider-manifest': [
    {
      breaks: 'a manifest id that differs from package.json "provision.provider"',
      tree: () => edit(valid, `${ALPHA}/src/alpha-plugin.ts`, "id: 'alpha'", "id: 'alfa'"),
      expected: [`provider-manifest ${ALPHA}/src id`],
    },
  ],
  'provider-docs-page': [
    {
      breaks: 'a provider without docs/providers/<id>.md',
      tree: () => without(valid, 'docs/providers/alpha.md'),
      expected: ['provider-docs-page docs/providers/alpha.md docs page'],
    },
  ],
  'provider-codeowners': [
    {
      breaks: "no CODEOWNERS line for the provider's docs page",
      tree: () => edit(valid, 'CODEOWNERS', /^\/docs\/providers\/alpha\.md.*$/m, ''),
      expected: ['provider-codeowners CODEOWNERS /docs/providers/alpha.md'],
    },
  ],
  'provider-maintainers-match-codeowners': [
    {
      breaks: 'manifest maintainers that differ from CODEOWNERS',
      tree: () =>
        edit(valid, `${ALPHA}/src/alpha-plugin.ts`, "['@provision/alpha-maintainers']", "['@someone-else']"),
      expected: [
        `provider-maintainers-match-codeowners ${ALPHA}/src/alpha-plugin.ts /docs/providers/alpha.md`,
        `provider-maintainers-match-codeowners ${ALPHA}/src/alpha-plugin.ts /packages/provider-alpha/`,
      ],
    },
    {
      breaks: 'maintainers that cannot be read without running the code',
      tree: () =>
        edit(
          valid,
          `${ALPHA}/src/alpha-plugin.ts`,
          'maintainers: MAINTAINERS',
          'maintainers: MAINTAINERS.slice()',
        ),
      expected: [`provider-maintainers-match-codeowners ${ALPHA}/src/alpha-plugin.ts maintainers`],
    },
  ],
};

describe('the rules, on a synthetic repository', () => {
  it('find nothing in a tree that keeps them all', () => {
    const violations = checkRepository(repositoryFromRecord(valid));
    expect(formatViolations(violations)).toBe('');
  });

  describe.each(Object.entries(CASES))('%s', (rule, cases) => {
    it.each(cases.map((item) => [item.breaks, item] as const))('fails on %s', (_, item) => {
      const violations = found(item.tree());
      expect(violations).toEqual([...item.expected].sort());
      expect(violations.some((line) => line.startsWith(`${rule} `))).toBe(true);
    });
  });
});
