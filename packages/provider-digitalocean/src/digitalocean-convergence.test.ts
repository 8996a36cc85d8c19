import { type Host, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
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

  it('costs 3 requests on the clean path, 4 with ports: the lookup after the create is the price of convergence', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'plain' });
    const mark = fake.mark();
    await provisioner.provision({ name: 'guarded', inbound: INBOUND });
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'droplets_list',
      'droplets_create',
      'droplets_list',
      'firewalls_create',
    ]);
  });
});

describe('DigitalOcean provision() interrupted between the droplet and its firewall', () => {
  it('leaves a host reported without a firewall, and the repeat creates the firewall', async () => {
    const controller = new AbortController();
    // Aborts once the cloud has logged the droplet's create request, before the firewall's.
    const interrupting: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (fake.count('droplets_create') > 0) controller.abort(new Error('interrupted'));
      return response;
    };
    const spec = { name: 'web', inbound: INBOUND };
    const error = await cloud({ fetch: interrupting })
      .provision(spec, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(fake.count('firewalls_create')).toBe(0);
    const [droplet] = fake.droplets();
    expect(fake.inboundRules(droplet?.id as string)).toBeUndefined();

    // Truthful: nothing calls it firewalled while no firewall exists.
    const provisioner = cloud();
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed).toMatchObject({ id: droplet?.id, firewalled: false });
    expect((await provisioner.status(listed?.id as string)).firewalled).toBe(false);

    // The same provision() repairs it.
    const repaired = await provisioner.provision(spec);
    expect(repaired).toMatchObject({ firewalled: true });
    expect(repaired.id).toBe(`${droplet?.id}/${fake.firewalls()[0]?.id}`);
    expect(fake.inboundRules(droplet?.id as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
    const [relisted] = (await provisioner.list?.()) ?? [];
    expect(relisted).toMatchObject({ id: repaired.id, firewalled: true });
    const active = await waitForHost(provisioner, repaired.id, { interval: 1, maxInterval: 1 });
    expect(active.firewalled).toBe(true);
  });
});
