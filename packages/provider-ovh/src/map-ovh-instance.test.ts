import { describe, expect, it } from 'vitest';
import { ERROR_REASON, instanceToHost } from './map-ovh-instance.js';
import type { Instance } from './ovh-api.js';
import { identityWord } from './ovh-names.js';

const project = '0123456789abcdef0123456789abcdef';

function instance(overrides: Partial<Instance> = {}): Instance {
  return {
    id: '01234567-89ab-4cde-8f01-23456789abcd',
    name: `${identityWord('team', 'web')} env=prod`,
    region: 'GRA11',
    status: 'ACTIVE',
    created: '2026-12-02T10:00:00Z',
    planCode: 'd2-2.consumption',
    ipAddresses: [
      { ip: '10.0.0.5', type: 'private', version: 4 },
      { ip: '198.51.100.7', type: 'public', version: 4 },
      { ip: '2001:db8::7', type: 'public', version: 6 },
    ],
    ...overrides,
  };
}

describe('an OVHcloud instance as a host', () => {
  it('reads name, owner and tags from the name, addresses, plan and date', () => {
    const host = instanceToHost(project, instance());
    expect(host).toMatchObject({
      id: `${project}/01234567-89ab-4cde-8f01-23456789abcd`,
      provider: 'ovh',
      name: 'web',
      owner: 'team',
      status: 'active',
      nativeStatus: 'ACTIVE',
      ipv4: '198.51.100.7',
      ipv6: '2001:db8::7',
      region: 'GRA11',
      plan: 'd2-2',
      tags: { env: 'prod' },
      createdAt: new Date('2026-12-02T10:00:00Z'),
      price: expect.objectContaining({ hourly: 0.0099, currency: 'EUR' }),
      firewalled: false,
    });
    expect(host.error).toBeUndefined();
  });

  it('is provisioning while ACTIVE without a public IPv4, and error with the reason in ERROR', () => {
    expect(instanceToHost(project, instance({ ipAddresses: [] })).status).toBe('provisioning');
    expect(instanceToHost(project, instance({ status: 'SHUTOFF' })).status).toBe('stopped');
    expect(instanceToHost(project, instance({ status: 'SOMETHING_NEW' })).status).toBe('provisioning');
    const failed = instanceToHost(project, instance({ status: 'ERROR' }));
    expect(failed).toMatchObject({ status: 'error', nativeStatus: 'ERROR', error: ERROR_REASON });
  });

  it('leaves out a creation date Date cannot read, and names a hand-made instance by its name', () => {
    expect(instanceToHost(project, instance({ created: 'yesterday' }))).not.toHaveProperty('createdAt');
    const foreign = instanceToHost(project, instance({ name: 'hand  made' }));
    expect(foreign).toMatchObject({ name: 'hand  made', owner: 'default', tags: {} });
  });
});
