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
      if (!ON_FIRST_USE.has(args.path))
        return { contents: `module.exports = process.getBuiltinModule(${name});`, loader: 'js' };
      return {
        contents: `let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${name}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
  },
});`,
        loader: 'js',
      };
    });
  },
};
const ON_FIRST_USE = new Set(['node:child_process']);

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
