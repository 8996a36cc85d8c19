import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
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
// Most entries of a `node_modules` folder are no plugin: a prefix test, cheaper than the
// expression, passes over them.
const isOurs = (name: string) => name.startsWith('provider-') && OURS.test(name);
const isTheirs = (name: string) => name.startsWith('provision-provider-') && THEIRS.test(name);
// A name a folder's listing gave, in that folder: `path.join` normalises the whole path each time,
// which costs discovery more than the file system does.
const inFolder = (folder: string, name: string) =>
  folder.endsWith(sep) ? folder + name : folder + sep + name;

/**
 * What discovery reads of the file system: `node:fs` (`nodeFileSystem`), or in tests a stand-in
 * that counts the calls. Each answers undefined where `node:fs` would throw.
 */
export interface DiscoveryFileSystem {
  /** The names in a folder. */
  list(path: string): readonly string[] | undefined;
  /** A link's target, as the link holds it; undefined when `path` is no link. */
  readLink(path: string): string | undefined;
  /** The path with every link resolved. */
  realPath(path: string): string | undefined;
  readText(path: string): string | undefined;
}

const orUndefined =
  <T>(read: (path: string) => T) =>
  (path: string): T | undefined => {
    try {
      return read(path);
    } catch {
      return undefined;
    }
  };

/** The file system itself. */
export const nodeFileSystem: DiscoveryFileSystem = {
  list: orUndefined((path) => readdirSync(path)),
  readLink: orUndefined((path) => readlinkSync(path)),
  // The native call resolves the whole path in one call; the JavaScript one checks each part in turn.
  realPath: orUndefined((path) => realpathSync.native(path)),
  readText: orUndefined((path) => readFileSync(path, 'utf8')),
};

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Where the link `target` in the real folder `folder` points, for `realPath` to resolve: the
 * leading `..` parts taken off `folder` (a real path's parent is its parent), the rest as it is.
 * Links to one package from several folders (a workspace's) then name one path, resolved once.
 */
function linkTarget(folder: string, target: string): string {
  if (isAbsolute(target)) return target;
  let base = folder;
  let rest = target;
  for (;;) {
    if (rest.startsWith(`..${sep}`) || rest === '..') {
      base = dirname(base);
      rest = rest.slice(3);
    } else if (rest.startsWith(`.${sep}`)) {
      rest = rest.slice(2);
    } else {
      return rest === '' ? base : inFolder(base, rest);
    }
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

/** The plugin package whose real folder is `directory`, or undefined when it is none. */
function pluginPackage(directory: string, fs: DiscoveryFileSystem): PluginPackage | undefined {
  const manifest = parseJson(fs.readText(inFolder(directory, 'package.json')));
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
    directory,
    entry: join(directory, entry),
    fixture: field.fixture === true,
    ...(catalog === undefined ? {} : { catalog: join(directory, catalog) }),
  };
}

/**
 * `findPluginPackages` on the file system `fs`. Each `node_modules` folder is listed once, and
 * resolved once (with `realPath`) when it holds a candidate; a candidate that is no link is in a
 * real folder, so real itself; a link's target is resolved once however many links lead to it
 * (a workspace links each package into several `node_modules` folders); each package found has
 * its package.json read once.
 */
export function scanPluginPackages(from: readonly string[], fs: DiscoveryFileSystem): PluginPackage[] {
  const real = new Map<string, string | undefined>();
  const realPath = (path: string) => {
    if (!real.has(path)) real.set(path, fs.realPath(path));
    return real.get(path);
  };
  /** By real path: the package there, or undefined when it is none. */
  const byDirectory = new Map<string, PluginPackage | undefined>();
  /** The candidates `names` in the folder `folder` (its real path looked up on the first). */
  const scan = (folder: string, names: readonly string[], wanted: (name: string) => boolean) => {
    let folderReal: string | undefined;
    for (const name of names) {
      if (!wanted(name)) continue;
      folderReal ??= realPath(folder);
      if (folderReal === undefined) return;
      const here = inFolder(folderReal, name);
      const target = fs.readLink(here);
      const directory = target === undefined ? here : realPath(linkTarget(folderReal, target));
      if (directory !== undefined && !byDirectory.has(directory))
        byDirectory.set(directory, pluginPackage(directory, fs));
    }
  };
  const visited = new Set<string>();
  for (const start of from) {
    for (let directory = start; ; directory = dirname(directory)) {
      const nodeModules = directory.endsWith(`${sep}node_modules`)
        ? directory
        : inFolder(directory, 'node_modules');
      if (!visited.has(nodeModules)) {
        visited.add(nodeModules);
        const names = fs.list(nodeModules) ?? [];
        for (const name of names) {
          if (!name.startsWith('@')) continue;
          const scope = inFolder(nodeModules, name);
          scan(scope, fs.list(scope) ?? [], name === '@provision' ? isOurs : isTheirs);
        }
        scan(nodeModules, names, isTheirs);
      }
      if (dirname(directory) === directory) break;
    }
  }
  const found: PluginPackage[] = [];
  for (const pkg of byDirectory.values()) if (pkg !== undefined) found.push(pkg);
  return found.sort(
    (a, b) => compareText(a.provider, b.provider) || compareText(a.packageName, b.packageName),
  );
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
  return scanPluginPackages(from, nodeFileSystem);
}
