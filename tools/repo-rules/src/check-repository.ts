import { analyse } from './analysis.js';
import type { RepositoryFiles } from './repository-files.js';
import { checkImportDirections } from './rules/import-direction.js';
import { checkPackageRecipe } from './rules/package-recipe.js';
import { checkProviderWiring } from './rules/provider-wiring.js';
import { checkSdkPlacement } from './rules/sdk-placement.js';
import type { Violation } from './violation.js';

/** Every rule over one repository tree: the violations, sorted by file then rule. */
export function checkRepository(files: RepositoryFiles): Violation[] {
  const analysis = analyse(files);
  const violations = [
    ...analysis.problems,
    ...checkImportDirections(analysis),
    ...checkSdkPlacement(analysis),
    ...checkPackageRecipe(analysis),
    ...checkProviderWiring(analysis),
  ];
  return violations.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.subject.localeCompare(b.subject),
  );
}
