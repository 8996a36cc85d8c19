import { describe, expect, it } from 'vitest';
import { importsOf, manifestLiteralsOf, parseModule } from '../src/syntax.js';

const importsIn = (source: string) =>
  importsOf(parseModule(source, 'file.ts')).map(
    (record) => `${record.kind}${record.typeOnly ? ' type' : ''} ${record.specifier} @${record.line}`,
  );

describe('reading imports', () => {
  it('finds every form, and tells type-only from loading imports', () => {
    const source = [
      "import type { A } from 'a';",
      "import { type B, c } from 'b';",
      "export { d } from 'd';",
      "export type { E } from 'e';",
      "export * from 'f';",
      "const g = await import('g');",
      "type H = import('h').H;",
      "import i = require('i');",
      'const j = require(`j`);',
      "import 'k';",
    ].join('\n');
    expect(importsIn(source)).toEqual([
      'import type a @1',
      'import b @2',
      're-export d @3',
      're-export type e @4',
      're-export f @5',
      'dynamic g @6',
      'type-reference type h @7',
      'require i @8',
      'require j @9',
      'import k @10',
    ]);
  });

  it('ignores what only looks like an import: comments, strings, templates, regular expressions, computed specifiers', () => {
    const source = [
      "// import 'comment';",
      "/* export * from 'block'; */",
      'const text = "import(\'string\')";',
      "const template = `import x from 'template'`;",
      "const pattern = /import('regex')/;",
      'const computed = (name: string) => import(name);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds a template literal.
      'const substituted = (name: string) => import(`${name}/testing`);',
    ].join('\n');
    expect(importsIn(source)).toEqual([]);
  });

  it('reads a manifest literal: load target, id, maintainers (inline or a same-file const)', () => {
    const module = parseModule(
      [
        "const OWNERS = ['@b', '@c'] as const;",
        "export const one = definePlugin({ id: 'one', maintainers: ['@a'], load: () => import('./one-provisioner.js') });",
        "export const two = { id: 'two', maintainers: OWNERS, load: async () => import('./two.js') };",
        "export const three = { id: 'three', maintainers: owners(), load: () => import('./three.js') };",
        "export const notAManifest = { load: () => 'nothing' };",
      ].join('\n'),
      'plugin.ts',
    );
    expect(manifestLiteralsOf(module)).toEqual([
      { line: 2, loadSpecifier: './one-provisioner.js', id: 'one', maintainers: ['@a'] },
      { line: 3, loadSpecifier: './two.js', id: 'two', maintainers: ['@b', '@c'] },
      { line: 4, loadSpecifier: './three.js', id: 'three' },
    ]);
  });
});
