// Bundles the CLI (its commands, core, commander and the table and spinner libraries) into one
// file, `dist/provision.js`, which `dist/bin.js` runs. Resolving ~190 separate modules cost more
// at start-up than everything the commands do; one file is read and compiled lazily in one go.
// Providers are not bundled: they stay separate packages, found at run time through the registry
// (`@provision/core/discovery`), and so is the emulator, imported only by `--emulator`.
import { build } from 'esbuild';

const packageDir = new URL('..', import.meta.url).pathname;

/**
 * Node built-ins are taken with `process.getBuiltinModule()` instead of `import`: an ES import of
 * a built-in materialises every export, and `node:fs`'s include its stream classes, which load
 * `node:stream` (about 10 ms). Treated as CommonJS, each use reads the property when it runs.
 * @type {import('esbuild').Plugin}
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(bundle) {
    bundle.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    bundle.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

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
  // cli-table3 and its dependencies are CommonJS; their `require`s of Node built-ins need one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
