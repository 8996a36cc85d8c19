import { MANAGED_TAG_KEYS, ProvisionError, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import type { RequestLogEntry } from '@provision/testkit/fake-cloud';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { MANAGED_TAG } from './digitalocean-tags.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// A droplet rolled back after its firewall was refused stays listed while DigitalOcean destroys
// it: the retry must not adopt it, and the clean path must not pay for the rollback.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  // Three more reads before a destroyed droplet is gone: it is still listed during the retry.
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 3 });
  server.use(fake);
});

function cloud() {
  return createDigitalOcean(
    { token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } },
    { env: {} },
  );
}

const SPEC = { name: 'web', inbound: [{ from: 22 }] };

function operations(requests: readonly RequestLogEntry[]): string[] {
  return requests.map((request) => `${request.operation} ${request.status}`);
}

function createdTags(requests: readonly RequestLogEntry[]): string[] {
  const create = requests.find((request) => request.operation === 'droplets_create');
  return (JSON.parse(create?.body ?? '{}') as { tags: string[] }).tags;
}

describe('DigitalOcean provision() with a refused firewall', () => {
  it('takes the identity tag off the droplet, then destroys it', async () => {
    const provisioner = cloud();
    fake.injectFault({ kind: 'refused', operation: 'firewalls_create' });
    const mark = fake.mark();
    const error = await provisioner.provision(SPEC).catch((thrown: unknown) => thrown);
    expect(ProvisionError.isInstance(error)).toBe(true);

    const requests = fake.since(mark);
    expect(operations(requests)).toEqual([
      'droplets_list 200',
      'droplets_create 202',
      'droplets_list 200',
      'firewalls_create 403',
      'tags_unassign_resources 204',
      'droplets_destroy 204',
    ]);
    const [rolledBack] = fake.droplets();
    const identity = createdTags(requests).find((tag) => tag.startsWith(`${MANAGED_TAG_KEYS.identity}:`));
    expect(identity).toBeDefined();
    const untag = requests[4] as RequestLogEntry;
    expect(untag.method).toBe('DELETE');
    expect(decodeURIComponent(untag.path)).toBe(`/v2/tags/${identity}/resources`);
    expect(JSON.parse(untag.body ?? '{}')).toEqual({
      resources: [{ resource_id: rolledBack?.id, resource_type: 'droplet' }],
    });
    expect(requests[5]?.path).toBe(`/v2/droplets/${rolledBack?.id}`);
    // Still there while it is destroyed, out of the identity lookup but found by the managed tag.
    expect(rolledBack?.destroying).toBe(true);
    expect(rolledBack?.tags).not.toContain(identity);
    expect(rolledBack?.tags).toContain(MANAGED_TAG);
  });

  it('the retry after the rollback makes a new host and never adopts the droplet being destroyed', async () => {
    const provisioner = cloud();
    fake.injectFault({ kind: 'refused', operation: 'firewalls_create' });
    await expect(provisioner.provision(SPEC)).rejects.toSatisfy(ProvisionError.isInstance);
    const [rolledBack] = fake.droplets();
    expect(rolledBack?.destroying).toBe(true);

    const retried = await provisioner.provision(SPEC);
    const [dropletId] = retried.id.split('/');
    expect(dropletId).not.toBe(rolledBack?.id);
    const host = await waitForHost(provisioner, retried.id, { until: 'active', interval: 0, timeout: 5_000 });
    expect(host.firewalled).toBe(true);
    expect(fake.inboundRules(dropletId as string)).toEqual([{ protocol: 'tcp', from: 22, to: 22 }]);
    // The third read since its DELETE: the rolled-back droplet is gone, the new host remains.
    expect((await provisioner.list?.())?.map((listed) => listed.id)).toEqual([retried.id]);
    expect(fake.droplets().map((droplet) => droplet.id)).toEqual([dropletId]);
  });

  it('still destroys the droplet when the untag is refused too', async () => {
    fake.injectFault({ kind: 'refused', operation: 'firewalls_create' });
    fake.injectFault({ kind: 'refused', operation: 'tags_unassign_resources' });
    const mark = fake.mark();
    await expect(cloud().provision(SPEC)).rejects.toSatisfy(ProvisionError.isInstance);
    expect(operations(fake.since(mark)).slice(-2)).toEqual([
      'tags_unassign_resources 403',
      'droplets_destroy 204',
    ]);
    expect(fake.droplets()[0]?.destroying).toBe(true);
  });

  it('a rollback whose DELETE is refused leaves a droplet that list() and delete() find', async () => {
    const provisioner = cloud();
    fake.injectFault({ kind: 'refused', operation: 'firewalls_create' });
    fake.injectFault({ kind: 'refused', operation: 'droplets_destroy' });
    await expect(provisioner.provision(SPEC)).rejects.toSatisfy(ProvisionError.isInstance);
    const [left] = fake.droplets();
    expect(left?.destroying).toBe(false);
    const listed = (await provisioner.list?.()) ?? [];
    expect(listed.map((host) => host.id)).toEqual([left?.id]);
    let done = false;
    for (let call = 0; call < 10 && !done; call += 1)
      done = (await provisioner.delete({ id: left?.id as string })).done;
    expect(done).toBe(true);
    expect(fake.leftovers()).toEqual([]);
  });

  it('costs nothing more on the clean path: four requests, no untag', async () => {
    const mark = fake.mark();
    const host = await cloud().provision(SPEC);
    expect(host.firewalled).toBe(true);
    expect(operations(fake.since(mark))).toEqual([
      'droplets_list 200',
      'droplets_create 202',
      'droplets_list 200',
      'firewalls_create 202',
    ]);
  });
});
