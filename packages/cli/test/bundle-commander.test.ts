import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// scripts/bundle.mjs rewrites commander's test for a variadic option (`<value...>`) so that its
// Unicode property expression, which V8 builds a large character set for on first use, runs only
// for flags ending the way a variadic option's must. These check that what the bundles run
// answers as commander's own test does.

const DIST = join(import.meta.dirname, '..', 'dist');
const commanderOption = join(createRequire(import.meta.url).resolve('commander'), '..', 'lib', 'option.js');

/** The expression a source assigns to `this.variadic`, as a function of `flags`. */
function variadicTest(source: string): { text: string; test: (flags: string) => boolean } {
  const text = /this\.variadic = (.*\.test\(flags\));/.exec(source)?.[1];
  if (text === undefined) throw new Error('no variadic test found');
  return { text, test: new Function('flags', `return ${text};`) as (flags: string) => boolean };
}

const FLAGS = [
  '--tag <key=value...>',
  '-t, --tags [tags...]',
  '--ids <éàü...>',
  '--x <a>...>',
  '--list <a,b,...>',
  '--spread <...>',
  '--dots <value>...',
  '--output <format>',
  '--debug',
  '-n, --name <name>',
  '--min-memory <size>',
  '--opt [value]',
  '--a <value...]',
  '--b <value..>',
];

describe('the bundles’ copy of commander', () => {
  const original = variadicTest(readFileSync(commanderOption, 'utf8'));
  const bundles = readdirSync(DIST).filter((name) => /^provision(-[a-z]+)?\.js$/.test(name));

  it('tests a variadic option’s ending before the Unicode expression, in every bundle', () => {
    expect(bundles).toContain('provision.js');
    expect(original.text).toContain('\\p{ID_Continue}');
    for (const bundle of bundles) {
      const { text } = variadicTest(readFileSync(join(DIST, bundle), 'utf8'));
      expect(text, bundle).toMatch(/^\/\\\.\\\.\\\.\[>\\\]\]\$\/\.test\(flags\) && /);
    }
  });

  it('tells a variadic option as commander does', () => {
    for (const bundle of bundles) {
      const { test } = variadicTest(readFileSync(join(DIST, bundle), 'utf8'));
      for (const flags of FLAGS) expect(test(flags), `${bundle}: ${flags}`).toBe(original.test(flags));
    }
    // Both answers among the samples, and letters beyond ASCII before the dots.
    expect(FLAGS.filter((flags) => original.test(flags))).toEqual([
      '--tag <key=value...>',
      '-t, --tags [tags...]',
      '--ids <éàü...>',
      '--a <value...]',
    ]);
  });
});
