import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createFlatTagCodec } from './flat-tag-codec.js';
import { createHostMapper, type HostFields, readHostTags } from './host-mapping.js';

const managedTags = {
  [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
  [MANAGED_TAG_KEYS.name]: 'web-1',
  [MANAGED_TAG_KEYS.owner]: 'team',
  [MANAGED_TAG_KEYS.identity]: 'abcdefghijklmnopqrstuvwxyz',
  [MANAGED_TAG_KEYS.expires]: '1900000000',
  'provision-firewall': 'yes',
  env: 'prod',
};

// A GCE-like table: label clouds keep tags as key/value pairs, the running word is RUNNING.
const gce = createHostMapper({
  provider: 'gcp',
  statuses: {
    PROVISIONING: 'provisioning',
    STAGING: 'provisioning',
    RUNNING: 'active',
    STOPPING: 'stopping',
    TERMINATED: 'stopped',
  },
});

function fields(overrides: Partial<HostFields> = {}): HostFields {
  return {
    id: 'projects/p/zones/europe-west1-b/instances/web-1',
    tags: readHostTags(managedTags),
    fallbackName: 'web-1',
    nativeStatus: 'RUNNING',
    publicIpv4: '34.1.2.3',
    region: 'europe-west1-b',
    plan: 'e2-micro',
    firewalled: false,
    ...overrides,
  };
}

describe('readHostTags', () => {
  it('reads name, owner and expiry, and keeps only the user tags', () => {
    expect(readHostTags(managedTags)).toEqual({
      managed: { name: 'web-1', owner: 'team', expiresAt: new Date(1_900_000_000_000) },
      userTags: { env: 'prod' },
    });
  });
  it('says unmanaged without the managed-by marker, and still strips reserved keys', () => {
    const { [MANAGED_TAG_KEYS.managedBy]: _marker, ...rest } = managedTags;
    expect(readHostTags(rest)).toEqual({ managed: undefined, userTags: { env: 'prod' } });
    expect(readHostTags({ ...managedTags, [MANAGED_TAG_KEYS.managedBy]: 'someone-else' }).managed).toBe(
      undefined,
    );
  });
  it('takes the name from the resource name on clouds that keep it there, a name tag winning', () => {
    const { [MANAGED_TAG_KEYS.name]: _name, ...withoutName } = managedTags;
    expect(readHostTags(withoutName).managed).toBe(undefined);
    expect(readHostTags(withoutName, { resourceName: 'vm-7' }).managed?.name).toBe('vm-7');
    expect(readHostTags(managedTags, { resourceName: 'vm-7' }).managed?.name).toBe('web-1');
  });
  it('defaults the owner and ignores an expiry that is not whole seconds', () => {
    const tags = readHostTags({
      [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
      [MANAGED_TAG_KEYS.name]: 'a',
      [MANAGED_TAG_KEYS.expires]: '12.5',
    });
    expect(tags.managed).toEqual({ name: 'a', owner: 'default' });
  });
  it('reads what a flat-tag codec decodes', () => {
    const codec = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:-]/, maxLength: 50 });
    expect(readHostTags(codec.decode(codec.encode(managedTags)))).toEqual(readHostTags(managedTags));
  });
});

describe('createHostMapper', () => {
  it('maps a managed resource to a host', () => {
    const price = { monthly: 6.11, currency: 'USD', source: 'catalog' as const, checkedAt: '2026-11-01' };
    expect(
      gce.toHost(fields({ ipv6: '2600::1', createdAt: '2026-11-30T10:00:00Z', price, firewalled: true })),
    ).toEqual({
      id: 'projects/p/zones/europe-west1-b/instances/web-1',
      provider: 'gcp',
      name: 'web-1',
      owner: 'team',
      status: 'active',
      nativeStatus: 'RUNNING',
      ipv4: '34.1.2.3',
      ipv6: '2600::1',
      region: 'europe-west1-b',
      plan: 'e2-micro',
      tags: { env: 'prod' },
      createdAt: new Date('2026-11-30T10:00:00Z'),
      expiresAt: new Date(1_900_000_000_000),
      price,
      firewalled: true,
    });
  });
  it('is active only with a public IPv4: none, or one in a private range, is still provisioning', () => {
    expect(gce.toHost(fields({ publicIpv4: undefined })).status).toBe('provisioning');
    const privateAddress = gce.toHost(fields({ publicIpv4: '10.0.0.5' }));
    expect(privateAddress.status).toBe('provisioning');
    expect(privateAddress).not.toHaveProperty('ipv4');
    expect(gce.toHost(fields({ publicIpv4: '100.64.0.1' })).ipv4).toBe(undefined);
  });
  it('maps every state through the table, an unknown word to the fallback, never through the prototype', () => {
    expect(gce.status('TERMINATED', true)).toBe('stopped');
    expect(gce.status('SUSPENDING', true)).toBe('provisioning');
    expect(gce.status('constructor', true)).toBe('provisioning');
    const strict = createHostMapper({ provider: 'x', statuses: {}, unknownStatus: 'error' });
    expect(strict.status('RUNNING', true)).toBe('error');
  });
  it('reports a failure as error with the reason', () => {
    const host = gce.toHost(fields({ error: 'ZONE_RESOURCE_POOL_EXHAUSTED' }));
    expect(host).toMatchObject({
      status: 'error',
      error: 'ZONE_RESOURCE_POOL_EXHAUSTED',
      nativeStatus: 'RUNNING',
    });
  });
  it('names an unmanaged resource by its fallback name and the default owner', () => {
    const host = gce.toHost(fields({ tags: readHostTags({ env: 'x' }), fallbackName: 'i-0abc' }));
    expect(host).toMatchObject({ name: 'i-0abc', owner: 'default', tags: { env: 'x' } });
    expect(host).not.toHaveProperty('expiresAt');
  });
  it('takes a Date or epoch milliseconds as the creation time, and leaves out an empty or unreadable one', () => {
    expect(gce.toHost(fields({ createdAt: new Date(5) })).createdAt).toEqual(new Date(5));
    expect(gce.toHost(fields({ createdAt: 7 })).createdAt).toEqual(new Date(7));
    expect(gce.toHost(fields({ createdAt: null }))).not.toHaveProperty('createdAt');
    expect(gce.toHost(fields({ createdAt: '' }))).not.toHaveProperty('createdAt');
    expect(gce.toHost(fields({ createdAt: 'yesterday-ish' }))).not.toHaveProperty('createdAt');
  });
});
