// Preloaded with `node --import` (never imported by the bench itself: importing it hooks the loader) into one untimed run of each CLI command: records every module
// the process loads and, on exit, writes the cloud SDK packages and provider implementations
// among them to stderr as one line, so the report can show what each command really loaded.
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PROBE_PREFIX } from './module-probe-prefix.ts';

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});

// The package a file belongs to: after the last node_modules/, or a workspace package of ours.
function packageOf(path: string): string | undefined {
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : first;
  }
  const workspace = /\/packages\/([a-z0-9-]+)\/dist\//.exec(path);
  return workspace?.[1] === undefined ? undefined : `@provision/${workspace[1]}`;
}

process.on('exit', () => {
  const modulesPerPackage: Record<string, number> = {};
  const implementations = new Set<string>();
  for (const url of loaded) {
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    const name = packageOf(path);
    if (name !== undefined) modulesPerPackage[name] = (modulesPerPackage[name] ?? 0) + 1;
    const implementation = /\/provider-([a-z0-9-]+)\/dist\/[^/]*-provisioner\.js$/.exec(path);
    if (implementation?.[1] !== undefined) implementations.add(implementation[1]);
  }
  const line = { modules: loaded.size, modulesPerPackage, implementations: [...implementations].sort() };
  writeSync(2, `\n${PROBE_PREFIX}${JSON.stringify(line)}\n`);
});
