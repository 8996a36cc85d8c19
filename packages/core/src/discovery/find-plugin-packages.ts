import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareText } from '../compare-text.js';

/** An installed package that declares itself a provision plugin. */
export interface PluginPackage {
  /** npm name, e.g. `@provision/provider-digitalocean` or `provision-provider-example`. */
  readonly packageName: string;
  readonly version: string;
  /** The provider id from its `package.json` `"provision": { "provider": "<id>" }` field. */
  readonly provider: string;
  /** Absolute directory of the package (symlinks resolved). */
  readonly directory: string;
  /**
   * Absolute path of the module discovery imports: the package's `"provision": { "manifest" }`
   * file when it names one inside the package (a module holding only the manifest, cheap to
   * import), else its main entry from `exports['.']` or `main`.
   */
  readonly entry: string;
  /** `"provision": { "fixture": true }`: a test fixture (such as the example plugin), not a cloud anyone can use. */
  readonly fixture: boolean;
  /**
   * Absolute path of the package's `"provision": { "catalog" }` file, when it names one inside
   * the package: its manifest's plain data (ids, names, variables, catalog) as JSON, written by its
   * build, for listings that need no code of the plugin. Undefined: import the manifest.
   */
  readonly catalog?: string;
}

const OURS = /^provider-[a-z0-9-]+$/;
const THEIRS = /^provision-provider-[a-z0-9-]+$/;

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

// `exports['.']` may be a string, or conditions (`import`, `node`, `default`) that may nest.
function entryOf(manifest: Record<string, unknown>): string | undefined {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return undefined;
    const conditions = value as Record<string, unknown>;
    for (const key of ['import', 'node', 'default']) {
      const found = pick(conditions[key]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const exports = manifest.exports;
  const root =
    typeof exports === 'object' && exports !== null && '.' in exports
      ? (exports as Record<string, unknown>)['.']
      : exports;
  return pick(root) ?? (typeof manifest.main === 'string' ? manifest.main : undefined);
}

// `"provision": { "manifest": "./dist/manifest.js" }` (or `"catalog"`): a relative path that stays in the package.
function manifestFile(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('./')) return undefined;
  return value.split('/').includes('..') ? undefined : value;
}

/**
 * The plugin package in `directory`, or undefined when it is none or was already seen (keyed by
 * its real path: a workspace links one package into several `node_modules` folders, and each
 * package.json is read once).
 */
function candidate(directory: string, seen: Set<string>): PluginPackage | undefined {
  let real: string;
  try {
    // The native call is one system call; the JavaScript one checks each part of the path in turn.
    real = realpathSync.native(directory);
  } catch {
    return undefined;
  }
  if (seen.has(real)) return undefined;
  seen.add(real);
  const manifest = readJson(join(real, 'package.json'));
  const field = manifest?.provision as
    | { provider?: unknown; manifest?: unknown; fixture?: unknown; catalog?: unknown }
    | undefined;
  if (manifest === undefined || typeof field?.provider !== 'string' || typeof manifest.name !== 'string')
    return undefined;
  const entry = manifestFile(field.manifest) ?? entryOf(manifest);
  if (entry === undefined) return undefined;
  const catalog = manifestFile(field.catalog);
  return {
    packageName: manifest.name,
    version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
    provider: field.provider,
    directory: real,
    entry: join(real, entry),
    fixture: field.fixture === true,
    ...(catalog === undefined ? {} : { catalog: join(real, catalog) }),
  };
}

/** Plugin packages directly inside one `node_modules` folder that `seen` does not hold yet. */
function scanNodeModules(nodeModules: string, seen: Set<string>): PluginPackage[] {
  const found: PluginPackage[] = [];
  const add = (directory: string) => {
    const pkg = candidate(directory, seen);
    if (pkg !== undefined) found.push(pkg);
  };
  for (const name of listDir(nodeModules)) {
    if (name === '@provision') {
      for (const inner of listDir(join(nodeModules, name)))
        if (OURS.test(inner)) add(join(nodeModules, name, inner));
    } else if (name.startsWith('@')) {
      for (const inner of listDir(join(nodeModules, name)))
        if (THEIRS.test(inner)) add(join(nodeModules, name, inner));
    } else if (THEIRS.test(name)) {
      add(join(nodeModules, name));
    }
  }
  return found;
}

/**
 * Finds installed provider plugins: packages named `@provision/provider-*`, `provision-provider-*`
 * or `@<scope>/provision-provider-*` whose `package.json` has `"provision": { "provider": "<id>" }`.
 * Looks in every `node_modules` folder from each start directory up to the root, the way Node
 * resolves packages, so a global install, a project install and a workspace all work.
 * Reads `package.json` files only; imports nothing.
 * @param from where to start looking; default: this module's own location and the working directory.
 */
export function findPluginPackages(
  from: readonly string[] = [dirname(new URL(import.meta.url).pathname), process.cwd()],
): PluginPackage[] {
  const byDirectory = new Map<string, PluginPackage>();
  const visited = new Set<string>();
  const seen = new Set<string>();
  for (const start of from) {
    for (let directory = start; ; directory = dirname(directory)) {
      const nodeModules = directory.endsWith('/node_modules') ? directory : join(directory, 'node_modules');
      if (!visited.has(nodeModules)) {
        visited.add(nodeModules);
        for (const found of scanNodeModules(nodeModules, seen)) byDirectory.set(found.directory, found);
      }
      if (dirname(directory) === directory) break;
    }
  }
  return [...byDirectory.values()].sort(
    (a, b) => compareText(a.provider, b.provider) || compareText(a.packageName, b.packageName),
  );
}
