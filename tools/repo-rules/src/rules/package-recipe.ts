import type { Analysis } from '../analysis.js';
import { entrySources, exportEntries } from '../package-entries.js';
import type { RuleId, Violation } from '../violation.js';
import type { WorkspacePackage } from '../workspace.js';

const RECIPE = 'CONVENTIONS.md, package shape';
const MINIMUM_NODE: readonly [number, number] = [22, 12];

// `>=22.12`, `>=22.12.0`, `>= 24`: a lower bound at or above 22.12, and nothing else.
function nodeRangeOk(range: unknown): boolean {
  const match = typeof range === 'string' ? /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim()) : null;
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
}

/** Which index statements are re-exports; a provider's index may also import and call `registerPlugin`. */
function indexStatementProblems(analysis: Analysis, pkg: WorkspacePackage, path: string): string[] {
  const module = analysis.sources.get(path)?.module;
  if (module === undefined) return [];
  const problems: string[] = [];
  for (const statement of module.body) {
    const line = module.lineOf(statement.start);
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration') continue;
    if (
      statement.type === 'ExportNamedDeclaration' &&
      (statement.source != null || statement.declaration == null)
    )
      continue;
    if (pkg.role === 'provider' && statement.type === 'ExpressionStatement') {
      const call = statement.expression as { type: string; callee?: { type: string; name?: string } };
      if (
        call.type === 'CallExpression' &&
        call.callee?.type === 'Identifier' &&
        call.callee.name === 'registerPlugin'
      )
        continue;
    }
    problems.push(`line ${line}: \`${module.snippet(statement)}\``);
  }
  return problems;
}

function registersPlugin(analysis: Analysis, path: string): boolean {
  const body = analysis.sources.get(path)?.module?.body ?? [];
  return body.some((statement) => {
    const call = statement.expression as
      | { type?: string; callee?: { type: string; name?: string } }
      | undefined;
    return (
      statement.type === 'ExpressionStatement' &&
      call?.type === 'CallExpression' &&
      call.callee?.name === 'registerPlugin'
    );
  });
}

/** The one package recipe (CONVENTIONS.md) for every published package of the workspace. */
export function checkPackageRecipe(analysis: Analysis): Violation[] {
  const found: Violation[] = [];
  for (const pkg of analysis.workspace.packages) {
    if (pkg.manifest.private === true) continue;
    const manifestPath = `${pkg.directory}/package.json`;
    const fail = (rule: RuleId, subject: string, message: string, file = manifestPath) =>
      found.push({ rule, file, subject, message: `${message} (${RECIPE})` });
    const manifest = pkg.manifest;
    if (manifest.type !== 'module') fail('recipe-type-module', 'type', '"type" must be "module": ESM only');
    const entries = exportEntries(manifest.exports);
    if (entries.length === 0) fail('recipe-exports-types-first', 'exports', 'has no "exports" map');
    for (const entry of entries) {
      if (entry.subpath === './package.json') continue;
      const names = entry.conditions.map(([name]) => name);
      if (!entry.isConditions || names[0] !== 'types')
        fail(
          'recipe-exports-types-first',
          `exports["${entry.subpath}"]`,
          `exports["${entry.subpath}"] must be conditions with "types" first (found ${entry.isConditions ? names.join(', ') : 'a plain path'})`,
        );
    }
    for (const entry of entrySources(pkg)) {
      if (entry.source === undefined || !analysis.sources.has(entry.source))
        fail(
          'recipe-exports-types-first',
          `exports["${entry.subpath}"]`,
          `exports["${entry.subpath}"] points at ${entry.target}, which no file under src/ builds (expected ${entry.source ?? 'a path under ./dist/'})`,
        );
    }
    if (JSON.stringify(manifest.files) !== '["dist"]')
      fail(
        'recipe-files-dist',
        'files',
        `"files" must be ["dist"] (found ${JSON.stringify(manifest.files)})`,
      );
    if (!nodeRangeOk(manifest.engines?.node))
      fail(
        'recipe-engines-node',
        'engines.node',
        `"engines.node" must be ">=22.12" or higher (found ${JSON.stringify(manifest.engines?.node)})`,
      );
    if (manifest.publishConfig?.access !== 'public')
      fail('recipe-publish-access', 'publishConfig.access', '"publishConfig.access" must be "public"');
    if (analysis.files.read(`${pkg.directory}/README.md`) === undefined)
      fail(
        'recipe-readme',
        'README.md',
        'has no README.md (npm shows it as the package page)',
        `${pkg.directory}/README.md`,
      );
    const indexPath = `${pkg.directory}/src/index.ts`;
    if (pkg.role === 'provider') {
      if (
        JSON.stringify(manifest.sideEffects) !== '["./dist/index.js"]' ||
        !registersPlugin(analysis, indexPath)
      )
        fail(
          'recipe-side-effects',
          'sideEffects',
          `a provider's "sideEffects" is ["./dist/index.js"], the entry that calls registerPlugin, and nothing else (found ${JSON.stringify(manifest.sideEffects)}${registersPlugin(analysis, indexPath) ? '' : '; src/index.ts registers no plugin'})`,
        );
    } else if (manifest.sideEffects !== false) {
      fail(
        'recipe-side-effects',
        'sideEffects',
        `"sideEffects" must be false (found ${JSON.stringify(manifest.sideEffects)})`,
      );
    }
    for (const problem of indexStatementProblems(analysis, pkg, indexPath))
      found.push({
        rule: 'recipe-index-only-reexports',
        file: indexPath,
        subject: problem.replace(/^line \d+: /, ''),
        message: `${problem} is not a re-export: src/index.ts only re-exports (move it into its own file) (${RECIPE})`,
      });
  }
  return found;
}
