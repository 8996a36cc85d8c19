import { posix } from 'node:path';
import type { WorkspacePackage } from './workspace.js';

/** One `exports` entry: its subpath and the conditions it maps, in the order written. */
export interface ExportEntry {
  readonly subpath: string;
  /** Condition name to target, in declaration order; a plain string target appears as `default`. */
  readonly conditions: ReadonlyArray<readonly [string, unknown]>;
  /** Whether the entry was written as an object of conditions (the recipe wants one). */
  readonly isConditions: boolean;
}

/** The entries of a package.json `exports` field (`{ "./x": ... }`, or a single target for "."). */
export function exportEntries(exportsField: unknown): ExportEntry[] {
  if (typeof exportsField === 'string')
    return [{ subpath: '.', conditions: [['default', exportsField]], isConditions: false }];
  if (typeof exportsField !== 'object' || exportsField === null) return [];
  const entries = Object.entries(exportsField as Record<string, unknown>);
  if (!entries.every(([key]) => key.startsWith('.')))
    return [{ subpath: '.', conditions: entries, isConditions: true }];
  return entries.map(([subpath, value]) =>
    typeof value === 'object' && value !== null
      ? { subpath, conditions: Object.entries(value as Record<string, unknown>), isConditions: true }
      : { subpath, conditions: [['default', value]], isConditions: false },
  );
}

/** The module an entry loads at run time (`import`, then `node`, then `default`). */
export function runtimeTarget(entry: ExportEntry): string | undefined {
  for (const name of ['import', 'node', 'default']) {
    const found = entry.conditions.find(([condition]) => condition === name)?.[1];
    if (typeof found === 'string') return found;
  }
  return undefined;
}

/**
 * The source file a built file comes from (`./dist/testing/index.js` -> `<dir>/src/testing/index.ts`):
 * every package builds src/ into dist/ with `tsc -b`.
 */
export function sourceOfBuilt(pkg: WorkspacePackage, built: string): string | undefined {
  const normalized = posix.normalize(built);
  if (!normalized.startsWith('dist/')) return undefined;
  return `${pkg.directory}/src/${normalized
    .slice('dist/'.length)
    .replace(/\.js$/, '.ts')
    .replace(/\.mjs$/, '.mts')}`;
}

/** The source files of the package's runtime entry points, by subpath (`./package.json` excluded). */
export function entrySources(
  pkg: WorkspacePackage,
): Array<{ subpath: string; source: string | undefined; target: string }> {
  return exportEntries(pkg.manifest.exports)
    .filter((entry) => entry.subpath !== './package.json')
    .flatMap((entry) => {
      const target = runtimeTarget(entry);
      return target === undefined
        ? []
        : [{ subpath: entry.subpath, source: sourceOfBuilt(pkg, target), target }];
    });
}
