import { describe, expect, it } from 'vitest';
import { samplePlugin } from './__fixtures__/sample-plugin.js';
import { InvalidRequestError } from './errors/errors.js';
import { definePlugin } from './plugin/define-plugin.js';
import type { AnyPluginManifest, TagStorage } from './plugin/manifest.js';
import { hostTagsOf } from './stored-tags.js';
import { encodeManagedTags, hostIdentity } from './tags.js';
import { validateHostSpec } from './validate-host-spec.js';

/** A plugin with generous user-tag rules, whose cloud stores tags as `storage` says. */
function cloudStoring(storage: TagStorage, extra: Partial<AnyPluginManifest> = {}): AnyPluginManifest {
  const base = samplePlugin();
  return definePlugin({
    ...base,
    limits: {
      ...base.limits,
      tags: {
        maxCount: 10,
        keyPattern: /^[a-z0-9-]+$/,
        valuePattern: /^[a-z0-9 -]*$/,
        maxKeyLength: 128,
        maxValueLength: 256,
        storage,
      },
    },
    ...extra,
  });
}

// AWS: native key/value tags, keys to 128 and values to 256 characters, 50 per resource.
const awsLike = cloudStoring({ kind: 'key-value', maxKeyLength: 128, maxValueLength: 256, maxCount: 50 });
// Linode: plain string tags of 3 to 50 characters (here `key:value`, unescaped).
const linodeLike = cloudStoring({
  kind: 'flat',
  encode: (key, value) => `${key}:${value}`,
  minLength: 3,
  maxLength: 50,
});

function refusal(manifest: AnyPluginManifest, spec: unknown): InvalidRequestError {
  try {
    validateHostSpec(manifest, spec);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('every stored tag is checked against the cloud before any request', () => {
  const longName = 'n'.repeat(40);
  const longOwner = 'o'.repeat(32);
  const longValue = 'v'.repeat(48);

  it.each([
    ['a 40-character name', { name: longName }, 'name'],
    ['a user tag of 48 characters', { name: 'a', tags: { env: longValue } }, 'tags.env'],
  ])('%s fits AWS but not a 50-character flat-tag cloud, which names the field', (_label, spec, field) => {
    expect(() => validateHostSpec(awsLike, spec)).not.toThrow();
    const error = refusal(linodeLike, spec);
    expect(error.field).toBe(field);
    expect(error.provider).toBe('sample');
    expect(error.message).toContain('at most 50');
  });

  it('names the owner when the owner tag is what does not fit', () => {
    const strict = cloudStoring({ kind: 'flat', encode: (key, value) => `${key}:${value}`, maxLength: 40 });
    expect(refusal(strict, { name: 'a', owner: longOwner }).field).toBe('owner');
  });

  it('accepts what fits, the identity tag included', () => {
    expect(() =>
      validateHostSpec(linodeLike, { name: 'web-1', owner: 'ci', ttl: 3_600_000, tags: { env: 'dev' } }),
    ).not.toThrow();
  });

  it('refuses a tag shorter than the cloud accepts', () => {
    expect(refusal(linodeLike, { name: 'a', tags: { e: '' } }).field).toBe('tags.e');
  });

  it('checks key and value lengths and patterns of key/value storage, and the total count', () => {
    const gceLike = cloudStoring({
      kind: 'key-value',
      maxKeyLength: 63,
      maxValueLength: 63,
      valuePattern: /^[a-z0-9_-]*$/,
      maxCount: 7,
    });
    expect(refusal(gceLike, { name: 'a', tags: { env: 'two words' } }).field).toBe('tags.env');
    expect(refusal(gceLike, { name: 'a', ttl: 1000, tags: { a: '1', b: '2', c: '3' } }).message).toMatch(
      /carry 8 tags; .* at most 7/,
    );
    expect(() => validateHostSpec(gceLike, { name: 'a', tags: { a: '1', b: '2' } })).not.toThrow();
  });

  it("checks the plugin's own tags too, and only what the plugin says it writes", () => {
    const base: TagStorage = { kind: 'flat', encode: (key, value) => `${key}:${value}`, maxLength: 50 };
    const withExtra = cloudStoring(base, {
      hostTags: (spec, now) => ({ ...encodeManagedTags(spec, now), 'provision-firewall': 'x'.repeat(40) }),
    });
    expect(refusal(withExtra, { name: 'a' }).field).toBe('tags');
    // A cloud that keeps the name in the instance label leaves the name tag out: long names fit.
    const labelled = cloudStoring(base, {
      hostTags: (spec, now) => {
        const { 'provision-name': _name, ...rest } = encodeManagedTags(spec, now);
        return rest;
      },
    });
    const resolved = validateHostSpec(labelled, { name: 'n'.repeat(60) });
    expect(hostTagsOf(labelled, resolved)).toMatchObject({
      'provision-host': hostIdentity('default', 'n'.repeat(60)),
    });
  });
});
