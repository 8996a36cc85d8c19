import { HostNotFoundError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

const server = setupFakeServer();
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };

function setUp() {
  const fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 1, dropletLimit: 500 });
  server.use(fake);
  return { fake, provisioner: createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, ...fast }, { env: {} }) };
}

/** Calls status() until it stops answering `provisioning`; returns the last answer and what it sent. */
async function settle(
  { fake, provisioner }: ReturnType<typeof setUp>,
  id: string,
): Promise<{ outcome: unknown; operations: string[] }> {
  for (let read = 0; read < 10; read++) {
    const mark = fake.mark();
    const outcome = await provisioner.status(id).catch((error: unknown) => error);
    const operations = fake.since(mark).map((entry) => entry.operation);
    if ((outcome as { status?: string }).status !== 'provisioning') return { outcome, operations };
  }
  throw new Error('the host never settled');
}

describe('DigitalOcean failed creations', () => {
  it('reports error from the errored create action, reading /v2/actions only once the droplet is gone', async () => {
    const cloud = setUp();
    cloud.fake.failNextDropletCreation('no capacity on the hypervisor');
    const host = await cloud.provisioner.provision({ name: 'doomed', region: 'nyc3' });
    const { outcome, operations } = await settle(cloud, host.id);
    expect(outcome).toMatchObject({
      id: host.id,
      status: 'error',
      nativeStatus: 'errored',
      region: 'nyc3',
      error: expect.stringContaining('create action errored'),
    });
    expect(operations).toEqual(['droplets_get', 'actions_list']);
  });

  it('finds the create action behind 200 newer ones, reading one page more', {
    timeout: 60_000,
  }, async () => {
    const cloud = setUp();
    cloud.fake.failNextDropletCreation('no capacity on the hypervisor');
    const host = await cloud.provisioner.provision({ name: 'doomed' });
    await Promise.all(
      Array.from({ length: 200 }, (_, index) => cloud.provisioner.provision({ name: `later-${index}` })),
    );
    const { outcome, operations } = await settle(cloud, host.id);
    expect(outcome).toMatchObject({ status: 'error', nativeStatus: 'errored' });
    expect(operations).toEqual(['droplets_get', 'actions_list', 'actions_list']);
  });

  it('says a deleted host is not found after one page, at its completed create action', async () => {
    const cloud = setUp();
    await cloud.provisioner.provision({ name: 'older' });
    const host = await cloud.provisioner.provision({ name: 'web' });
    for (let call = 0; call < 5 && !(await cloud.provisioner.delete({ id: host.id })).done; call++);
    const { outcome, operations } = await settle(cloud, host.id);
    expect(HostNotFoundError.isInstance(outcome)).toBe(true);
    expect(operations).toEqual(['droplets_get', 'actions_list']);
  });
});
