import { passesDefaultIdRule } from '../id-rules.js';
import { credentialSourcesProblems } from './credential-sources.js';
import type { PluginManifest } from './manifest.js';

const ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Declares a plugin. Checks the manifest's shape (id syntax, budgets, defaults present in the
 * catalog) so a broken plugin fails at import, in its own tests, not in a user's terminal.
 * Does not register it: see `registerPlugin` (provider packages do both in their entry file).
 * @throws TypeError when the manifest is inconsistent.
 */
export function definePlugin<Settings>(manifest: PluginManifest<Settings>): PluginManifest<Settings> {
  const problems: string[] = [];
  if (!ID.test(manifest.id)) problems.push(`id "${manifest.id}" must match ${ID}`);
  if (manifest.specificationVersion !== 'v1') problems.push('specificationVersion must be "v1"');
  if (manifest.maintainers.length === 0) problems.push('maintainers must name at least one person');
  for (const [key, value] of Object.entries(manifest.callBudget)) {
    if (!Number.isInteger(value) || value < 1) problems.push(`callBudget.${key} must be a positive integer`);
  }
  // An empty list: the cloud's regions are its operator's own names (OpenStack), any is accepted.
  const regions = manifest.catalog.regions;
  if (regions.length > 0 && !regions.some((region) => region.id === manifest.defaults.region)) {
    problems.push(`defaults.region "${manifest.defaults.region}" is not in the catalog`);
  }
  if (!manifest.catalog.plans.some((plan) => plan.id === manifest.defaults.plan)) {
    problems.push(`defaults.plan "${manifest.defaults.plan}" is not in the catalog`);
  }
  if (manifest.catalog.images[manifest.defaults.os] === undefined) {
    problems.push(`defaults.os "${manifest.defaults.os}" is not in the catalog's images`);
  }
  for (const field of ['region', 'plan'] as const) {
    const rule = manifest.limits.ids?.[field];
    if (rule !== undefined && /[gy]/.test(rule.pattern.flags))
      problems.push(`limits.ids.${field}.pattern must not use the g or y flag (test() would keep state)`);
    const value = manifest.defaults[field];
    if (!passesDefaultIdRule(value) || (rule !== undefined && !rule.pattern.test(value)))
      problems.push(`defaults.${field} "${value}" breaks the ${field} id rule`);
  }
  if (manifest.credentials !== undefined) {
    // The declaration describes the code, which answers wherever the declaration cannot.
    if (manifest.hasCredentials === undefined)
      problems.push('credentials needs hasCredentials (the code it describes)');
    problems.push(...credentialSourcesProblems(manifest.credentials));
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(manifest.catalog.checkedAt))
    problems.push('catalog.checkedAt must be YYYY-MM-DD');
  if (problems.length > 0)
    throw new TypeError(`Invalid plugin manifest "${manifest.id}": ${problems.join('; ')}.`);
  return Object.freeze(manifest);
}
