import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPluginPackages, type PluginPackage } from '@provision/core/discovery';
import type { EmulatedCloud } from '@provision/testkit/fake-cloud';

/** A discovered plugin package whose fake cloud is not served, and why. */
export interface SkippedPackage {
  readonly packageName: string;
  readonly provider: string;
  readonly reason: string;
}

/** What `discoverEmulatedClouds` found. */
export interface DiscoveredClouds {
  /** One per provider, sorted by provider. */
  readonly clouds: EmulatedCloud[];
  /** Packages without a usable `./testing` subpath, in discovery order. */
  readonly skipped: SkippedPackage[];
}

/** Options of `discoverEmulatedClouds` and `findEmulatedClouds`. */
export interface DiscoverOptions {
  /**
   * Where to look for installed plugin packages (each folder and its ancestors' `node_modules`).
   * Default: where `findPluginPackages()` looks, plus this package's own location.
   */
  readonly from?: readonly string[];
}

// `exports['./testing']` may be a path or conditions (`import`, `node`, `default`) that may nest;
// `types` and `require` never name an importable ES module here.
function pickTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const key of ['import', 'node', 'default']) {
    const found = pickTarget(conditions[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The file a package's `./testing` export points at, or undefined when it declares none. */
function testingEntry(pkg: PluginPackage): string | undefined {
  const manifest = JSON.parse(readFileSync(join(pkg.directory, 'package.json'), 'utf8')) as {
    exports?: unknown;
  };
  const exports = manifest.exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const target = pickTarget((exports as Record<string, unknown>)['./testing']);
  return target === undefined ? undefined : join(pkg.directory, target);
}

/** The default search: core's (its location and the working directory) plus this package's location. */
function installedPluginPackages(): PluginPackage[] {
  const byDirectory = new Map<string, PluginPackage>();
  const here = dirname(fileURLToPath(import.meta.url));
  for (const pkg of [...findPluginPackages(), ...findPluginPackages([here])])
    byDirectory.set(pkg.directory, pkg);
  return [...byDirectory.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.packageName.localeCompare(b.packageName),
  );
}

function isEmulatedCloud(value: unknown): value is EmulatedCloud {
  const candidate = value as Partial<EmulatedCloud> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.provider === 'string' &&
    typeof candidate.create === 'function' &&
    typeof candidate.env === 'function'
  );
}

async function loadEmulated(pkg: PluginPackage): Promise<EmulatedCloud | string> {
  let entry: string | undefined;
  try {
    entry = testingEntry(pkg);
  } catch (error) {
    return `its package.json could not be read: ${(error as Error).message}`;
  }
  if (entry === undefined) return 'it has no ./testing subpath';
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    return `its ./testing subpath could not be imported: ${(error as Error).message}`;
  }
  const emulated = module.emulated;
  if (!isEmulatedCloud(emulated))
    return 'its ./testing subpath exports no `emulated` ({ provider, create, env })';
  if (emulated.provider !== pkg.provider)
    return `its \`emulated\` serves "${emulated.provider}" but the package declares provider "${pkg.provider}"`;
  return emulated;
}

/**
 * The installed providers' emulated clouds, with the reason for every plugin package left out
 * (no `./testing` subpath, an import that fails, no `emulated` export, or a provider id another
 * package already serves). Imports each discovered plugin's `./testing` subpath.
 */
export async function discoverEmulatedClouds(options: DiscoverOptions = {}): Promise<DiscoveredClouds> {
  const byProvider = new Map<string, { cloud: EmulatedCloud; packageName: string }>();
  const skipped: SkippedPackage[] = [];
  const packages = options.from === undefined ? installedPluginPackages() : findPluginPackages(options.from);
  for (const pkg of packages) {
    const skip = (reason: string) =>
      skipped.push({ packageName: pkg.packageName, provider: pkg.provider, reason });
    const kept = byProvider.get(pkg.provider);
    if (kept !== undefined) {
      skip(`${kept.packageName} already serves provider "${pkg.provider}"`);
      continue;
    }
    const loaded = await loadEmulated(pkg);
    if (typeof loaded === 'string') skip(loaded);
    else byProvider.set(pkg.provider, { cloud: loaded, packageName: pkg.packageName });
  }
  const clouds = [...byProvider.values()]
    .map((entry) => entry.cloud)
    .sort((a, b) => a.provider.localeCompare(b.provider));
  return { clouds, skipped };
}

/** The installed providers' emulated clouds (imports `<package>/testing` of each discovered plugin package), sorted by provider. */
export async function findEmulatedClouds(options: DiscoverOptions = {}): Promise<EmulatedCloud[]> {
  return (await discoverEmulatedClouds(options)).clouds;
}
