import { InvalidRequestError } from '../errors/errors.js';
import { passesDefaultIdRule, shown } from '../id-rules.js';
import type { ListFilter } from '../spec/v1/list-filter.js';
import { OWNER_PATTERN } from '../validate-host-spec.js';
import type { AnyPluginManifest } from './manifest.js';

/**
 * Checks a `list()` filter before any request: a region the plugin would never accept, an owner
 * that no host can have, or tags that are not strings could only ever match nothing, so an empty
 * answer would hide the typo.
 * @throws InvalidRequestError naming the field at fault.
 */
export function checkListFilter(manifest: AnyPluginManifest, filter: unknown): ListFilter | undefined {
  const provider = manifest.id;
  const fail = (field: string, message: string, hint?: string): never => {
    throw new InvalidRequestError(message, { provider, operation: 'list', field, hint });
  };
  if (filter === undefined) return undefined;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    fail('filter', 'The list filter must be an object { owner?, region?, tags? }.');
  const { region, owner, tags, ...rest } = filter as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(unknown[0] as string, `Unknown list filter field(s): ${unknown.join(', ')}.`);
  if (region !== undefined) {
    const rule = manifest.limits.ids?.region;
    if (
      typeof region !== 'string' ||
      !passesDefaultIdRule(region) ||
      (rule !== undefined && !rule.pattern.test(region))
    )
      fail('region', `region ${shown(region)} is not a valid ${manifest.displayName} region id.`);
    const regions = manifest.catalog.regions;
    if (regions.length > 0 && !regions.some((known) => known.id === region)) {
      fail(
        'region',
        `Unknown ${manifest.displayName} region ${shown(region)}.`,
        `Known regions: ${regions.map((known) => known.id).join(', ')}.`,
      );
    }
  }
  if (owner !== undefined && (typeof owner !== 'string' || !OWNER_PATTERN.test(owner)))
    fail('owner', 'owner must be lowercase letters, digits and "-", at most 32 characters.');
  if (tags !== undefined) {
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
      fail('tags', 'tags must be an object of string keys to string values.');
    for (const [key, value] of Object.entries(tags as Record<string, unknown>))
      if (typeof value !== 'string') fail(`tags.${key}`, `Tag "${key}" must have a string value.`);
  }
  return filter as ListFilter;
}
