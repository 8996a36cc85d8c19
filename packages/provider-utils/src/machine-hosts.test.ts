import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { readHostTags } from './host-mapping.js';
import { createMachineHosts } from './machine-hosts.js';

interface Box {
  id: string;
  labels: Record<string, string>;
  state: string;
  ip?: string;
  plan: string;
  price?: number;
}

const catalogPrice = { monthly: 4, hourly: 0.006, currency: 'EUR', source: 'catalog' } as const;
const hosts = createMachineHosts<Box>({
  provider: 'boxcloud',
  statuses: { running: 'active', off: 'stopped' },
  catalog: { plans: [{ id: 'cx', price: catalogPrice }] },
  readTags: (box) => readHostTags(box.labels),
  partsOf: (box) => ({
    id: box.id,
    fallbackName: `box-${box.id}`,
    nativeStatus: box.state,
    publicIpv4: box.ip,
    region: 'fsn',
    plan: box.plan,
    firewalled: false,
    ...(box.price === undefined
      ? {}
      : { price: { monthly: box.price, hourly: box.price / 730, currency: 'EUR', source: 'live' as const } }),
  }),
});
const labels = {
  [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
  [MANAGED_TAG_KEYS.name]: 'web',
  [MANAGED_TAG_KEYS.owner]: 'team',
  env: 'prod',
};

describe('createMachineHosts', () => {
  it('builds a host from the parts, the tags and the catalog price of its plan', () => {
    const host = hosts.toHost({ id: '7', labels, state: 'running', ip: '198.51.100.7', plan: 'cx' });
    expect(host).toEqual({
      id: '7',
      provider: 'boxcloud',
      name: 'web',
      owner: 'team',
      status: 'active',
      nativeStatus: 'running',
      ipv4: '198.51.100.7',
      region: 'fsn',
      plan: 'cx',
      tags: { env: 'prod' },
      price: catalogPrice,
      firewalled: false,
    });
  });

  it('prefers the price the machine carries, and has none for a plan the catalog lacks', () => {
    expect(hosts.toHost({ id: '1', labels, state: 'off', plan: 'cx', price: 9 }).price?.monthly).toBe(9);
    expect(hosts.toHost({ id: '1', labels, state: 'off', plan: 'big' })).not.toHaveProperty('price');
  });

  it('tells managed machines from others, and names an unmanaged one by its fallback', () => {
    const theirs = { id: '2', labels: { env: 'x' }, state: 'running', ip: '10.0.0.2', plan: 'cx' };
    expect(hosts.isManaged(theirs)).toBe(false);
    expect(hosts.isManaged({ ...theirs, labels })).toBe(true);
    // A private address is no public IPv4: the host is not active without one.
    expect(hosts.toHost(theirs)).toMatchObject({ name: 'box-2', owner: 'default', status: 'provisioning' });
  });

  it('takes the status from statusOf where no table can, an error still winning', () => {
    const seen: boolean[] = [];
    const composite = createMachineHosts<Box>({
      provider: 'boxcloud',
      statuses: {},
      statusOf: (box, hasPublicIpv4) => {
        seen.push(hasPublicIpv4);
        return box.state === 'running/ok' && hasPublicIpv4 ? 'active' : 'starting';
      },
      readTags: (box) => readHostTags(box.labels),
      partsOf: (box) => ({
        id: box.id,
        fallbackName: box.id,
        nativeStatus: box.state,
        publicIpv4: box.ip,
        region: 'fsn',
        plan: box.plan,
        firewalled: false,
        ...(box.state === 'suspended' ? { error: 'suspended' } : {}),
      }),
    });
    const box = { id: '3', labels, state: 'running/ok', ip: '198.51.100.3', plan: 'cx' };
    expect(composite.toHost(box).status).toBe('active');
    expect(composite.toHost({ ...box, ip: '10.0.0.3' }).status).toBe('starting');
    expect(seen).toEqual([true, false]);
    expect(composite.toHost({ ...box, state: 'suspended' })).toMatchObject({
      status: 'error',
      error: 'suspended',
    });
  });
});
