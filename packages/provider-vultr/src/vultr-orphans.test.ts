import { silentLogger } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createVultr } from './create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './testing/index.js';

// A provision makes the host's firewall group before its instance: for a request or two the
// group holds nothing. A `gc` in another process in that moment must leave it alone.
const server = setupFakeServer();
let fake: VultrFake;

beforeEach(() => {
  fake = new VultrFake({ readsUntilActive: 1 });
  server.use(fake);
});

const cloud = () =>
  createVultr({ apiKey: VULTR_FAKE_API_KEY, retry: { maxRetries: 0 } }, { env: {}, logger: silentLogger });

/** A managed firewall group whose instance is gone, made by provision() just now. */
async function groupWithoutInstance() {
  const provisioner = cloud();
  const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
  const response = await fetch(`${fake.baseUrl}/v2/instances/${host.id.split('/')[0]}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}` },
  });
  expect(response.status).toBe(204);
  expect(fake.instances()).toEqual([]);
  const [group] = fake.groups();
  return { provisioner, groupId: String(group?.id) };
}

describe('Vultr orphans() and the age of a firewall group', () => {
  it('does not list a group made moments ago, and lists it once made ORPHAN_MIN_AGE_MS ago', async () => {
    const { provisioner, groupId } = await groupWithoutInstance();
    expect(await provisioner.orphans?.()).toEqual([]);
    expect(fake.groups().map((group) => group.id)).toEqual([groupId]);

    fake.ageGroups(ORPHAN_MIN_AGE_MS);
    const orphans = (await provisioner.orphans?.()) ?? [];
    expect(orphans.map((orphan) => [orphan.kind, orphan.id])).toEqual([['firewall-group', groupId]]);
    expect(await provisioner.deleteOrphan?.(orphans[0] as (typeof orphans)[number])).toMatchObject({
      done: true,
    });
    expect(fake.groups()).toEqual([]);
  });
});
