import { declaredCredentials } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createFlatTagCodec } from './flat-tag-codec.js';
import { createManagedFlatTags } from './managed-flat-tags.js';
import {
  defineRestPlugin,
  PRINTABLE_TAG_KEY,
  PRINTABLE_TAG_VALUE,
  REST_CAPABILITIES,
} from './rest-plugin.js';
import { definition } from './rest-plugin.test-support.js';

describe('defineRestPlugin', () => {
  const plugin = defineRestPlugin(definition);

  it('fills in what every REST plugin declares alike', () => {
    expect(plugin.specificationVersion).toBe('v1');
    expect(plugin.packageName).toBe('@provision/provider-tagcloud');
    expect(plugin.capabilities).toEqual({ ...REST_CAPABILITIES, inbound: true, orphans: true });
  });

  it('derives the secrets, the variables and the credential declaration from the credentials', () => {
    expect(plugin.secretSettings).toEqual(['token']);
    expect(plugin.env).toEqual({
      required: ['TAGCLOUD_TOKEN'],
      optional: ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID', 'TAGCLOUD_URL'],
    });
    expect(plugin.credentials).toEqual({
      variables: [{ set: ['TAGCLOUD_TOKEN', ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID']] }],
      consult: { files: [['~/.tagcloud.yaml']] },
    });
  });

  it('has credentials only when every one is given, and its declaration agrees where it answers', () => {
    const nowhere = { HOME: '/nonexistent-home' };
    const cases = [
      { env: { ...nowhere, TAGCLOUD_TOKEN: 't' }, expected: false },
      { env: { ...nowhere, TAGCLOUD_TOKEN: 't', TAGCLOUD_PROJECT_ID: 'p' }, expected: true },
      { env: { ...nowhere, TAGCLOUD_PROJECT: 'p' }, expected: false },
    ];
    for (const { env, expected } of cases) {
      expect(plugin.hasCredentials?.(env)).toBe(expected);
      expect(declaredCredentials(plugin.credentials ?? {}, env, () => false)).toBe(expected);
    }
  });

  it('keeps a given package name, and refuses a plugin without credentials', () => {
    const named = defineRestPlugin({ ...definition, packageName: '@acme/tagcloud' });
    expect(named.packageName).toBe('@acme/tagcloud');
    expect(() => defineRestPlugin({ ...definition, credentials: [] })).toThrow(/"tagcloud": no credentials/);
  });

  it('checks the manifest as definePlugin does', () => {
    expect(() =>
      defineRestPlugin({ ...definition, defaults: { ...definition.defaults, plan: 'huge' } }),
    ).toThrow(/defaults.plan "huge" is not in the catalog/);
  });

  it('takes printable-ASCII tag patterns, the tag storage and hostTags from the managed flat tags', () => {
    const tags = createManagedFlatTags(
      createFlatTagCodec({ separator: ':', allowed: /[a-z0-9:]/, maxLength: 64 }),
    );
    const tagged = defineRestPlugin({ ...definition, tags });
    expect(tagged.limits.tags).toEqual({
      maxCount: 5,
      maxKeyLength: 20,
      maxValueLength: 20,
      keyPattern: PRINTABLE_TAG_KEY,
      valuePattern: PRINTABLE_TAG_VALUE,
      storage: tags.codec.storage,
    });
    expect(tagged.hostTags).toBe(tags.tagMap);
    expect(PRINTABLE_TAG_KEY.test('provision:owner')).toBe(true);
    expect(PRINTABLE_TAG_KEY.test('with space')).toBe(false);
    expect(PRINTABLE_TAG_VALUE.test('with space')).toBe(true);
    expect(PRINTABLE_TAG_VALUE.test('caf\u00e9')).toBe(false);
  });

  it('keeps the patterns and hostTags a cloud gives, and has no hostTags or storage without tags', () => {
    const hostTags = () => ({ mine: 'yes' });
    const own = defineRestPlugin({
      ...definition,
      tags: createManagedFlatTags(createFlatTagCodec({ separator: ':', allowed: /[a-z]/, maxLength: 64 })),
      limits: { ...definition.limits, tags: { ...definition.limits.tags, keyPattern: /^[a-z]+$/ } },
      hostTags,
    });
    expect(own.limits.tags.keyPattern).toEqual(/^[a-z]+$/);
    expect(own.hostTags).toBe(hostTags);
    expect(plugin.hostTags).toBeUndefined();
    expect(plugin.limits.tags.storage).toBeUndefined();
  });
});
