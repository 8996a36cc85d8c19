import { hostIdentity, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createFlatTagCodec } from './flat-tag-codec.js';
import { createManagedFlatTags } from './managed-flat-tags.js';

const codec = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.=-]/, maxLength: 255 });
const tags = createManagedFlatTags(codec);
const spec = { name: 'web', owner: 'team', ttlMs: 3_600_000, tags: { env: 'prod', 'a b': 'c' } };

describe('createManagedFlatTags', () => {
  it('encodes the managed, owner and identity tags with the codec', () => {
    expect(tags.managedTag).toBe(codec.encodeOne(MANAGED_TAG_KEYS.managedBy, MANAGED_BY_VALUE));
    expect(tags.ownerTag('team')).toBe(codec.encodeOne(MANAGED_TAG_KEYS.owner, 'team'));
    expect(tags.identityTag('team', 'web')).toBe(
      codec.encodeOne(MANAGED_TAG_KEYS.identity, hostIdentity('team', 'web')),
    );
    const sent = tags.encode(spec, new Date(0));
    expect(sent).toContain(tags.managedTag);
    expect(sent).toContain(tags.identityTag('team', 'web'));
    expect(codec.decode(sent)).toEqual(tags.tagMap(spec, new Date(0)));
  });

  it('reads back the host, its expiry and the user tags, reserved keys removed', () => {
    const read = tags.read(tags.encode(spec, new Date(0)));
    expect(read).toEqual({
      managed: { name: 'web', owner: 'team', expiresAt: new Date(3_600_000) },
      userTags: { env: 'prod', 'a b': 'c' },
    });
    expect(tags.read(undefined)).toEqual({ managed: undefined, userTags: {} });
    expect(tags.read(['env:prod']).managed).toBeUndefined();
  });

  it('does not take a machine whose identity tag disagrees with its name and owner', () => {
    const moved = codec.encode({
      ...tags.tagMap(spec),
      [MANAGED_TAG_KEYS.owner]: 'someone-else',
    });
    expect(tags.read(moved)).toMatchObject({ managed: undefined, userTags: { env: 'prod' } });
    const noIdentity = tags.encode(spec).filter((tag) => tag !== tags.identityTag('team', 'web'));
    expect(tags.read(noIdentity).managed).toBeUndefined();
  });
});
