/** Every rule the repository test enforces, by id (the id is printed with each failure). */
export type RuleId =
  | 'parse-error'
  | 'workspace-pattern'
  | 'core-imports-nothing-of-ours'
  | 'provider-utils-imports-only-core'
  | 'testkit-imports-only-the-kit'
  | 'provider-imports-only-the-kit'
  | 'no-provider-imports-another-provider'
  | 'runtime-never-imports-testkit'
  | 'cli-knows-providers-only-through-discovery'
  | 'emulator-loads-providers-only-through-discovery'
  | 'no-relative-import-across-packages'
  | 'imports-declared-in-package-json'
  | 'implementation-loaded-lazily'
  | 'sdk-only-in-lazy-implementation'
  | 'sdk-never-loaded-eagerly'
  | 'recipe-type-module'
  | 'recipe-exports-types-first'
  | 'recipe-files-dist'
  | 'recipe-engines-node'
  | 'recipe-publish-access'
  | 'recipe-readme'
  | 'recipe-side-effects'
  | 'recipe-index-only-reexports'
  | 'provider-manifest'
  | 'provider-docs-page'
  | 'provider-codeowners'
  | 'provider-maintainers-match-codeowners';

/** One broken rule: where, about what, and what to do. */
export interface Violation {
  readonly rule: RuleId;
  /** Repository-relative path of the file (or package folder) at fault. */
  readonly file: string;
  /** What in that file: an import specifier, a package.json field, a line. Allow-list entries match on it. */
  readonly subject: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** One line per violation, `file: message [rule]`, for a failure message a reader can act on. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((violation) => `${violation.file}: ${violation.message} [${violation.rule}]`)
    .join('\n');
}
