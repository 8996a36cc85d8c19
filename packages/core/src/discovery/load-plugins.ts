import { pathToFileURL } from 'node:url';
import type { AnyPluginManifest } from '../plugin/manifest.js';
import { getPlugin, registerPlugin, registryConflicts } from '../plugin/registry.js';
import { findPluginPackages, type PluginPackage } from './find-plugin-packages.js';

/** What `loadPlugins` did. */
export interface LoadPluginsResult {
  /** Packages imported whose plugin is now the registered one for its id. */
  readonly loaded: readonly PluginPackage[];
  /** Packages whose id another package had claimed first: reported, never silently shadowed. */
  readonly conflicts: ReadonlyArray<{
    readonly provider: string;
    readonly kept: string;
    readonly rejected: string;
  }>;
  /** Packages that could not be imported, or registered nothing for their declared id. */
  readonly failures: ReadonlyArray<{ readonly package: PluginPackage; readonly reason: string }>;
}

function isManifest(value: unknown, provider: string): value is AnyPluginManifest {
  const candidate = value as Partial<AnyPluginManifest> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.id === provider &&
    typeof candidate.load === 'function'
  );
}

/**
 * Imports every installed plugin package (see `findPluginPackages`), which registers its
 * manifest. A package that exports its manifest without registering it is registered here.
 * Importing a plugin loads only its manifest, never its cloud SDK.
 */
export async function loadPlugins(
  packages: readonly PluginPackage[] = findPluginPackages(),
): Promise<LoadPluginsResult> {
  const loaded: PluginPackage[] = [];
  const failures: Array<{ package: PluginPackage; reason: string }> = [];
  const before = registryConflicts().length;
  for (const pkg of packages) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(pkg.entry).href)) as Record<string, unknown>;
    } catch (error) {
      failures.push({ package: pkg, reason: `could not be imported: ${(error as Error).message}` });
      continue;
    }
    if (getPlugin(pkg.provider) === undefined) {
      const manifest = Object.values(module).find((value) => isManifest(value, pkg.provider));
      if (manifest !== undefined) registerPlugin(manifest);
    }
    const registered = getPlugin(pkg.provider);
    if (registered === undefined) {
      failures.push({
        package: pkg,
        reason: `declares provider "${pkg.provider}" but registered no plugin with that id`,
      });
    } else if (registered.packageName === pkg.packageName) {
      loaded.push(pkg);
    } else if (!registryConflicts().some((conflict) => conflict.rejected.startsWith(`${pkg.packageName}@`))) {
      // Nothing of this package holds the id and no conflict names it: its manifest claims to
      // come from another package.
      failures.push({ package: pkg, reason: `its manifest says it is ${registered.packageName}` });
    }
    // Otherwise another package holds the id; registerPlugin recorded the conflict.
  }
  const conflicts = registryConflicts()
    .slice(before)
    .map((conflict) => ({ provider: conflict.id, kept: conflict.kept, rejected: conflict.rejected }));
  return { loaded, conflicts, failures };
}
