import { CapacityError, getPlugin, hostIdentity, MANAGED_TAG_KEYS, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { describe, expect, it } from 'vitest';
import { acmePlugin, createAcme } from './index.js';
import { ACME_FAKE_API_KEY, AcmeFake, emulated } from './testing/index.js';

const server = setupFakeServer();

function acmeOn(fake: AcmeFake) {
  server.use(fake);
  return createAcme({ apiKey: fake.apiKey, endpoint: fake.baseUrl, retry: { maxRetries: 0 } });
}

describe('provision-provider-example', () => {
  it('registers the acme plugin when the entry is imported', () => {
    expect(getPlugin('acme')).toBe(acmePlugin);
  });

  it('creates a machine with the catalog defaults and the managed labels', async () => {
    const fake = new AcmeFake();
    const host = await acmeOn(fake).provision({
      name: 'web-1',
      tags: { role: 'web' },
      userData: '#!/bin/sh\n',
    });
    expect(host).toMatchObject({
      id: 'm-1001',
      status: 'provisioning',
      nativeStatus: 'booting',
      tags: { role: 'web' },
    });
    expect(fake.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      `GET /v1/machines?label=provision-host%3D${hostIdentity('default', 'web-1')}&page=1&per_page=100 200`,
      'POST /v1/machines 201',
      // The look after creating: racing callers of one name keep the oldest machine.
      `GET /v1/machines?label=provision-host%3D${hostIdentity('default', 'web-1')}&page=1&per_page=100 200`,
    ]);
    const body = JSON.parse(fake.requests[1]?.body ?? '{}');
    expect(body).toMatchObject({
      region: 'fra1',
      plan: 'a1-nano',
      image: 'ubuntu-2404',
      user_data: '#!/bin/sh\n',
    });
    expect(body.labels).toMatchObject({
      role: 'web',
      [MANAGED_TAG_KEYS.identity]: hostIdentity('default', 'web-1'),
    });
  });

  it('maps a sold-out plan (409 capacity) to CapacityError', async () => {
    const fake = new AcmeFake();
    fake.setSoldOut({ plan: 'a1-small' });
    const error = await acmeOn(fake)
      .provision({ name: 'big', plan: 'a1-small' })
      .catch((caught: unknown) => caught);
    expect(CapacityError.isInstance(error)).toBe(true);
    expect(fake.since(0).at(-1)?.status).toBe(409);
    expect(fake.leftovers()).toEqual([]);
  });

  it('lists every page of managed machines', async () => {
    const fake = new AcmeFake();
    const provisioner = acmeOn(fake);
    for (let index = 0; index < 150; index += 1) {
      fake.machines.set({
        id: `m-${5000 + index}`,
        name: `host-${index}`,
        region: 'nyc1',
        plan: 'a1-nano',
        image: 'ubuntu-2404',
        user_data: null,
        labels: {
          'provision-managed-by': 'provision',
          'provision-name': `host-${index}`,
          'provision-owner': 'ci',
        },
        state: 'running',
        ipv4: '203.0.113.200',
        failure_reason: null,
        created_at: '2026-11-22T00:00:00Z',
      });
    }
    const hosts = (await provisioner.list?.({ owner: 'ci' })) ?? [];
    expect(hosts).toHaveLength(150);
    expect(new Set(hosts.map((host) => host.id)).size).toBe(150);
    expect(fake.count('machines.list')).toBe(2);
  });

  it('reaches the emulated fake through the environment alone', async () => {
    const baseUrl = 'https://emulator.test/acme';
    const fake = emulated.create({ baseUrl });
    server.use(fake);
    const env = emulated.env(baseUrl);
    expect(env).toEqual({ ACME_ENDPOINT: baseUrl, ACME_API_KEY: ACME_FAKE_API_KEY });
    const provisioner = createAcme({}, { env });
    const created = await provisioner.provision({ name: 'emulated' });
    const active = await waitForHost(provisioner, created.id, {
      until: 'active',
      interval: 1,
      timeout: 5_000,
    });
    expect(active.ipv4).toMatch(/^203\.0\.113\./);
    expect(await provisioner.delete({ id: created.id })).toEqual({ done: true, id: created.id });
    expect(fake.leftovers()).toEqual([]);
  });
});
