import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { RepositoryFiles } from './repository-files.js';
import { type ImportRecord, importsOf, type ParsedModule, parseModule } from './syntax.js';
import type { Violation } from './violation.js';
import { readWorkspace, type Workspace, type WorkspacePackage } from './workspace.js';

/**
 * What a file is for, which decides the rules it follows:
 * `runtime` ships and runs for users (src/ outside src/testing/ and tests); `testing` ships as the
 * package's fake cloud (src/testing/); `test` never ships (tests, fixtures, test helpers, configs).
 */
export type FileKind = 'runtime' | 'testing' | 'test';

/** Where an import leads. */
export type ImportTarget =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'missing-file'; readonly path: string }
  | { readonly kind: 'package'; readonly packageName: string; readonly workspacePackage?: WorkspacePackage }
  | { readonly kind: 'other' };

/** One import with its resolution. */
export interface ResolvedImport extends ImportRecord {
  readonly target: ImportTarget;
}

/** One source file of a package. */
export interface SourceFile {
  /** Repository-relative path. */
  readonly path: string;
  readonly kind: FileKind;
  readonly owner: WorkspacePackage;
  readonly module?: ParsedModule;
  readonly imports: readonly ResolvedImport[];
}

/** The whole repository as the rules see it. */
export interface Analysis {
  readonly files: RepositoryFiles;
  readonly workspace: Workspace;
  /** Source files by path. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** Parse failures and unreadable workspace entries. */
  readonly problems: readonly Violation[];
}

const SOURCE = /\.(?:[mc]?ts|tsx|[mc]?js|jsx)$/;
const BUILTINS = new Set(builtinModules);

/** What a file inside a package is for (paths relative to the package folder). */
export function fileKindOf(relativePath: string): FileKind | undefined {
  const segments = relativePath.split('/');
  if (/\.test(?:-d)?\.[mc]?[jt]sx?$/.test(relativePath)) return 'test';
  if (segments.includes('__fixtures__') || segments.includes('test-fixtures')) return 'test';
  if (segments[0] === 'test' || segments[0] === 'tests') return 'test';
  if (segments.length === 1 && /^vitest\.config\./.test(relativePath)) return 'test';
  if (segments[0] !== 'src') return undefined;
  return segments[1] === 'testing' && segments.length > 2 ? 'testing' : 'runtime';
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

// TypeScript with nodenext resolution: a `.js` specifier names the `.ts` source beside it.
function relativeCandidates(path: string): string[] {
  const swaps: Array<[RegExp, string[]]> = [
    [/\.js$/, ['.ts', '.tsx']],
    [/\.mjs$/, ['.mts']],
    [/\.cjs$/, ['.cts']],
    [/\.jsx$/, ['.tsx']],
  ];
  const candidates = [path];
  for (const [pattern, replacements] of swaps) {
    if (pattern.test(path))
      for (const replacement of replacements) candidates.push(path.replace(pattern, replacement));
  }
  if (!SOURCE.test(path)) candidates.push(`${path}.ts`, `${path}/index.ts`, `${path}.js`, `${path}/index.js`);
  return candidates;
}

function resolve(
  fromPath: string,
  specifier: string,
  workspace: Workspace,
  known: ReadonlySet<string>,
): ImportTarget {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return { kind: 'builtin' };
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const path = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
    const found = relativeCandidates(path).find((candidate) => known.has(candidate));
    return found === undefined ? { kind: 'missing-file', path } : { kind: 'file', path: found };
  }
  if (specifier.startsWith('#') || specifier.startsWith('/') || /^[a-z]+:/.test(specifier))
    return { kind: 'other' };
  const packageName = packageNameOf(specifier);
  const workspacePackage = workspace.byName.get(packageName);
  return workspacePackage === undefined
    ? { kind: 'package', packageName }
    : { kind: 'package', packageName, workspacePackage };
}

/** Reads the workspace, classifies and parses every package's source files, and resolves their imports. */
export function analyse(files: RepositoryFiles): Analysis {
  const workspace = readWorkspace(files);
  const problems: Violation[] = [...workspace.problems];
  const known = new Set(files.paths);
  // The deepest package folder owns a file (a package nested in another is its own).
  const directories = [...workspace.packages].sort((a, b) => b.directory.length - a.directory.length);
  const sources = new Map<string, SourceFile>();
  for (const path of files.paths) {
    if (!SOURCE.test(path) || path.endsWith('.d.ts')) continue;
    const owner = directories.find((item) => path.startsWith(`${item.directory}/`));
    if (owner === undefined) continue;
    const kind = fileKindOf(path.slice(owner.directory.length + 1));
    if (kind === undefined) continue;
    let module: ParsedModule | undefined;
    let imports: ResolvedImport[] = [];
    try {
      module = parseModule(files.read(path) ?? '', path);
      imports = importsOf(module).map((record) => ({
        ...record,
        target: resolve(path, record.specifier, workspace, known),
      }));
    } catch (error) {
      problems.push({
        rule: 'parse-error',
        file: path,
        subject: 'source',
        message: `does not parse, so its imports cannot be checked: ${(error as Error).message.split('\n')[0]}`,
      });
    }
    sources.set(path, { path, kind, owner, imports, ...(module === undefined ? {} : { module }) });
  }
  return { files, workspace, sources, problems };
}

/** A package's source files. */
export function sourcesOf(analysis: Analysis, pkg: WorkspacePackage): SourceFile[] {
  return [...analysis.sources.values()].filter((file) => file.owner === pkg);
}
