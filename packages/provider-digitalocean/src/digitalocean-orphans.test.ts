import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// A provision makes the host's firewall before its droplet: for a request or two the firewall
// guards nothing. A `gc` in another process in that moment must leave it alone.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 0 });
  server.use(fake);
});

const cloud = () =>
  createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 0 } }, { env: {} });

/** A firewall that targets its identity tag but no droplet, made by provision() just now. */
async function firewallWithoutDroplet() {
  const provisioner = cloud();
  const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
  const [dropletId, firewallId] = host.id.split('/');
  const response = await fetch(`https://api.digitalocean.com/v2/droplets/${dropletId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` },
  });
  expect(response.status).toBe(204);
  expect(fake.droplets()).toEqual([]);
  return { provisioner, firewallId: firewallId as string };
}

describe('DigitalOcean orphans() and the age of a firewall', () => {
  it('does not list a firewall made moments ago, and lists it once made ORPHAN_MIN_AGE_MS ago', async () => {
    const { provisioner, firewallId } = await firewallWithoutDroplet();
    const mark = fake.mark();
    expect(await provisioner.orphans?.()).toEqual([]);
    // Every firewall was young: no droplets were asked for.
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['firewalls_list']);
    expect(fake.firewalls().map((firewall) => firewall.id)).toEqual([firewallId]);

    fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    const orphans = (await provisioner.orphans?.()) ?? [];
    expect(orphans.map((orphan) => [orphan.kind, orphan.id])).toEqual([['firewall', firewallId]]);
    expect(await provisioner.deleteOrphan?.(orphans[0] as (typeof orphans)[number])).toMatchObject({
      done: true,
    });
    expect(fake.firewalls()).toEqual([]);
  });
});
