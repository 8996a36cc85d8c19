import { describe, expect, it } from 'vitest';
import {
  decodeManagedTags,
  encodeManagedTags,
  HOST_IDENTITY_LENGTH,
  hostIdentity,
  isExpired,
  MANAGED_TAG_KEYS,
} from './tags.js';

describe('tag codec', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('adds the managed marker, name, owner, identity and expiry', () => {
    const tags = encodeManagedTags({ name: 'web', owner: 'ci', ttlMs: 7_200_000, tags: { env: 'dev' } }, now);
    expect(tags).toEqual({
      env: 'dev',
      'provision-managed-by': 'provision',
      'provision-name': 'web',
      'provision-owner': 'ci',
      'provision-host': hostIdentity('ci', 'web'),
      'provision-expires': String(Date.parse('2026-11-22T12:00:00Z') / 1000),
    });
  });
  it('reads them back and separates the user tags', () => {
    const { managed, userTags } = decodeManagedTags(
      encodeManagedTags({ name: 'web', ttlMs: 1000, tags: { env: 'dev' } }, now),
    );
    expect(userTags).toEqual({ env: 'dev' });
    expect(managed).toEqual({ name: 'web', owner: 'default', expiresAt: new Date('2026-11-22T10:00:01Z') });
    expect(isExpired(managed as NonNullable<typeof managed>, now)).toBe(false);
    expect(isExpired(managed as NonNullable<typeof managed>, new Date('2026-11-22T10:00:01Z'))).toBe(true);
  });
  it('says a resource without the marker is not managed', () => {
    expect(decodeManagedTags({ [MANAGED_TAG_KEYS.name]: 'web' }).managed).toBeUndefined();
  });
  it('keeps every key and value within GCE label rules', () => {
    for (const [key, value] of Object.entries(
      encodeManagedTags({ name: 'a-b', owner: 'team-1', ttlMs: 5 }, now),
    )) {
      expect(key).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
      expect(value).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
  });
});

describe('host identity', () => {
  it('is a fixed 26-character lowercase base32 digest of owner/name', () => {
    // sha256("ci/web"), first 130 bits in RFC 4648 base32, lowercased.
    expect(hostIdentity('ci', 'web')).toBe('m33nxrtg3q2baxdzzwweqosrxh');
    for (const [owner, name] of [
      ['o', 'n'],
      ['default', 'a'.repeat(63)],
      ['x'.repeat(32), 'y'.repeat(63)],
    ] as const) {
      const identity = hostIdentity(owner, name);
      expect(identity).toHaveLength(HOST_IDENTITY_LENGTH);
      expect(identity).toMatch(/^[a-z2-7]{26}$/);
    }
  });
  it('tells owners and names apart, including where a join would be ambiguous', () => {
    expect(hostIdentity('a-b', 'c')).not.toBe(hostIdentity('a', 'b-c'));
    expect(hostIdentity('alpha', 'web')).not.toBe(hostIdentity('beta', 'web'));
    expect(hostIdentity('ci', 'web')).toBe(hostIdentity('ci', 'web'));
  });
  it('fits the strictest tag syntaxes: GCE and Hetzner label values (63), Linode tags (50 with the key)', () => {
    const identity = hostIdentity('x'.repeat(32), 'y'.repeat(63));
    expect(identity).toMatch(/^[a-z0-9_-]{1,63}$/);
    expect(`${MANAGED_TAG_KEYS.identity}:${identity}`.length).toBeLessThanOrEqual(50);
  });
});
