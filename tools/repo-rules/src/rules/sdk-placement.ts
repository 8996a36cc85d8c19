import { posix } from 'node:path';
import { type Analysis, type SourceFile, sourcesOf } from '../analysis.js';
import { entrySources } from '../package-entries.js';
import { type ManifestLiteral, manifestLiteralsOf } from '../syntax.js';
import type { Violation } from '../violation.js';
import type { WorkspacePackage } from '../workspace.js';

/**
 * Runtime dependencies that are not cloud SDKs: small libraries any provider may load at
 * registration. Everything else in a provider's `dependencies` outside `@provision/*` is an SDK.
 */
export const SMALL_RUNTIME_LIBRARIES: Readonly<Record<string, string>> = {
  zod: 'settings and response schemas (DESIGN.md section 7), loaded with every manifest',
};

/** A provider's cloud SDKs: its `dependencies` less our packages and the small runtime libraries. */
export function sdkDependencies(pkg: WorkspacePackage): string[] {
  return Object.keys(pkg.manifest.dependencies ?? {}).filter(
    (name) => !name.startsWith('@provision/') && !Object.hasOwn(SMALL_RUNTIME_LIBRARIES, name),
  );
}

/** A provider's manifests (object literals with `load: () => import('./…')`) with the file they are in. */
export function manifestsOf(
  analysis: Analysis,
  pkg: WorkspacePackage,
): Array<ManifestLiteral & { file: SourceFile }> {
  return sourcesOf(analysis, pkg)
    .filter((file) => file.kind === 'runtime' && file.module !== undefined)
    .flatMap((file) =>
      manifestLiteralsOf(file.module as NonNullable<SourceFile['module']>).map((manifest) => ({
        ...manifest,
        file,
      })),
    );
}

// Files reachable from `starts` by relative imports that `follow` accepts; each with the file it was reached from.
function closure(
  analysis: Analysis,
  starts: readonly string[],
  follow: (record: SourceFile['imports'][number]) => boolean,
): Map<string, string | undefined> {
  const reachedFrom = new Map<string, string | undefined>(starts.map((start) => [start, undefined]));
  const queue = [...starts];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    for (const record of analysis.sources.get(path)?.imports ?? []) {
      if (record.target.kind !== 'file' || !follow(record) || reachedFrom.has(record.target.path)) continue;
      reachedFrom.set(record.target.path, path);
      queue.push(record.target.path);
    }
  }
  return reachedFrom;
}

function chain(reachedFrom: ReadonlyMap<string, string | undefined>, path: string): string {
  const steps = [path];
  for (let step = reachedFrom.get(path); step !== undefined; step = reachedFrom.get(step))
    steps.unshift(step);
  return steps.map((step) => posix.basename(step)).join(' -> ');
}

const isStaticValue = (record: SourceFile['imports'][number]) =>
  !record.typeOnly && record.kind !== 'dynamic';

/**
 * A cloud SDK loads only with the provider's lazily loaded implementation (the file its manifest's
 * `load()` imports, and what that file imports), never at registration (DESIGN.md sections 1 and 3).
 * Type-only SDK imports are erased at build and load nothing, so they may appear anywhere.
 */
export function checkSdkPlacement(analysis: Analysis): Violation[] {
  const found: Violation[] = [];
  for (const pkg of analysis.workspace.packages) {
    if (pkg.role !== 'provider') continue;
    const sdks = new Set(sdkDependencies(pkg));
    const manifests = manifestsOf(analysis, pkg);
    const loadTargets: string[] = [];
    for (const manifest of manifests) {
      const record = manifest.file.imports.find(
        (item) => item.kind === 'dynamic' && item.specifier === manifest.loadSpecifier,
      );
      if (record?.target.kind === 'file') loadTargets.push(record.target.path);
      else
        found.push({
          rule: 'implementation-loaded-lazily',
          file: manifest.file.path,
          subject: manifest.loadSpecifier,
          message: `line ${manifest.line}: load() imports '${manifest.loadSpecifier}', which is not a file of this package`,
        });
    }
    if (manifests.length === 0)
      found.push({
        rule: 'implementation-loaded-lazily',
        file: `${pkg.directory}/src`,
        subject: 'load',
        message:
          "no plugin manifest with `load: () => import('./<id>-provisioner.js')` in the provider's runtime source, so its lazily loaded implementation is unknown",
      });
    const entries = entrySources(pkg).flatMap((entry) =>
      entry.source !== undefined && analysis.sources.has(entry.source) ? [entry.source] : [],
    );
    const eager = closure(analysis, entries, isStaticValue);
    const lazy = closure(analysis, loadTargets, () => true);
    for (const target of loadTargets) {
      if (eager.has(target))
        found.push({
          rule: 'implementation-loaded-lazily',
          file: target,
          subject: 'static import',
          message: `the lazily loaded implementation is imported statically from an entry point (${chain(eager, target)}): it, and its SDK, would load at registration`,
        });
    }
    for (const file of sourcesOf(analysis, pkg)) {
      if (file.kind === 'test') continue;
      for (const record of file.imports) {
        if (record.target.kind !== 'package' || !sdks.has(record.target.packageName) || record.typeOnly)
          continue;
        if (!lazy.has(file.path))
          found.push({
            rule: 'sdk-only-in-lazy-implementation',
            file: file.path,
            subject: record.specifier,
            message: `line ${record.line} imports the SDK '${record.specifier}' (a dependency of ${pkg.name}) outside the lazily loaded implementation${loadTargets.length > 0 ? ` (${loadTargets.map((target) => posix.basename(target)).join(', ')} and what it imports)` : ''}; use \`import type\` for types, or move the call into the implementation (a small library that is no SDK goes in SMALL_RUNTIME_LIBRARIES, tools/repo-rules/src/rules/sdk-placement.ts, with its reason)`,
          });
        else if (isStaticValue(record) && eager.has(file.path))
          found.push({
            rule: 'sdk-never-loaded-eagerly',
            file: file.path,
            subject: record.specifier,
            message: `line ${record.line} imports the SDK '${record.specifier}', and this file is imported statically from an entry point (${chain(eager, file.path)}): the SDK would load at registration`,
          });
      }
    }
  }
  return found;
}
