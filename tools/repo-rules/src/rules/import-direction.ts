import type { Analysis, ResolvedImport, SourceFile } from '../analysis.js';
import type { RuleId, Violation } from '../violation.js';
import { isProviderPackage, type PackageRole, type WorkspacePackage } from '../workspace.js';

const DESIGN = 'DESIGN.md section 1';

interface ImportFacts {
  readonly file: SourceFile;
  readonly record: ResolvedImport;
  readonly packageName: string;
  /** The workspace package imported, when it is one of ours. */
  readonly target?: WorkspacePackage;
  readonly targetIsProvider: boolean;
}

function violation(facts: ImportFacts, rule: RuleId, why: string): Violation {
  const { file, record } = facts;
  return {
    rule,
    file: file.path,
    subject: record.specifier,
    message: `line ${record.line} imports '${record.specifier}'${record.typeOnly ? ' (type only)' : ''}: ${why}`,
  };
}

const roleIs = (target: WorkspacePackage | undefined, ...roles: PackageRole[]) =>
  target !== undefined && roles.includes(target.role);

// One check per importing role; each returns the broken rule, if any.
function checkImport(facts: ImportFacts): Violation | undefined {
  const { file, target, targetIsProvider } = facts;
  const ours = target !== undefined;
  switch (file.owner.role) {
    case 'core':
      return ours
        ? violation(facts, 'core-imports-nothing-of-ours', `core imports nothing of ours (${DESIGN})`)
        : undefined;
    case 'provider-utils':
      return ours && !roleIs(target, 'core')
        ? violation(facts, 'provider-utils-imports-only-core', `provider-utils imports only core (${DESIGN})`)
        : undefined;
    case 'testkit':
      return ours && !roleIs(target, 'core', 'provider-utils')
        ? violation(
            facts,
            'testkit-imports-only-the-kit',
            `testkit imports core and provider-utils only, never a provider (${DESIGN})`,
          )
        : undefined;
    case 'provider':
      if (targetIsProvider)
        return violation(
          facts,
          'no-provider-imports-another-provider',
          `no provider imports another provider (${DESIGN}); move what both need into provider-utils or testkit`,
        );
      if (file.kind === 'runtime' && roleIs(target, 'testkit'))
        return violation(
          facts,
          'runtime-never-imports-testkit',
          `only src/testing/ and tests may import testkit (${DESIGN}); runtime code ships to every user`,
        );
      if (file.kind === 'runtime' && ours && !roleIs(target, 'core', 'provider-utils'))
        return violation(
          facts,
          'provider-imports-only-the-kit',
          `a provider imports core and provider-utils only (${DESIGN})`,
        );
      if (file.kind === 'testing' && ours && !roleIs(target, 'core', 'provider-utils', 'testkit'))
        return violation(
          facts,
          'provider-imports-only-the-kit',
          `a provider's src/testing/ imports core, provider-utils and testkit only (${DESIGN})`,
        );
      return undefined;
    case 'cli':
      if (file.kind === 'test') return undefined;
      if (targetIsProvider)
        return violation(
          facts,
          'cli-knows-providers-only-through-discovery',
          `the CLI knows providers only through the registry and discovery, never by import (${DESIGN}); use findPluginPackages/loadPlugins from @provision/core/discovery`,
        );
      return roleIs(target, 'testkit')
        ? violation(
            facts,
            'runtime-never-imports-testkit',
            `the CLI's runtime code never imports testkit (${DESIGN})`,
          )
        : undefined;
    case 'emulator':
      // The emulator serves fakes, so testkit is its runtime; providers it finds only by discovery.
      return file.kind !== 'test' && targetIsProvider
        ? violation(
            facts,
            'emulator-loads-providers-only-through-discovery',
            `the emulator loads providers' ./testing only through discovery (${DESIGN}), never by import`,
          )
        : undefined;
    default:
      return undefined;
  }
}

/** Import directions (DESIGN.md section 1), no relative import out of a package, and declared dependencies. */
export function checkImportDirections(analysis: Analysis): Violation[] {
  const found: Violation[] = [];
  for (const file of analysis.sources.values()) {
    const owner = file.owner;
    for (const record of file.imports) {
      const target = record.target;
      if (target.kind === 'file' || target.kind === 'missing-file') {
        if (!target.path.startsWith(`${owner.directory}/`))
          found.push({
            rule: 'no-relative-import-across-packages',
            file: file.path,
            subject: record.specifier,
            message: `line ${record.line} imports '${record.specifier}', a file outside ${owner.directory}/: import the other package by name so its package.json, exports and build apply`,
          });
        continue;
      }
      if (target.kind !== 'package' || target.packageName === owner.name) continue;
      const facts: ImportFacts = {
        file,
        record,
        packageName: target.packageName,
        ...(target.workspacePackage === undefined ? {} : { target: target.workspacePackage }),
        targetIsProvider: isProviderPackage(analysis.workspace, target.packageName),
      };
      const broken = checkImport(facts);
      if (broken !== undefined) found.push(broken);
      const declared = declaredFor(owner, file.kind);
      if (!declared.has(target.packageName))
        found.push(
          violation(
            facts,
            'imports-declared-in-package-json',
            `'${target.packageName}' is not in ${owner.directory}/package.json ${file.kind === 'test' && !owner.manifest.private ? 'dependencies, peerDependencies or devDependencies' : owner.manifest.private ? 'any dependency list' : 'dependencies or peerDependencies (runtime code ships without devDependencies)'}`,
          ),
        );
    }
  }
  return found;
}

function declaredFor(owner: WorkspacePackage, kind: SourceFile['kind']): Set<string> {
  const manifest = owner.manifest;
  const lists = [manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies];
  // Tests, and everything in a private package, run from the workspace where devDependencies are installed.
  if (kind === 'test' || manifest.private === true) lists.push(manifest.devDependencies);
  return new Set(lists.flatMap((list) => Object.keys(list ?? {})));
}
