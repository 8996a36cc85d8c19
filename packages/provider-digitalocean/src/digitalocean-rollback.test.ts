import { ProvisionError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import type { RequestLogEntry } from '@provision/testkit/fake-cloud';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// The firewall is made before the droplet: a refusal of either leaves no host open and nothing
// behind that this call made.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ readsUntilActive: 1 });
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

describe('DigitalOcean provision() with a refusal', () => {
  it('a refused firewall sends no create: no droplet, no firewall', async () => {
    fake.injectFault({ kind: 'refused', operation: 'firewalls_create' });
    const mark = fake.mark();
    const error = await cloud()
      .provision(SPEC)
      .catch((thrown: unknown) => thrown);
    expect(ProvisionError.isInstance(error)).toBe(true);
    expect(operations(fake.since(mark))).toEqual([
      'droplets_list 200',
      'tags_create 201',
      'firewalls_create 403',
    ]);
    expect(fake.droplets()).toEqual([]);
    expect(fake.firewalls()).toEqual([]);
  });

  it('a refused droplet removes the firewall this call made for it', async () => {
    fake.injectFault({ kind: 'refused', operation: 'droplets_create' });
    const mark = fake.mark();
    const error = await cloud()
      .provision(SPEC)
      .catch((thrown: unknown) => thrown);
    expect(ProvisionError.isInstance(error)).toBe(true);
    const requests = fake.since(mark);
    const made = requests.find((request) => request.operation === 'firewalls_create');
    const removed = requests.find((request) => request.operation === 'firewalls_delete');
    expect(made?.status).toBe(202);
    expect(removed).toMatchObject({ method: 'DELETE', status: 204 });
    expect(operations(requests).indexOf('droplets_create 403')).toBeLessThan(
      requests.indexOf(removed as RequestLogEntry),
    );
    expect(fake.droplets()).toEqual([]);
    expect(fake.firewalls()).toEqual([]);
  });

  it('a refused droplet keeps a firewall this call adopted, and the retry creates the host behind it', async () => {
    // An earlier call made the firewall, then stopped before its droplet.
    const controller = new AbortController();
    const interrupting: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (fake.count('firewalls_create') > 0) controller.abort(new Error('interrupted'));
      return response;
    };
    await createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, fetch: interrupting }, { env: {} })
      .provision(SPEC, { signal: controller.signal })
      .catch(() => undefined);
    const [adopted] = fake.firewalls();
    expect(adopted).toBeDefined();
    expect(fake.droplets()).toEqual([]);

    fake.injectFault({ kind: 'refused', operation: 'droplets_create' });
    await expect(cloud().provision(SPEC)).rejects.toSatisfy(ProvisionError.isInstance);
    expect(fake.count('firewalls_delete')).toBe(0);
    expect(fake.firewalls().map((firewall) => firewall.id)).toEqual([adopted?.id]);

    const host = await cloud().provision(SPEC);
    expect(host.id).toBe(`${fake.droplets()[0]?.id}/${adopted?.id}`);
    expect(fake.inboundRules(fake.droplets()[0]?.id as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
    ]);
  });
});
