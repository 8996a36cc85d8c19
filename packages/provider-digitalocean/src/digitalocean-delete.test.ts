import { readFileSync } from 'node:fs';
import { type DeleteResult, type HostRef, waitForHost } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import type { RequestLogEntry } from '@provision/testkit/fake-cloud';
import { findOperation, type OpenApiDocument, schemaErrors } from '@provision/testkit/openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { dropletWithTags } from './digitalocean-out-of-band.test-support.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// delete() answers done only once nothing of the host remains: not the duplicates racing
// provision() calls left, and, by IP, not the firewall once the droplet and its address are gone.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  // A destroyed droplet disappears after two more reads, as DigitalOcean destroys in the background.
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 2 });
  server.use(fake);
});

function cloud() {
  return createDigitalOcean(
    { token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } },
    { env: {} },
  );
}

type Provisioner = ReturnType<typeof cloud>;

interface Call {
  result: DeleteResult;
  requests: RequestLogEntry[];
}

async function deleteUntilDone(provisioner: Provisioner, ref: HostRef): Promise<Call[]> {
  const calls: Call[] = [];
  for (let call = 0; call < 12; call += 1) {
    const mark = fake.mark();
    const result = await provisioner.delete(ref);
    calls.push({ result, requests: fake.since(mark) });
    if (result.done) return calls;
  }
  throw new Error(`delete(${JSON.stringify(ref)}) not done after 12 calls`);
}

const sent = (calls: readonly Call[]) =>
  calls.flatMap((call) => call.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`));

describe('DigitalOcean delete() of a host that racing provisions duplicated', () => {
  it('destroys the duplicates of its identity first, and the host’s droplet only once none is listed', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web' });
    const winner = host.id;
    const duplicate = await dropletWithTags(fake.droplets()[0]?.tags ?? []);
    const calls = await deleteUntilDone(provisioner, { id: winner });

    // The first call lists the identity, finds the duplicate, destroys it and keeps the host's droplet.
    expect(calls[0]?.result).toEqual({
      done: false,
      id: winner,
      remaining: [`droplet ${duplicate}`, `droplet ${winner}`],
      found: true,
    });
    expect(sent(calls.slice(0, 1))).toEqual([
      `GET /v2/droplets/${winner}`,
      'GET /v2/droplets',
      `DELETE /v2/droplets/${duplicate}`,
    ]);
    const identityListing = calls[0]?.requests[1]?.path ?? '';
    expect(new URL(identityListing, 'https://x').searchParams.get('tag_name')).toMatch(/^provision-host:/);
    // The host's droplet is destroyed only after the duplicate's last DELETE, and done comes after both are gone.
    const requests = sent(calls);
    expect(requests.indexOf(`DELETE /v2/droplets/${winner}`)).toBeGreaterThan(
      requests.lastIndexOf(`DELETE /v2/droplets/${duplicate}`),
    );
    expect(calls.at(-1)?.result).toEqual({ done: true, id: winner, found: false });
    expect(fake.leftovers()).toEqual([]);
    // Within the budget: a GET, the identity's listing and one DELETE per call on the clean path.
    expect(Math.max(...calls.slice(1).map((call) => call.requests.length))).toBeLessThanOrEqual(3);
  });

  it('after 6 racing provisions, the losers’ droplets are gone before delete() of the winner says done', async () => {
    const racers = Array.from({ length: 6 }, () => cloud());
    const hosts = await Promise.all(racers.map((racer) => racer.provision({ name: 'race' })));
    expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
    const [host] = hosts;
    // The losers sent their DELETEs, but nothing has read them since: they still exist.
    const losers = fake.droplets().filter((droplet) => droplet.id !== host?.id);
    expect(losers.length).toBeGreaterThan(0);
    const calls = await deleteUntilDone(cloud(), { id: host?.id as string });
    expect(calls.at(-1)?.result.done).toBe(true);
    expect(fake.droplets()).toEqual([]);
    for (const loser of losers) expect(sent(calls)).toContain(`DELETE /v2/droplets/${loser.id}`);
  });
});

describe('DigitalOcean delete({ ip }) of a host with a firewall', () => {
  async function firewalledHost(provisioner: Provisioner) {
    const created = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    return waitForHost(provisioner, created.id, { until: 'active', interval: 0, timeout: 5_000 });
  }

  it('renames the firewall for the address before the destroy, keeps it guarding, and deletes it once the droplet is gone', async () => {
    const provisioner = cloud();
    const host = await firewalledHost(provisioner);
    const ip = host.ipv4 as string;
    const [dropletId, firewallId] = host.id.split('/');
    const before = fake.firewalls()[0];
    const calls = await deleteUntilDone(provisioner, { ip });

    expect(sent(calls.slice(0, 1))).toEqual([
      'GET /v2/droplets',
      'GET /v2/firewalls',
      'GET /v2/droplets',
      `PUT /v2/firewalls/${firewallId}`,
      `DELETE /v2/droplets/${dropletId}`,
    ]);
    const put = JSON.parse(calls[0]?.requests[3]?.body ?? '{}');
    // The body DigitalOcean's description asks for: the whole firewall, name required.
    const description = JSON.parse(
      readFileSync(new URL('../test-fixtures/digitalocean-openapi.trimmed.json', import.meta.url), 'utf8'),
    ) as OpenApiDocument;
    const update = findOperation(description, 'PUT', '/v2/firewalls/{firewall_id}');
    const schema = update.requestBody?.content['application/json']?.schema;
    expect(schema).toBeDefined();
    expect(schemaErrors(put, schema ?? {})).toEqual([]);
    expect(put).toEqual({
      name: `provision.default.web.released.${dropletId}.${ip}`,
      inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { addresses: ['0.0.0.0/0', '::/0'] } }],
      outbound_rules: before?.outboundRules.map((rule) => ({
        protocol: rule.protocol,
        ports: rule.ports,
        destinations: rule.targets,
      })),
      // Named by id too, so later calls see in `droplet_ids` whether it still guards the droplet.
      droplet_ids: [Number(dropletId)],
      tags: before?.tags,
    });
    expect(before?.dropletIds).toEqual([]);
    expect(before?.tags).toHaveLength(1);
    // Later calls find the host by its address only through the renamed firewall, and delete it last.
    expect(calls.at(-1)?.requests.map((request) => request.operation)).toEqual([
      'droplets_list',
      'firewalls_list',
      'firewalls_delete',
    ]);
    expect(calls.at(-1)?.result).toEqual({ done: true, id: host.id, found: true });
    expect(calls.filter((call) => call.requests.some((request) => request.method === 'PUT'))).toHaveLength(1);
    expect(fake.leftovers()).toEqual([]);
  });

  it('never leaves the droplet open while it shuts down, and a call after it is gone still finds the firewall', async () => {
    const provisioner = cloud();
    const host = await firewalledHost(provisioner);
    const [dropletId] = host.id.split('/');
    expect(await provisioner.delete({ ip: host.ipv4 as string })).toMatchObject({ done: false, found: true });
    // Renamed, the firewall still guards the droplet being destroyed: only port 22 is open.
    expect(fake.inboundRules(dropletId as string)).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
    expect((await provisioner.list?.())?.map((listed) => [listed.id, listed.firewalled])).toEqual([
      [host.id, true],
    ]);
    // The droplet goes (read until 404); the address now names no droplet, yet the firewall is found.
    await provisioner.status(host.id).catch(() => undefined);
    await expect(provisioner.status(host.id)).rejects.toThrow();
    expect(fake.droplets()).toEqual([]);
    // Made moments ago, the firewall is not yet an orphan; made long ago, it is.
    expect(await provisioner.orphans?.()).toEqual([]);
    fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    expect((await provisioner.orphans?.())?.map((orphan) => orphan.owner)).toEqual(['default']);
    expect(await provisioner.delete({ ip: host.ipv4 as string })).toEqual({
      done: true,
      id: host.id,
      found: true,
    });
    expect(fake.leftovers()).toEqual([]);
  });

  it.each([
    ['lost-response', 'firewalls_update'],
    ['http-500', 'firewalls_update'],
    ['connection-reset', 'firewalls_update'],
    ['lost-response', 'droplets_destroy'],
    ['http-500', 'firewalls_list'],
  ] as const)('converges after a %s of %s, and the droplet is never left open', async (kind, operation) => {
    const provisioner = cloud();
    const host = await firewalledHost(provisioner);
    const [dropletId] = host.id.split('/');
    // More failures than the client retries, so the delete() call itself fails.
    fake.injectFault({ kind, operation, times: 3 });
    let done = false;
    for (let call = 0; call < 12 && !done; call += 1) {
      done = await provisioner.delete({ ip: host.ipv4 as string }).then(
        (result) => result.done,
        () => false,
      );
      const droplet = fake.droplets().find((item) => item.id === dropletId);
      if (droplet !== undefined)
        expect(fake.inboundRules(dropletId as string)).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
    }
    expect(done).toBe(true);
    expect(
      fake.requests.filter((entry) => entry.fault === kind && entry.operation === operation),
    ).toHaveLength(3);
    expect(fake.leftovers()).toEqual([]);
  });
});
