import type { Analysis } from '../analysis.js';
import { CODEOWNERS_LOCATIONS, type CodeownersLine, lineFor, parseCodeowners } from '../codeowners.js';
import type { Violation } from '../violation.js';
import { manifestsOf } from './sdk-placement.js';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === new Set(a).size && [...new Set(a)].sort().join(' ') === [...new Set(b)].sort().join(' ');

/**
 * Every first-party provider (`@provision/provider-<id>`) has its docs page, a CODEOWNERS line for
 * its package and its page, and a manifest whose `id` and `maintainers` match both
 * (CONVENTIONS.md, repository habits). Third-party plugins keep their own docs and owners.
 */
export function checkProviderWiring(analysis: Analysis): Violation[] {
  const found: Violation[] = [];
  const location = CODEOWNERS_LOCATIONS.find((path) => analysis.files.read(path) !== undefined);
  const lines: CodeownersLine[] =
    location === undefined ? [] : parseCodeowners(analysis.files.read(location) ?? '');
  const codeownersFile = location ?? 'CODEOWNERS';
  for (const pkg of analysis.workspace.packages) {
    const id = pkg.providerId;
    if (pkg.role !== 'provider' || id === undefined || !pkg.name.startsWith('@provision/')) continue;
    if (pkg.name !== `@provision/provider-${id}`)
      found.push({
        rule: 'provider-manifest',
        file: `${pkg.directory}/package.json`,
        subject: 'name',
        message: `declares provider "${id}" but is named ${pkg.name}: a first-party provider is @provision/provider-${id}`,
      });
    const manifests = manifestsOf(analysis, pkg);
    const manifest = manifests.find((item) => item.id === id);
    if (manifest === undefined)
      found.push({
        rule: 'provider-manifest',
        file: `${pkg.directory}/src`,
        subject: 'id',
        message: `no plugin manifest with \`id: '${id}'\` (the package.json "provision.provider") and a \`load: () => import('./…')\` in the runtime source${manifests.length > 0 ? ` (found id ${manifests.map((item) => JSON.stringify(item.id)).join(', ')})` : ''}`,
      });
    const docsPage = `docs/providers/${id}.md`;
    if (analysis.files.read(docsPage) === undefined)
      found.push({
        rule: 'provider-docs-page',
        file: docsPage,
        subject: 'docs page',
        message: `provider "${id}" has no docs page: write ${docsPage} from docs/providers/_template.md`,
      });
    const maintainers = manifest?.maintainers;
    if (manifest !== undefined && maintainers === undefined)
      found.push({
        rule: 'provider-maintainers-match-codeowners',
        file: manifest.file.path,
        subject: 'maintainers',
        message: `line ${manifest.line}: the manifest's \`maintainers\` must be a literal list of strings (or a same-file const) so it can be compared with ${codeownersFile}`,
      });
    for (const path of [`/${pkg.directory}/`, `/${docsPage}`]) {
      const line = lineFor(lines, path);
      if (line === undefined) {
        found.push({
          rule: 'provider-codeowners',
          file: codeownersFile,
          subject: path,
          message: `has no line for ${path}: add \`${path}  ${(maintainers ?? ['@owner']).join(' ')}\``,
        });
      } else if (maintainers !== undefined && manifest !== undefined && !sameSet(line.owners, maintainers)) {
        found.push({
          rule: 'provider-maintainers-match-codeowners',
          file: manifest.file.path,
          subject: path,
          message: `maintainers [${maintainers.join(' ')}] differ from ${codeownersFile} line ${line.line} for ${path} [${line.owners.join(' ')}]`,
        });
      }
    }
  }
  return found;
}
