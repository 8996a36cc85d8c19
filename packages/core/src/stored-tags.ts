import { InvalidRequestError } from './errors/errors.js';
import { shown } from './id-rules.js';
import type { AnyPluginManifest, TagStorage } from './plugin/manifest.js';
import { encodeManagedTags, MANAGED_TAG_KEYS, RESERVED_TAG_PREFIX } from './tags.js';
import type { ResolvedHostSpec } from './validate-host-spec.js';

/**
 * Every tag the plugin writes on a new host, as key/value pairs before the cloud's encoding: the
 * manifest's `hostTags`, or `encodeManagedTags(spec)` when it has none.
 * @param now turns `ttlMs` into the expiry; defaults to the current time.
 */
export function hostTagsOf(
  manifest: AnyPluginManifest,
  spec: ResolvedHostSpec,
  now: Date = new Date(),
): Readonly<Record<string, string>> {
  return manifest.hostTags?.(spec, now) ?? encodeManagedTags(spec, now);
}

// The spec field each managed tag comes from, so an error names what the caller can change.
const FIELD_OF: Record<string, string> = {
  [MANAGED_TAG_KEYS.name]: 'name',
  [MANAGED_TAG_KEYS.identity]: 'name',
  [MANAGED_TAG_KEYS.owner]: 'owner',
  [MANAGED_TAG_KEYS.expires]: 'ttl',
};

function fieldOf(key: string, spec: ResolvedHostSpec): string {
  if (FIELD_OF[key] !== undefined) return FIELD_OF[key];
  if (!key.startsWith(RESERVED_TAG_PREFIX) && key in spec.tags) return `tags.${key}`;
  return 'tags';
}

const length = (text: string) => [...text].length;

/** The problem with one stored tag, or undefined when it fits. */
function problemOf(storage: TagStorage, key: string, value: string): string | undefined {
  if (storage.kind === 'key-value') {
    if (length(key) > storage.maxKeyLength)
      return `its key is ${length(key)} characters; at most ${storage.maxKeyLength}`;
    if (storage.keyPattern !== undefined && !storage.keyPattern.test(key))
      return `its key does not match ${storage.keyPattern}`;
    if (length(value) > storage.maxValueLength)
      return `its value is ${length(value)} characters; at most ${storage.maxValueLength}`;
    if (storage.valuePattern !== undefined && !storage.valuePattern.test(value))
      return `its value does not match ${storage.valuePattern}`;
    return undefined;
  }
  const tag = storage.encode(key, value);
  const size = length(tag);
  if (size > storage.maxLength)
    return `it is ${size} characters once stored as ${shown(tag)}; at most ${storage.maxLength}`;
  if (size < (storage.minLength ?? 1))
    return `it is ${size} characters once stored; at least ${storage.minLength ?? 1}`;
  if (storage.pattern !== undefined && !storage.pattern.test(tag))
    return `once stored as ${shown(tag)} it does not match ${storage.pattern}`;
  return undefined;
}

/**
 * Checks every tag the plugin will write (user and managed) against how its cloud stores tags.
 * Sends nothing.
 * @throws InvalidRequestError naming the spec field the failing tag comes from (`name`, `owner`,
 * `ttl`, `tags.<key>`, or `tags` for the plugin's own tags).
 */
export function checkStoredTags(manifest: AnyPluginManifest, spec: ResolvedHostSpec, now?: Date): void {
  const rules = manifest.limits.tags;
  const storage: TagStorage = rules.storage ?? {
    kind: 'key-value',
    maxKeyLength: rules.maxKeyLength,
    maxValueLength: rules.maxValueLength,
  };
  const tags = Object.entries(hostTagsOf(manifest, spec, now));
  if (storage.maxCount !== undefined && tags.length > storage.maxCount) {
    throw new InvalidRequestError(
      `The host would carry ${tags.length} tags; ${manifest.displayName} allows at most ${storage.maxCount} (provision's own tags included).`,
      { provider: manifest.id, operation: 'provision', field: 'tags', hint: 'Give fewer tags.' },
    );
  }
  for (const [key, value] of tags) {
    const problem = problemOf(storage, key, value);
    if (problem === undefined) continue;
    const field = fieldOf(key, spec);
    throw new InvalidRequestError(
      `The tag ${shown(key)} does not fit ${manifest.displayName}'s tag rules: ${problem}.`,
      {
        provider: manifest.id,
        operation: 'provision',
        field,
        hint: field === 'tags' ? undefined : `Shorten ${field}.`,
      },
    );
  }
}
