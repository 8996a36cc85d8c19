// Bundles a provider's manifest module (built by tsc) into the one file its package.json names in
// `"provision": { "manifest" }`, which plugin discovery imports. Every CLI command reads every
// installed manifest before it prints anything; one file with what the manifest needs of core
// and provider-utils loads in a few milliseconds, where the ~30 modules it imports took ~40 ms.
// The implementation (`load: () => import('./…')`) and anything else imported dynamically stays
// a separate file, loaded only on the first real call.
// Usage, from the package folder: node ../../scripts/bundle-manifest.mjs dist/<id>-plugin.js
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const [entry] = process.argv.slice(2);
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
const outfile = packageJson.provision?.manifest;
if (entry === undefined || typeof outfile !== 'string')
  throw new Error(
    'usage: bundle-manifest.mjs <manifest module>, in a package whose "provision.manifest" names the output',
  );
const outDirectory = dirname(resolve(outfile));

/** Keeps dynamic imports as they are, their paths rewritten relative to the bundle. */
const lazyImportsStayLazy = {
  name: 'lazy-imports-stay-lazy',
  setup(bundle) {
    bundle.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = relative(outDirectory, join(args.resolveDir, args.path));
      return { path: target.startsWith('.') ? target : `./${target}`, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  plugins: [lazyImportsStayLazy],
  logLevel: 'warning',
});
