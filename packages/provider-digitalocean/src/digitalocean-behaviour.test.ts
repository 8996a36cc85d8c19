import { waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// What delete() says it found, what provision() says about an existing host that differs from
// the spec, which addresses count as public, and the user-data as it reaches the droplet.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
});

function cloud() {
  return createDigitalOcean(
    { token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } },
    { env: {} },
  );
}

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);

describe('DigitalOcean delete()', () => {
  it('says found: false for an id or IP that names nothing, and destroys nothing', async () => {
    const mark = fake.mark();
    expect(await cloud().delete({ id: '987654321' })).toEqual({ done: true, id: '987654321', found: false });
    expect(await cloud().delete({ ip: '203.0.113.250' })).toEqual({ done: true, found: false });
    // By IP, the firewalls are read too: one renamed for that address would still be the host's.
    expect(operations(mark)).toEqual(['droplets_get', 'droplets_list', 'firewalls_list']);
  });

  it('says found: true while it works on a host, and never destroys a droplet provision did not make', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web' });
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: false, found: true });
    const foreign = await fetch('https://api.digitalocean.com/v2/droplets', {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'hand-made',
        region: 'nyc1',
        size: 's-1vcpu-1gb',
        image: 'ubuntu-24-04-x64',
      }),
    }).then((response) => response.json() as Promise<{ droplet: { id: number } }>);
    const mark = fake.mark();
    const id = String(foreign.droplet.id);
    expect(await provisioner.delete({ id })).toEqual({ done: true, id, found: false });
    expect(operations(mark)).toEqual(['droplets_get']);
    expect(fake.droplets().map((droplet) => droplet.name)).toContain('hand-made');
  });
});

describe('DigitalOcean provision() of a name that exists', () => {
  it('returns the host unchanged, with every field that differs from the spec', async () => {
    const provisioner = cloud();
    const first = await provisioner.provision({
      name: 'web',
      inbound: [{ from: 22 }],
      tags: { team: 'red' },
    });
    const mark = fake.mark();
    const again = await provisioner.provision({
      name: 'web',
      region: 'sfo3',
      plan: 's-1vcpu-1gb',
      os: 'ubuntu-24.04',
      inbound: [{ from: 443 }],
      tags: { team: 'blue' },
    });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toEqual([
      'region: nyc1 (asked: sfo3)',
      'plan: s-1vcpu-512mb-10gb (asked: s-1vcpu-1gb)',
      'os: ubuntu-26.04 (asked: ubuntu-24.04)',
      'inbound: 22/tcp (asked: 443/tcp)',
      'tags: team=red (asked: team=blue)',
    ]);
    // Nothing was created or changed for the differing spec.
    expect(operations(mark)).toEqual(['droplets_list', 'firewalls_list']);
    expect(fake.inboundRules(first.id.split('/')[0] as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
    ]);
  });

  it('says nothing when the spec matches, and names a firewall asked for but absent', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'web', tags: { team: 'red' } });
    expect(
      (await provisioner.provision({ name: 'web', tags: { team: 'red' } })).specMismatch,
    ).toBeUndefined();
    expect(
      (await provisioner.provision({ name: 'web', inbound: 'all', tags: { team: 'red' } })).specMismatch,
    ).toEqual(['inbound: none (the default networking) (asked: all)']);
  });
});

describe('DigitalOcean addresses', () => {
  // A proxy in front of the fake rewrites the droplet's networks in every answer.
  function rewriteNetworks(v4: Array<{ ip_address: string; type: string }>): void {
    server.server.use(
      http.get('https://api.digitalocean.com/v2/droplets*', async ({ request }) => {
        const answer = (await fake.handle(request)) as Response;
        const body = (await answer.json()) as Record<string, unknown>;
        const droplets = (body.droplets ?? [body.droplet]) as Array<{ networks: { v4: unknown } }>;
        for (const droplet of droplets) droplet.networks.v4 = v4;
        return Response.json(body, { status: answer.status });
      }),
    );
  }

  it.each([
    ['no address at all', []],
    ['only a private address', [{ ip_address: '10.116.0.9', type: 'private' }]],
    ['a "public" address in a private range', [{ ip_address: '10.116.0.9', type: 'public' }]],
  ])('an active droplet with %s is provisioning, and has no ipv4', async (_label, v4) => {
    const provisioner = cloud();
    const host = await waitForHost(provisioner, (await provisioner.provision({ name: 'web' })).id, {
      interval: 1,
      maxInterval: 1,
    });
    expect(host.status).toBe('active');
    rewriteNetworks(v4);
    const seen = await provisioner.status(host.id);
    expect(seen).toMatchObject({ status: 'provisioning', nativeStatus: 'active' });
    expect(seen.ipv4).toBeUndefined();
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed).toMatchObject({ status: 'provisioning' });
    expect(listed?.ipv4).toBeUndefined();
  });
});

describe('DigitalOcean user-data', () => {
  it('reaches the droplet exactly as given, and a lone surrogate is refused before any request', async () => {
    const userData = '#!/bin/sh\r\necho "café ünïcode 😀 \u00a0tab\there" > /tmp/x  \n\n\t\n';
    await cloud().provision({ name: 'web', userData });
    const [create] = fake.requests.filter((entry) => entry.operation === 'droplets_create');
    expect((JSON.parse(create?.body ?? '{}') as { user_data: string }).user_data).toBe(userData);
    expect(
      Buffer.from(fake.droplets()[0]?.userData ?? '', 'utf8').equals(Buffer.from(userData, 'utf8')),
    ).toBe(true);
    const before = fake.count();
    const error = await cloud()
      .provision({ name: 'other', userData: 'echo \udc00' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid_request', field: 'userData' });
    expect(fake.count()).toBe(before);
  });
});
