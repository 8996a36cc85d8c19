// Bundles a provider's manifest module (built by tsc) into the one file its package.json names in
// `"provision": { "manifest" }`, which plugin discovery imports. Every CLI command reads every
// installed manifest before it prints anything; one file with what the manifest needs of core
// and provider-utils loads in a few milliseconds, where the ~30 modules it imports took ~40 ms.
// The implementation (`load: () => import('./…')`) stays a separate file, loaded only on the first
// real call. With `--implementation` it is bundled too, into `dist/bundled-<its name>` (what it
// imports of core, provider-utils, zod and a cloud's SDK in one file: DigitalOcean's first call then
// costs about a third less CPU, AWS's about three fifths less, see
// docs/decisions/2026-12-02-aws-sdk-bundled.md); without, the manifest imports the tsc output as it is.
// With `"provision": { "catalog": "./dist/catalog.json" }` it also writes the manifest's plain data
// there (ids, names, variables, the catalog, capabilities, defaults, notes and the credential
// declaration, as JSON), which `provision plans`, `regions` and `providers` read instead of
// importing every installed manifest.
// Usage, from the package folder:
//   node ../../scripts/bundle-manifest.mjs dist/<id>-plugin.js [--implementation]
import { readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...flags] = process.argv.slice(2);
const bundleImplementation = flags.includes('--implementation');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
const outfile = packageJson.provision?.manifest;
if (entry === undefined || typeof outfile !== 'string')
  throw new Error(
    'usage: bundle-manifest.mjs <manifest module>, in a package whose "provision.manifest" names the output',
  );
const outDirectory = dirname(resolve(outfile));

/** The files the manifest imports dynamically (its implementation), absolute. */
const lazyTargets = new Set();

/** Keeps dynamic imports lazy, their paths rewritten relative to the bundle. */
const lazyImportsStayLazy = {
  name: 'lazy-imports-stay-lazy',
  setup(bundle) {
    bundle.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const absolute = join(args.resolveDir, args.path);
      lazyTargets.add(absolute);
      const target = relative(outDirectory, bundleImplementation ? bundledName(absolute) : absolute);
      return { path: target.startsWith('.') ? target : `./${target}`, external: true };
    });
  },
};

/**
 * Node built-ins through `process.getBuiltinModule()` instead of an ES import, which materialises
 * every export (`node:fs`'s load its stream and promise classes: about 3 ms, paid by the first
 * manifest a CLI run imports). Read as CommonJS, each property is read where it is used; the
 * modules of plain functions as an object that inherits them, which esbuild's interop does not
 * copy property by property (about 0.15 ms for `node:fs` in every manifest).
 */
const INHERITED = new Set(['node:fs', 'node:path', 'node:os']);
const builtinsOnUse = {
  name: 'builtins-on-use',
  setup(bundle) {
    // Also the bare names (`"crypto"`, `"http"`) some dependencies import, as `node:` ones.
    bundle.onResolve({ filter: /^[a-z_/0-9:]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return isBuiltin(name) ? { path: `node:${name}`, namespace: 'builtin' } : undefined;
    });
    bundle.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const builtin = `process.getBuiltinModule(${JSON.stringify(args.path)})`;
      return {
        contents: `module.exports = ${INHERITED.has(args.path) ? `Object.create(${builtin})` : builtin};`,
        loader: 'js',
      };
    });
  },
};

/**
 * Marks calls of provider-utils' name and id factories pure, so a module-level value the manifest
 * never reads (a firewall name scheme its tag module also defines for the implementation) is
 * dropped from the manifest bundle: building one costs about 0.4 ms at every import. esbuild
 * keeps a `/* @__NO_SIDE_EFFECTS__ *\/` function's calls in other files, so the call sites are
 * marked here, in the package's own built files only.
 */
const PURE_FACTORIES = /(=\s*)(create(?:ManagedNames|IdTemplate)\()/g;
const pureFactories = {
  name: 'pure-factories',
  setup(bundle) {
    bundle.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(`${outDirectory}/`)) return undefined;
      const contents = readFileSync(args.path, 'utf8').replace(PURE_FACTORIES, '$1/* @__PURE__ */ $2');
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * The AWS SDK's schema tables (`@aws-sdk/client-*\/dist-es/schemas/schemas_*.js`, one for the
 * whole service: EC2's is 1.3 MB) give member traits as computed keys (`{ [_xN]: _BDM }`, with
 * `const _xN = "xmlName"` above), which esbuild must keep as possible side effects, and with them
 * every schema they sit in: about 1 MB of schemas the commands used never reach. Written as the
 * string keys they are, the unreachable schemas are dropped (EC2: 1 MB to about 120 KB).
 */
const SMITHY_SCHEMAS = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const smithySchemaKeys = {
  name: 'smithy-schema-keys',
  setup(bundle) {
    bundle.onLoad({ filter: SMITHY_SCHEMAS }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = new Map(
        [...source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)].map(([, name, value]) => [name, value]),
      );
      let replaced = 0;
      const contents = source.replace(/([{,]\s*)\[(_\w+)\]:/g, (whole, before, name) => {
        const value = names.get(name);
        if (value === undefined) return whole;
        replaced += 1;
        return `${before}${value}:`;
      });
      // A new layout of the tables would silently bring the whole service back: fail instead.
      if (replaced === 0) throw new Error(`${args.path}: no computed schema keys found to rewrite`);
      return { contents, loader: 'js' };
    });
  },
};

function bundledName(file) {
  return join(outDirectory, `bundled-${basename(file)}`);
}

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: [entry],
  outfile,
  plugins: [lazyImportsStayLazy, builtinsOnUse, pureFactories],
});
if (bundleImplementation) {
  if (lazyTargets.size !== 1)
    throw new Error(`expected one lazily imported implementation, found ${lazyTargets.size}`);
  const [implementation] = lazyTargets;
  await build({
    ...common,
    entryPoints: [implementation],
    outfile: bundledName(implementation),
    // Built-ins read on use here too: an ES import of `node:fs` or `node:crypto` at the top of the
    // bundle is paid by the first call even where only a rarely taken path uses it.
    // ES modules first where a package has both (the AWS SDK): only they can be tree-shaken.
    mainFields: ['module', 'main'],
    plugins: [builtinsOnUse, smithySchemaKeys],
  });
  // No `require` is defined in the bundle (an ES import of `node:module` to make one costs the first
  // call about 0.3 ms, and nothing bundled calls it): a CommonJS dependency that requires a module
  // at run time would fail there, so the build fails instead.
  if (readFileSync(bundledName(implementation), 'utf8').includes('Dynamic require of'))
    throw new Error(
      `${bundledName(implementation)} requires a module at run time: bundle it or give the bundle a \`require\``,
    );
}

const catalogFile = packageJson.provision?.catalog;
if (typeof catalogFile === 'string') {
  // The manifest as its users get it, from the bundle just written (importing it runs no SDK).
  const module = await import(pathToFileURL(resolve(outfile)).href);
  const manifest = Object.values(module).find(
    (value) => value?.id === packageJson.provision.provider && typeof value.load === 'function',
  );
  if (manifest === undefined)
    throw new Error(`${outfile} exports no manifest for provider "${packageJson.provision.provider}"`);
  writeFileSync(catalogFile, `${JSON.stringify(listingData(manifest))}\n`);
}

/**
 * The manifest's plain data, as listings read it: `plans` and `regions` (ids, names, variables,
 * catalog) and `providers` (maintainers, capabilities, defaults, notes, and the credential
 * declaration; `hasCredentials` says whether the manifest has that code, which the CLI then runs
 * where the declaration cannot answer, or always when there is no declaration).
 */
function listingData(manifest) {
  const { id, displayName, packageName, version, secretSettings, env, catalog } = manifest;
  const { maintainers, capabilities, defaults, notes, credentialsHelp, credentials } = manifest;
  const data = {
    id,
    displayName,
    packageName,
    version,
    secretSettings,
    env,
    catalog,
    maintainers,
    capabilities,
    defaults,
    notes,
    credentialsHelp,
    credentials,
    hasCredentials: typeof manifest.hasCredentials === 'function',
  };
  // The file must say what the manifest says: a value JSON cannot hold (a function, a regular
  // expression) would be dropped or changed without a word.
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined && !isPlainData(value))
      throw new Error(`${outfile}: the manifest's ${key} is not plain JSON data`);
  }
  return data;
}

function isPlainData(value) {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((item) => item === undefined || isPlainData(item));
}
