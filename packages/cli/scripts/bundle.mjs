// Bundles the CLI (its commands, core, commander and the table and spinner libraries) into one
// file, `dist/provision.js`, which `dist/bin.js` runs. Resolving ~190 separate modules cost more
// at start-up than everything the commands do; one file is read and compiled lazily in one go.
// Providers are not bundled: they stay separate packages, found at run time through the registry
// (`@provision/core/discovery`), and so is the emulator, imported only by `--emulator`.
//
// The file is a script, not a module: one function expression, `(function (module, exports,
// bundleUrl, importModule) { ... })`, that `dist/bin.js` compiles with `node:vm` and calls. Node's compile cache
// keeps a module's code as it was compiled, before it ran, and V8 compiles most functions only when
// first called: every run compiled again each function the command calls (about 4 ms of a
// `provision providers`). A script's code cache can be made after it ran, with those functions in
// it; bin.js keeps one per command (see `loadBundle` there). Its first line is `//<id>`, a hash of
// the rest, which the cache is keyed by.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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

/**
 * Commander's `Option` tells a variadic option (`<value...>`) by a Unicode property expression,
 * `/\p{ID_Continue}\.\.\.[>\]]$/u`, whose character set V8 builds the first time it runs: about
 * 1 ms of every command that defines an option, though no option of this CLI is variadic. The
 * ending it requires (`...>` or `...]`) is tested first, so the expression runs, with the same
 * answer, only for an option that has one. The build fails when commander's test changes.
 * @type {import('esbuild').Plugin}
 */
const commanderVariadicTest = {
  name: 'commander-variadic-test',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]option\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(VARIADIC_TEST))
        throw new Error(`${args.path} no longer has \`${VARIADIC_TEST}\`: see commanderVariadicTest`);
      return { contents: source.replace(VARIADIC_TEST, VARIADIC_TEST_FIRST), loader: 'js' };
    });
  },
};
const VARIADIC_TEST = String.raw`/\p{ID_Continue}\.\.\.[>\]]$/u.test(flags)`;
const VARIADIC_TEST_FIRST = String.raw`/\.\.\.[>\]]$/.test(flags) && ${VARIADIC_TEST}`;

/**
 * Commands that also get a bundle of their own, `dist/provision-<command>.js`, which bin.js runs
 * when the command comes first: the ones people and scripts run to look before they create, whose
 * start-up is most of their time. Without the other commands' code (and the spinner, waits and
 * emulator glue only they use), each is about 40% smaller, and its start about 2 ms shorter.
 */
const OWN_BUNDLES = ['providers', 'plans', 'regions', 'create'];

/**
 * In a bundle for one command, every other command module (a `dist/commands/` file that exports a
 * `register...` function) becomes one whose register functions throw: `buildProgram` registers
 * only the command named first, which is this bundle's, so they are never called.
 * @param {string} command
 * @returns {import('esbuild').Plugin}
 */
const onlyCommand = (command) => ({
  name: 'only-command',
  setup(bundle) {
    bundle.onLoad({ filter: /\/dist\/commands\/[a-z-]+\.js$/ }, (args) => {
      if (args.path.endsWith(`/dist/commands/${command}.js`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const registers = [...source.matchAll(/^export function (register\w+)\(/gm)].map((match) => match[1]);
      if (registers.length === 0) return undefined;
      const message = JSON.stringify(`this bundle runs only provision ${command}`);
      return {
        contents: registers
          .map((name) => `export function ${name}() { throw new Error(${message}); }`)
          .join('\n'),
        loader: 'js',
      };
    });
  },
});

/**
 * The bundle as a script (see the top of this file), with every command, or only `command`'s.
 * @param {string | undefined} command
 */
async function bundleScript(command) {
  const file = command === undefined ? 'dist/provision.js' : `dist/provision-${command}.js`;
  const { outputFiles } = await build({
    absWorkingDir: packageDir,
    entryPoints: ['dist/main.js'],
    outfile: file,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@provision/emulator'],
    plugins:
      command === undefined
        ? [lazyBuiltins, commanderVariadicTest]
        : [lazyBuiltins, commanderVariadicTest, onlyCommand(command)],
    // The script has no `import.meta`: bin.js passes the bundle's URL.
    define: { 'import.meta.url': 'bundleUrl' },
    logLevel: 'warning',
  });
  const code = outputFiles[0]?.text ?? '';
  // No `require` is defined in the bundle (an ES import of `node:module` to make one costs every
  // run about half a millisecond, and nothing bundled calls it): a CommonJS dependency that
  // requires a package at run time would fail only then, so the build fails now.
  if (/(?<![\w$.])require\(/.test(code))
    throw new Error(`${file} requires a module at run time: bundle it or give the bundle a \`require\``);
  // A script compiled with `node:vm` cannot `import()` without an experimental flag: the bundle's
  // imports (a provider's manifest by its file URL, `@provision/emulator` by name) call the
  // `importModule` bin.js passes, which imports from beside the bundle. Any other `import(` fails
  // the build, so that none is rewritten unseen.
  const rewritten = code.replaceAll('await import(', 'await importModule(');
  if (rewritten.includes('import('))
    throw new Error(`${file} has an \`import(\` that is not \`await import(...)\`: make it one`);
  const script = `(function (module, exports, bundleUrl, importModule) {\n${rewritten}\n})\n`;
  const id = createHash('sha256').update(script).digest('hex').slice(0, 32);
  writeFileSync(`${packageDir}${file}`, `//${id}\n${script}`);
}

await bundleScript(undefined);
for (const command of OWN_BUNDLES) await bundleScript(command);

// `provision --help` as the program prints it outside a terminal (plain, 80 columns), for
// dist/bin.js to answer with when that is where it writes. Asked as `provision help`, which
// prints the same text through the program itself, in an environment of PATH alone so that
// nothing of this machine's (a variable's value, a terminal) can end up in the text.
const help = execFileSync(process.execPath, [`${packageDir}dist/bin.js`, 'help'], {
  env: { PATH: process.env.PATH ?? '' },
  encoding: 'utf8',
});
writeFileSync(`${packageDir}dist/help.txt`, help);
