import { InvalidRequestError, ProvisionError } from '@provision/core';
import { isStillBeingDeleted } from '@provision/provider-utils';
import { deleteUntilDone, setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLinode } from './create-linode.js';
import { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake } from './testing/index.js';

// What another caller does to the account while a provision is under way.
const fakeServer = setupFakeServer();
let fake: LinodeFake;

beforeEach(() => {
  fake = new LinodeFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = () =>
  createLinode({ endpoint: LINODE_API_URL, retry: { maxRetries: 0 }, token: LINODE_FAKE_TOKEN });

/** Makes a Linode through the API, as someone in Cloud Manager would: `label`, no tags. */
async function consoleLinode(label: string): Promise<Response> {
  return (await fake.handle(
    new Request(`${LINODE_API_URL}/v4/linode/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label, region: 'us-ord', type: 'g6-nanode-1' }),
    }),
  )) as Response;
}

/** Whether `request` is the create of a Linode. */
const isCreate = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname === '/v4/linode/instances';

const path = (entry: { method: string; path: string }) => `${entry.method} ${entry.path.split('?')[0]}`;

describe('provision() while someone else takes the label', () => {
  it('a Linode not made by provision takes the label after the lookup: a typed refusal, and the firewall this call made goes', async () => {
    const held = fakeServer.hold(fake, isCreate);
    const call = cloud()
      .provision({ name: 'web', inbound: [{ from: 22 }] })
      .then(
        () => expect.unreachable('provision adopted a Linode it did not make'),
        (failure: unknown) => failure,
      );
    await held.arrived;
    const [made] = fake.firewalls();
    await consoleLinode('web.default');
    held.release();
    const error = await call;
    expect(InvalidRequestError.isInstance(error) && error.field).toBe('name');
    expect((error as Error).message).toMatch(/labelled "web\.default" exists that provision did not create/);
    expect(fake.requests.map(path)).toEqual([
      'GET /v4/linode/instances',
      'POST /v4/networking/firewalls',
      'POST /v4/linode/instances',
      'POST /v4/linode/instances',
      'GET /v4/linode/instances',
      `DELETE /v4/networking/firewalls/${made?.id}`,
    ]);
    // The other Linode is left exactly as it is; nothing of this call's is left.
    expect(fake.linodes().map((linode) => [linode.label, linode.tags])).toEqual([['web.default', []]]);
    expect(fake.firewalls()).toEqual([]);
  });
});

describe('a Linode of the host that Linode is still deleting', () => {
  beforeEach(() => {
    // Linode answers `deleting` for a while after the DELETE, and the Linode keeps its label.
    fake = new LinodeFake({ readsUntilActive: 1, destroyAfterReads: 10 });
    fakeServer.use(fake);
  });

  it('is never adopted: provision() says try again, sends nothing more, and status() and list() say deleting', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: false });
    const mark = fake.mark();
    const error = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] }).then(
      () => expect.unreachable('provision() adopted a Linode being deleted'),
      (failure: unknown) => failure,
    );
    expect(isStillBeingDeleted(error)).toBe(true);
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
    expect((error as Error).message).toBe(
      `The linode ${fake.linodes()[0]?.id} that holds the name of the host (default, web) is still being deleted; the cloud refuses another of that name until it is gone. Try again then.`,
    );
    // One lookup: no firewall, no create.
    expect(fake.since(mark).map(path)).toEqual(['GET /v4/linode/instances']);
    expect(await provisioner.status(host.id)).toMatchObject({ status: 'deleting' });
    expect(((await provisioner.list?.()) ?? []).map((listed) => [listed.id, listed.status])).toEqual([
      [host.id, 'deleting'],
    ]);
  });

  it('once it is gone, the same call makes the host again', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web' });
    await deleteUntilDone(provisioner, { id: host.id }, { maxCalls: 20 });
    const again = await provisioner.provision({ name: 'web' });
    expect(again.id).not.toBe(host.id);
    expect(fake.linodes().map((linode) => linode.status)).toEqual(['provisioning']);
  });
});
