import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLinode } from './create-linode.js';
import { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake } from './testing/index.js';

// A provision makes the host's Cloud Firewall before its Linode: for a request or two the
// firewall guards nothing. A `gc` in another process in that moment must leave it alone.
const server = setupFakeServer();
let fake: LinodeFake;

beforeEach(() => {
  fake = new LinodeFake({ readsUntilActive: 1, destroyAfterReads: 0 });
  server.use(fake);
});

const cloud = () =>
  createLinode({ endpoint: LINODE_API_URL, token: LINODE_FAKE_TOKEN, retry: { maxRetries: 0 } }, { env: {} });

/** A managed firewall whose Linode is gone, made by provision() just now. */
async function firewallWithoutLinode() {
  const provisioner = cloud();
  const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
  const response = await fetch(`${LINODE_API_URL}/v4/linode/instances/${host.id.split('/')[0]}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(fake.linodes()).toEqual([]);
  const [firewall] = fake.firewalls();
  return { provisioner, firewallId: String(firewall?.id) };
}

describe('Linode orphans() and the age of a firewall', () => {
  it('does not list a firewall made moments ago, and lists it once made ORPHAN_MIN_AGE_MS ago', async () => {
    const { provisioner, firewallId } = await firewallWithoutLinode();
    const mark = fake.mark();
    expect(await provisioner.orphans?.()).toEqual([]);
    // Every firewall was young: the Linodes were not asked for.
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['get-firewalls']);

    fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    const orphans = (await provisioner.orphans?.()) ?? [];
    expect(orphans.map((orphan) => [orphan.kind, orphan.id])).toEqual([['firewall', firewallId]]);
    expect(await provisioner.deleteOrphan?.(orphans[0] as (typeof orphans)[number])).toMatchObject({
      done: true,
    });
    expect(fake.firewalls()).toEqual([]);
  });
});
