import { describe, expect, it } from 'vitest';
import { ExampleCloudFake } from '../example/example-cloud-fake.js';
import { createExample } from '../example/example-plugin.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import { cycleHost, deleteUntilDone } from './host-steps.js';

// The example plugin against its fake: what the steps send, read from the fake's request log.
const fakeServer = setupFakeServer();

function setup() {
  const fake = new ExampleCloudFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
  const provisioner = createExample({ token: fake.token, endpoint: fake.baseUrl }, { env: {} });
  return { fake, provisioner };
}

describe('cycleHost', () => {
  it('provisions, waits, provisions again, lists, stops, waits, starts and reboots one host', async () => {
    const { fake, provisioner } = setup();
    const { host, listed } = await cycleHost(provisioner, { name: 'web-1' }, { waitAfterStart: true });
    expect(listed?.map((item) => item.id)).toEqual([host.id]);
    // The repeat found the host: one server, one create.
    expect(fake.servers.size).toBe(1);
    expect(fake.count('servers.create')).toBe(1);
    const operations = fake.requests.map((entry) => entry.operation);
    expect(operations.filter((operation) => operation === 'servers.action')).toHaveLength(3);
    expect(operations.indexOf('servers.list')).toBeLessThan(operations.indexOf('servers.action'));
  });
});

describe('deleteUntilDone', () => {
  it('calls delete() until done and says how many calls it took', async () => {
    const { fake, provisioner } = setup();
    const host = await provisioner.provision({ name: 'web-1' });
    const calls = await deleteUntilDone(provisioner, { id: host.id });
    expect(calls).toBeGreaterThan(1);
    expect(fake.leftovers()).toEqual([]);
  });

  it('throws when delete() is not done within maxCalls', async () => {
    const { provisioner } = setup();
    const host = await provisioner.provision({ name: 'web-1' });
    await expect(deleteUntilDone(provisioner, { id: host.id }, { maxCalls: 1 })).rejects.toThrow(
      /was not done after 1 calls/,
    );
  });
});
