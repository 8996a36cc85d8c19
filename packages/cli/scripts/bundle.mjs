// Bundles the CLI (its commands, core, commander and the table and spinner libraries) into one
// file, `dist/provision.js`, which `dist/bin.js` runs. Resolving ~190 separate modules cost more
// at start-up than everything the commands do; one file is read and compiled lazily in one go.
// Providers are not bundled: they stay separate packages, found at run time through the registry
// (`@provision/core/discovery`), and so is the emulator, imported only by `--emulator`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const packageDir = new URL('..', import.meta.url).pathname;

/**
 * Node built-ins are taken with `process.getBuiltinModule()` instead of `import`: an ES import of
 * a built-in materialises every export, and `node:fs`'s include its stream classes, which load
 * `node:stream` (about 10 ms). Treated as CommonJS, each use reads the property when it runs.
 * `node:child_process` (about 5 ms with `node:net`), which commander takes at start for
 * subcommands run as executables (the CLI has none), loads on its first use only.
 * @type {import('esbuild').Plugin}
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(bundle) {
    bundle.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    bundle.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const name = JSON.stringify(args.path);
      if (INHERITED.has(args.path))
        return {
          contents: `module.exports = Object.create(process.getBuiltinModule(${name}));`,
          loader: 'js',
        };
      if (!ON_FIRST_USE.has(args.path))
        return { contents: `module.exports = process.getBuiltinModule(${name});`, loader: 'js' };
      // An ES module whose default export reads the built-in on first use (commander takes
      // the default export and calls `.spawn` on it only for executable subcommands).
      return {
        contents: `let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${name}));
export default new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });`,
        loader: 'js',
      };
    });
  },
};
const ON_FIRST_USE = new Set(['node:child_process']);
// The bundle's CommonJS interop copies a module's own properties one by one, and reading those of
// `node:util` materialises its lazily made classes (about 2 ms); `node:fs` alone has over a
// hundred, copied once for each of the five bundled modules that import it. Given an object that
// only inherits them, it copies nothing, and each is read when used. Only for modules whose
// exports are taken by name (called without a `this`) and never assigned to: `node:util`'s
// `stripVTControlCharacters` (commander, the spinner), `node:fs` and `node:path` functions,
// `node:url`'s path converters, `node:events`' `EventEmitter` class. Not `node:process`, whose
// properties are assigned (`exitCode`).
const INHERITED = new Set(['node:util', 'node:fs', 'node:path', 'node:url', 'node:events']);

await build({
  absWorkingDir: packageDir,
  entryPoints: ['dist/main.js'],
  outfile: 'dist/provision.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['@provision/emulator'],
  plugins: [lazyBuiltins],
  logLevel: 'warning',
});
// No `require` is defined in the bundle (an ES import of `node:module` to make one costs every run
// about half a millisecond, and nothing bundled calls it): a CommonJS dependency that requires a
// package at run time would fail only then, so the build fails now.
if (readFileSync(`${packageDir}dist/provision.js`, 'utf8').includes('Dynamic require of'))
  throw new Error(
    'dist/provision.js requires a module at run time: bundle it or give the bundle a `require`',
  );

// `provision --help` as the program prints it outside a terminal (plain, 80 columns), for
// dist/bin.js to answer with when that is where it writes. Asked as `provision help`, which
// prints the same text through the program itself, in an environment of PATH alone so that
// nothing of this machine's (a variable's value, a terminal) can end up in the text.
const help = execFileSync(process.execPath, [`${packageDir}dist/bin.js`, 'help'], {
  env: { PATH: process.env.PATH ?? '' },
  encoding: 'utf8',
});
writeFileSync(`${packageDir}dist/help.txt`, help);
