import { type Host, validateHostSpec, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { dropletWithTags } from './digitalocean-out-of-band.test-support.js';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { digitaloceanTags, dropletTagMap, FIREWALL_TAG_KEY, identityTag } from './digitalocean-tags.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// Concurrent provision() calls of one name converge on one droplet (DigitalOcean has no
// idempotency token), and an interrupted provision is reported truthfully and repaired.
const server = setupFakeServer();
let fake: DigitalOceanFake;
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };

beforeEach(() => {
  // Destroyed droplets vanish at once, so what remains is what the losers' cleanup left.
  fake = new DigitalOceanFake({ readsUntilActive: 2, destroyAfterReads: 0 });
  server.use(fake);
});

function cloud(settings: DigitalOceanSettings = {}) {
  return createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, ...fast, ...settings }, { env: {} });
}

const INBOUND = [{ from: 22 }, { from: 443 }];

function expectOneHost(hosts: readonly Host[], firewalled: boolean): void {
  const droplets = fake.droplets();
  expect(droplets).toHaveLength(1);
  const [droplet] = droplets;
  expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
  expect(hosts[0]?.id.split('/')[0]).toBe(droplet?.id);
  expect(hosts.every((host) => host.firewalled === firewalled)).toBe(true);
  if (firewalled) {
    expect(fake.firewalls()).toHaveLength(1);
    expect(hosts[0]?.id.split('/')[1]).toBe(fake.firewalls()[0]?.id);
    expect(fake.inboundRules(droplet?.id as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
  } else {
    expect(fake.firewalls()).toEqual([]);
  }
}

describe('DigitalOcean concurrent provision() of one name', () => {
  it.each([
    ['one provisioner', false],
    ['one provisioner, with ports', true],
    ['20 provisioners', false],
    ['20 provisioners, with ports', true],
  ])(
    'from %s: every caller gets the same host, and one droplet remains',
    { timeout: 60_000 },
    async (label, withPorts) => {
      const shared = cloud();
      const provisioners = Array.from({ length: 20 }, () => (label.startsWith('20') ? cloud() : shared));
      const spec = { name: 'web', ...(withPorts ? { inbound: INBOUND } : {}) };
      const results = await Promise.allSettled(
        provisioners.map((provisioner) => provisioner.provision(spec)),
      );
      // No caller fails (no "409 duplicate name" for the firewall while the host exists).
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      const hosts = results.map((result) => (result as PromiseFulfilledResult<Host>).value);
      expectOneHost(hosts, withPorts);
      // Later calls agree: status, list and another provision() see that one host.
      const again = await cloud().provision(spec);
      expect(again.id).toBe(hosts[0]?.id);
      expect((await cloud().status(again.id)).firewalled).toBe(withPorts);
      expect((await cloud().list?.())?.map((host) => host.id)).toEqual([again.id]);
      expect(
        fake
          .leftovers()
          .map((item) => item.kind)
          .sort(),
      ).toEqual(withPorts ? ['droplet', 'firewall'] : ['droplet']);
    },
  );

  it('list() and a later provision() pick the same winner when a racer left its droplet behind', {
    timeout: 60_000,
  }, async () => {
    const slow = new DigitalOceanFake({ readsUntilActive: 2, destroyAfterReads: 5 });
    server.use(slow);
    fake = slow;
    const hosts = await Promise.all(Array.from({ length: 5 }, () => cloud().provision({ name: 'web' })));
    expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
    // The losers' droplets are still being destroyed, yet list() shows one host: the winner.
    expect(fake.droplets().length).toBeGreaterThan(1);
    expect((await cloud().list?.())?.map((host) => host.id)).toEqual([hosts[0]?.id]);
    expect((await cloud().provision({ name: 'web' })).id).toBe(hosts[0]?.id);
  });

  it('a later provision() destroys the duplicate a racer left behind, and returns the winner', async () => {
    // The losing racer's DELETE is refused, as if it had stopped before destroying its droplet.
    fake.injectFault({ kind: 'refused', operation: 'droplets_destroy' });
    const hosts = await Promise.all([cloud().provision({ name: 'web' }), cloud().provision({ name: 'web' })]);
    expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
    expect(fake.droplets()).toHaveLength(2);
    const mark = fake.mark();
    expect((await cloud().provision({ name: 'web' })).id).toBe(hosts[0]?.id);
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['droplets_list', 'droplets_destroy']);
    expect(fake.droplets().map((droplet) => droplet.id)).toEqual([hosts[0]?.id]);
  });

  it('gives the host to callers whose create the droplet limit refused while racers created it', {
    timeout: 60_000,
  }, async () => {
    const limited = new DigitalOceanFake({ readsUntilActive: 2, destroyAfterReads: 0, dropletLimit: 5 });
    server.use(limited);
    fake = limited;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => cloud().provision({ name: 'web', inbound: INBOUND })),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    // Some creates were refused (422 droplet limit): the race really hit the limit.
    expect(
      fake.requests.filter((entry) => entry.operation === 'droplets_create' && entry.status === 422).length,
    ).toBeGreaterThan(0);
    expectOneHost(
      results.map((result) => (result as PromiseFulfilledResult<Host>).value),
      true,
    );
  });

  it('costs 3 requests on the clean path, 5 with ports: the lookup after the create is the price of convergence', async () => {
    const provisioner = cloud();
    const mark = fake.mark();
    await provisioner.provision({ name: 'plain' });
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'droplets_list',
      'droplets_create',
      'droplets_list',
    ]);
    const guardedMark = fake.mark();
    await provisioner.provision({ name: 'guarded', inbound: INBOUND });
    expect(fake.since(guardedMark).map((entry) => entry.operation)).toEqual([
      'droplets_list',
      'tags_create',
      'firewalls_create',
      'droplets_create',
      'droplets_list',
    ]);
  });

  it('racers share one firewall, made before any droplet: every droplet of the identity is guarded', {
    timeout: 30_000,
  }, async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => cloud().provision({ name: 'web', inbound: INBOUND })),
    );
    expect(new Set(results.map((host) => host.id)).size).toBe(1);
    expect(fake.firewalls()).toHaveLength(1);
    for (const droplet of fake.droplets())
      expect(fake.inboundRules(droplet.id)).toEqual([
        { from: 22, to: 22, protocol: 'tcp' },
        { from: 443, to: 443, protocol: 'tcp' },
      ]);
    expect(results[0]?.id.split('/')[1]).toBe(fake.firewalls()[0]?.id);
  });
});

describe('DigitalOcean provision() interrupted', () => {
  // Aborts once the cloud has logged a request of `operation`.
  function interruptedAfter(operation: string, controller: AbortController): typeof fetch {
    return async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (fake.count(operation) > 0) controller.abort(new Error('interrupted'));
      return response;
    };
  }

  it('between the firewall and the droplet: no droplet, and the repeat adopts the firewall', async () => {
    const controller = new AbortController();
    const spec = { name: 'web', inbound: INBOUND };
    const error = await cloud({ fetch: interruptedAfter('firewalls_create', controller) })
      .provision(spec, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(fake.count('droplets_create')).toBe(0);
    const [made] = fake.firewalls();
    expect(made).toBeDefined();

    const mark = fake.mark();
    const repeated = await cloud().provision(spec);
    expect(fake.since(mark).map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
      'droplets_list 200',
      'tags_create 201',
      'firewalls_create 409',
      'firewalls_list 200',
      'droplets_create 202',
      'droplets_list 200',
    ]);
    expect(fake.firewalls().map((firewall) => firewall.id)).toEqual([made?.id]);
    expect(repeated).toMatchObject({ id: `${fake.droplets()[0]?.id}/${made?.id}`, firewalled: true });
  });

  it('after the droplet’s create: the droplet is guarded already, and list() and the repeat say so', async () => {
    const controller = new AbortController();
    const spec = { name: 'web', inbound: INBOUND };
    const error = await cloud({ fetch: interruptedAfter('droplets_create', controller) })
      .provision(spec, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const [droplet] = fake.droplets();
    expect(fake.inboundRules(droplet?.id as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);

    const provisioner = cloud();
    const id = `${droplet?.id}/${fake.firewalls()[0]?.id}`;
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed).toMatchObject({ id, firewalled: true });
    const mark = fake.mark();
    const repeated = await provisioner.provision(spec);
    expect(repeated).toMatchObject({ id, firewalled: true });
    expect(repeated.specMismatch).toBeUndefined();
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['droplets_list', 'firewalls_list']);
    const active = await waitForHost(provisioner, repeated.id, { interval: 1, maxInterval: 1 });
    expect(active.firewalled).toBe(true);
  });

  it('the firewall of a droplet an earlier version made is made again targeting its identity tag, the tag it carries', async () => {
    const spec = validateHostSpec(digitaloceanPlugin, { name: 'web', inbound: INBOUND });
    // An earlier version's droplet: `provision-firewall:yes`, its firewall gone.
    const tags = digitaloceanTags.encode({ ...dropletTagMap(spec), [FIREWALL_TAG_KEY]: 'yes' });
    const dropletId = await dropletWithTags(tags);
    expect(fake.inboundRules(dropletId)).toBeUndefined();
    const repaired = await cloud().provision({ name: 'web', inbound: INBOUND });
    expect(repaired).toMatchObject({ firewalled: true });
    expect(fake.firewalls()[0]?.tags).toEqual([identityTag('default', 'web')]);
    expect(fake.inboundRules(dropletId)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
  });

  it('a firewall deleted by hand is made again by the repeat, targeting the droplet’s firewall tag', async () => {
    const provisioner = cloud();
    const spec = { name: 'web', inbound: INBOUND };
    const first = await provisioner.provision(spec);
    const [dropletId, firewallId] = first.id.split('/');
    await fetch(`https://api.digitalocean.com/v2/firewalls/${firewallId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` },
    });
    expect(fake.inboundRules(dropletId as string)).toBeUndefined();
    const repaired = await provisioner.provision(spec);
    expect(repaired.firewalled).toBe(true);
    expect(repaired.id).toBe(`${dropletId}/${fake.firewalls()[0]?.id}`);
    expect(fake.inboundRules(dropletId as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
  });
});
