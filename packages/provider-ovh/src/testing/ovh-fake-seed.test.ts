import { silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOvh } from '../create-ovh.js';
import { OVH_FAKE_CREDENTIALS, OVH_FAKE_PROJECT, OvhFake, seedHosts } from './index.js';

const fakeServer = setupFakeServer();
let fake: OvhFake;

beforeEach(() => {
  fake = new OvhFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = () =>
  createOvh(
    { ...OVH_FAKE_CREDENTIALS, project: OVH_FAKE_PROJECT, endpoint: 'https://eu.api.ovh.com/1.0' },
    { logger: silentLogger },
  );

describe('seedHosts', () => {
  it('stores hosts the plugin lists as its own, like the one provision() made, without a request', async () => {
    const provisioner = cloud();
    const made = await provisioner.provision({ name: 'first', owner: 'bench', tags: { team: 'red' } });
    await provisioner.status(made.id);
    const before = fake.mark();
    seedHosts(fake, [
      { name: 'second', owner: 'bench' },
      { name: 'third', owner: 'other' },
    ]);
    expect(fake.since(before)).toEqual([]);

    const list = provisioner.list;
    if (list === undefined) throw new Error('the OVHcloud provisioner has no list()');
    const listed = await list.call(provisioner);
    expect(listed.map((host) => [host.name, host.owner, host.tags.team]).sort()).toEqual([
      ['first', 'bench', 'red'],
      ['second', 'bench', 'red'],
      ['third', 'other', 'red'],
    ]);
    const ids = new Set(listed.map((host) => host.id));
    expect(ids.size).toBe(3);
    const [original, ...copies] = fake.instances();
    for (const copy of copies) {
      expect(copy).toMatchObject({
        region: original?.region,
        flavorId: original?.flavorId,
        status: 'ACTIVE',
      });
    }
    // A copy is a host of its own: provision() of its name finds it instead of creating one.
    const again = await provisioner.provision({ name: 'second', owner: 'bench' });
    expect(again.id).toBe(listed.find((host) => host.name === 'second')?.id);
    expect(fake.instances()).toHaveLength(3);
  });

  it('refuses a fake with no managed instance to copy', () => {
    expect(() => seedHosts(fake, [{ name: 'lonely', owner: 'bench' }])).toThrow(/no managed instance/);
  });
});
