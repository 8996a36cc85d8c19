import { InvalidRequestError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
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
