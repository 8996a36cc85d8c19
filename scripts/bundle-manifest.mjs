// Bundles a provider's manifest module (built by tsc) into the one file its package.json names in
// `"provision": { "manifest" }`, which plugin discovery imports. Every CLI command reads every
// installed manifest before it prints anything; one file with what the manifest needs of core
// and provider-utils loads in a few milliseconds, where the ~30 modules it imports took ~40 ms.
// The implementation (`load: () => import('./…')`) stays a separate file, loaded only on the first
// real call. With `--implementation` it is bundled too, into `dist/bundled-<its name>` (what it
// imports of core, provider-utils and zod in one file: DigitalOcean's first call then costs about
// a third less CPU); without, the manifest imports the tsc output as it is (for AWS, whose SDK
// evaluated as one bundle costs more than as its own modules).
// With `"provision": { "catalog": "./dist/catalog.json" }` it also writes the manifest's plain data
// there (ids, names, variables, the catalog, capabilities, defaults, notes and the credential
// declaration, as JSON), which `provision plans`, `regions` and `providers` read instead of
// importing every installed manifest.
// Usage, from the package folder:
//   node ../../scripts/bundle-manifest.mjs dist/<id>-plugin.js [--implementation]
import { readFileSync, writeFileSync } from 'node:fs';
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
    bundle.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
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
    // For CommonJS code among the dependencies that requires Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
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
