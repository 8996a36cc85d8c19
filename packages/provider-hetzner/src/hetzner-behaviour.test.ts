import {
  InvalidRequestError,
  type ListFilter,
  ProvisionError,
  type ProvisionerV1,
  waitForHost,
} from '@provision/core';
import { isStillBeingDeleted } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHetzner } from './create-hetzner.js';
import { HETZNER_API_URL, HETZNER_FAKE_TOKEN, HetznerFake } from './testing/index.js';

// What the contract cannot know: Hetzner's wire details, as they reach the fake.
const server = setupFakeServer();
let fake: HetznerFake;
let cloud: ProvisionerV1;

beforeEach(() => {
  fake = new HetznerFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
  cloud = createHetzner({ token: HETZNER_FAKE_TOKEN, endpoint: HETZNER_API_URL }, { env: {} });
});

const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((entry) => entry.operation === operation)?.body ?? 'null') as Record<
    string,
    unknown
  >;

async function deleteToDone(ref: { id: string } | { ip: string }): Promise<void> {
  for (let call = 0; call < 10; call++) if ((await cloud.delete(ref)).done) return;
  throw new Error('delete never finished');
}

describe('provision on the wire', () => {
  it('one create with auto-assigned primary IPs, labels and the owner in the unique server name', async () => {
    const host = await cloud.provision({ name: 'web-1', owner: 'team-a', tags: { env: 'prod' } });
    expect(fake.requests.map((entry) => entry.operation)).toEqual(['create_server']);
    expect(bodyOf('create_server')).toMatchObject({
      name: 'web-1.team-a',
      server_type: 'cx23',
      image: 'ubuntu-26.04',
      location: 'fsn1',
      public_net: { enable_ipv4: true, enable_ipv6: true },
      labels: {
        env: 'prod',
        'provision-managed-by': 'provision',
        'provision-name': 'web-1',
        'provision-owner': 'team-a',
      },
    });
    const labels = (bodyOf('create_server').labels ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(labels)) {
      expect(key.length).toBeLessThanOrEqual(63);
      expect(value.length).toBeLessThanOrEqual(63);
    }
    expect(fake.primaryIps().map((ip) => [ip.type, ip.autoDelete])).toEqual([
      ['ipv4', true],
      ['ipv6', true],
    ]);
    const active = await waitForHost(cloud, host.id, { until: 'active', interval: 0, timeout: 5000 });
    expect(active.ipv6).toMatch(/^2001:db8:[0-9a-f]+::1$/);
    expect(active.price).toMatchObject({ monthly: 3.99, currency: 'EUR', source: 'live' });
  });

  it('the firewall first (one rule per port rule, no outbound, applied to nothing), then the server created behind it', async () => {
    const host = await cloud.provision({
      name: 'guarded',
      inbound: [{ from: 22 }, { from: 8000, to: 8080, protocol: 'udp' }],
    });
    expect(fake.requests.map((entry) => entry.operation)).toEqual(['create_firewall', 'create_server']);
    const firewall = bodyOf('create_firewall');
    expect(firewall.rules).toEqual([
      { direction: 'in', protocol: 'tcp', port: '22', source_ips: ['0.0.0.0/0', '::/0'] },
      { direction: 'in', protocol: 'udp', port: '8000-8080', source_ips: ['0.0.0.0/0', '::/0'] },
    ]);
    expect(firewall).not.toHaveProperty('apply_to');
    const [made] = fake.firewalls();
    expect(bodyOf('create_server').firewalls).toEqual([{ firewall: Number(made?.id) }]);
    const [guarded] = fake.servers();
    expect(made?.servers).toEqual([Number(guarded?.id)]);
    expect(host.id).toBe(`${guarded?.id}/${made?.id}`);
    expect(host.firewalled).toBe(true);
    // Nothing applies a firewall after the create: the server had it from the start.
    await waitForHost(cloud, host.id, { until: 'active', interval: 0, timeout: 5000 });
    expect(fake.requests.filter((entry) => entry.method !== 'GET').map((entry) => entry.operation)).toEqual([
      'create_firewall',
      'create_server',
    ]);
  });

  it('a repeat finds the firewall and the host by name, and creates neither again', async () => {
    const first = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    const mark = fake.requests.length;
    const again = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    expect(again.id).toBe(first.id);
    expect(fake.requests.slice(mark).map((entry) => entry.operation)).toEqual([
      'create_firewall',
      'list_firewalls',
      'list_servers',
    ]);
    expect([fake.servers().length, fake.firewalls().length]).toEqual([1, 1]);
  });

  it('a refused server create removes the firewall this call made', async () => {
    fake.setServerLimit(0);
    await expect(cloud.provision({ name: 'refused', inbound: [{ from: 22 }] })).rejects.toThrow(
      /server limit/,
    );
    expect(fake.requests.map((entry) => [entry.operation, entry.status])).toEqual([
      ['create_firewall', 201],
      ['create_server', 403],
      ['delete_firewall', 204],
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('a firewall that was there already (its server deleted outside provision) is adopted, and stays when the create is refused', async () => {
    const first = await cloud.provision({ name: 'kept', inbound: [{ from: 22 }] });
    await fetch(`${HETZNER_API_URL}/servers/${first.id.split('/')[0]}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}` },
    });
    expect(fake.servers().filter((entry) => entry.status !== 'deleting')).toEqual([]);
    fake.setServerLimit(0);
    const [left] = fake.firewalls();
    const mark = fake.requests.length;
    await expect(cloud.provision({ name: 'kept', inbound: [{ from: 22 }] })).rejects.toThrow(/server limit/);
    expect(fake.requests.slice(mark).map((entry) => entry.operation)).toEqual([
      'create_firewall',
      'list_firewalls',
      'list_servers',
      'create_server',
    ]);
    expect(fake.firewalls().map((firewall) => firewall.id)).toEqual([left?.id]);
  });

  it('the host of that name without a firewall: the firewall this call made goes, the difference is named', async () => {
    const bare = await cloud.provision({ name: 'bare' });
    const again = await cloud.provision({ name: 'bare', inbound: [{ from: 22 }] });
    expect(again.id).toBe(bare.id);
    expect(again.specMismatch).toEqual(['inbound: none (the default networking) (asked: 22/tcp)']);
    expect(fake.firewalls()).toEqual([]);
  });

  // As a person (or an earlier version that applied the firewall after the create) would leave it.
  async function firewallAction(firewallId: string, action: string, serverId: string): Promise<number> {
    const field = action === 'apply_to_resources' ? 'apply_to' : 'remove_from';
    const answer = await fetch(`${HETZNER_API_URL}/firewalls/${firewallId}/actions/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ [field]: [{ type: 'server', server: { id: Number(serverId) } }] }),
    });
    return answer.status;
  }

  async function unguard(host: { id: string }): Promise<void> {
    const [serverId = '', firewallId = ''] = host.id.split('/');
    expect(await firewallAction(firewallId, 'remove_from_resources', serverId)).toBe(201);
    const removed = await fetch(`${HETZNER_API_URL}/firewalls/${firewallId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}` },
    });
    expect(removed.status).toBe(204);
    expect(fake.firewalls()).toEqual([]);
  }

  it('a host made with inbound whose firewall was removed by hand: a repeat applies its new firewall to the server', async () => {
    const first = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    await unguard(first);
    const mark = fake.requests.length;
    const again = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    expect(fake.requests.slice(mark).map((entry) => [entry.operation, entry.status])).toEqual([
      ['create_firewall', 201],
      ['create_server', 409],
      ['list_servers', 200],
      ['apply_to_resources', 201],
    ]);
    const [serverId] = first.id.split('/');
    const [made] = fake.firewalls();
    expect(made?.servers).toEqual([Number(serverId)]);
    expect(made?.rules.map((rule) => rule.port)).toEqual(['443']);
    expect(again).toMatchObject({ id: `${serverId}/${made?.id}`, firewalled: true });
    expect(again.specMismatch).toBeUndefined();
    expect(await cloud.status(again.id)).toMatchObject({ firewalled: true });
    expect(((await cloud.list?.()) ?? []).map((host) => host.id)).toEqual([again.id]);
    await deleteToDone({ id: again.id });
    expect(fake.leftovers()).toEqual([]);
  });

  it('a racer that applied the firewall first (firewall_already_applied) leaves the host as guarded', async () => {
    const first = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    await unguard(first);
    const held = server.hold(fake, (request) => request.url.endsWith('/actions/apply_to_resources'));
    const again = cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    await held.arrived;
    const [made] = fake.firewalls();
    const [serverId = ''] = first.id.split('/');
    expect(await firewallAction(made?.id ?? '', 'apply_to_resources', serverId)).toBe(201);
    held.release();
    expect(await again).toMatchObject({ id: `${serverId}/${made?.id}`, firewalled: true });
    expect(
      fake.requests.filter((entry) => entry.operation === 'apply_to_resources').map((entry) => entry.status),
    ).toEqual([201, 422]);
    expect(fake.firewalls().map((firewall) => firewall.servers)).toEqual([[Number(serverId)]]);
  });

  it('an apply whose answer is lost keeps the firewall, and the repeat finds the host behind it', async () => {
    const first = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    await unguard(first);
    fake.injectFault({ operation: 'apply_to_resources', kind: 'lost-response' });
    await expect(cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] })).rejects.toSatisfy(
      ProvisionError.isInstance,
    );
    const [made] = fake.firewalls();
    const [serverId] = first.id.split('/');
    expect(made?.servers).toEqual([Number(serverId)]);
    const mark = fake.requests.length;
    const again = await cloud.provision({ name: 'guarded', inbound: [{ from: 443 }] });
    expect(again).toMatchObject({ id: `${serverId}/${made?.id}`, firewalled: true });
    expect(fake.requests.slice(mark).map((entry) => entry.operation)).toEqual([
      'create_firewall',
      'list_firewalls',
      'list_servers',
    ]);
  });

  it('a label value over 63 characters is refused before any request', async () => {
    await expect(cloud.provision({ name: 'web-1', tags: { note: 'x'.repeat(64) } })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(fake.requests).toEqual([]);
  });

  it('a server of that name made outside provision is never adopted', async () => {
    await fetch(`${HETZNER_API_URL}/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'taken', server_type: 'cx23', image: 'ubuntu-24.04' }),
    });
    await expect(cloud.provision({ name: 'taken', inbound: [{ from: 22 }] })).rejects.toThrow(
      /already exists in this Hetzner project/,
    );
    expect(fake.servers()).toHaveLength(1);
    // The firewall made for the host goes again: the name is another server's.
    expect(fake.firewalls()).toEqual([]);
  });
});

describe('delete', () => {
  it('server first (its primary IPs go with it), the firewall once the server is gone', async () => {
    const host = await cloud.provision({ name: 'web-1', inbound: [{ from: 443 }] });
    const first = await cloud.delete({ id: host.id });
    expect(first.done).toBe(false);
    expect(fake.firewalls()).toHaveLength(1);
    await deleteToDone({ id: host.id });
    expect(fake.leftovers()).toEqual([]);
  });

  it('by IP, also when a later call no longer finds the address on any server', async () => {
    const host = await cloud.provision({ name: 'web-1', inbound: [{ from: 443 }] });
    const { ipv4 } = await waitForHost(cloud, host.id, { until: 'active', interval: 0, timeout: 5000 });
    expect((await cloud.delete({ ip: ipv4 as string })).done).toBe(false);
    await deleteToDone({ ip: ipv4 as string });
    expect(fake.leftovers()).toEqual([]);
    const labelled = fake.requests
      .filter((entry) => entry.operation === 'list_firewalls')
      .map((entry) => entry.path);
    expect(labelled.some((path) => path.includes(encodeURIComponent(`provision-ipv4=${ipv4}`)))).toBe(true);
    // The first call labelled the firewall with the address before the server's DELETE.
    const writes = fake.requests.filter((entry) => entry.method !== 'GET');
    const relabel = writes.findIndex((entry) => entry.operation === 'replace_firewall');
    expect(relabel).toBeGreaterThan(-1);
    expect(relabel).toBeLessThan(writes.findIndex((entry) => entry.operation === 'delete_server'));
    expect(JSON.parse(writes[relabel]?.body ?? '{}').labels).toMatchObject({
      'provision-ipv4': ipv4,
      'provision-managed-by': 'provision',
      'provision-name': 'web-1',
    });
  });
});

describe('failed creation, plans and quota', () => {
  it('a create action that fails is reported as error with its reason', async () => {
    fake.failNextServerCreation('no capacity on the host system');
    const host = await cloud.provision({ name: 'doomed' });
    const failed = await waitForHost(cloud, host.id, { until: 'error', interval: 0, timeout: 5000 });
    expect(failed.error).toContain('no capacity on the host system');
    expect(failed.nativeStatus).toBe('off');
  });

  it('plans: live prices from the pricing endpoint, the primary IPv4 included, per location', async () => {
    const plans = (await cloud.plans?.({ region: 'ash' })) ?? [];
    expect(plans[0]).toMatchObject({
      id: 'cpx22',
      price: { monthly: 6.49, currency: 'EUR', source: 'live' },
    });
    expect(plans.every((plan) => plan.regions?.includes('ash'))).toBe(true);
    expect(new Set(fake.requests.map((entry) => entry.operation))).toEqual(
      new Set(['list_server_types', 'list_prices']),
    );
  });

  it('quota counts the servers (the API tells no limit)', async () => {
    await cloud.provision({ name: 'one' });
    expect(await cloud.quota?.()).toEqual({ hostsInUse: 1 });
  });
});

describe('a server of the host that Hetzner is still deleting', () => {
  beforeEach(() => {
    // The server reads `deleting` for a while after its DELETE, and keeps its name until it is gone.
    fake = new HetznerFake({ readsUntilActive: 1, destroyAfterReads: 10 });
    server.use(fake);
  });

  for (const inbound of [undefined, [{ from: 22 }]])
    it(`is never adopted${inbound ? ' (its firewall found)' : ''}: provision() says try again, and status() and list() say deleting`, async () => {
      const spec = { name: 'web', ...(inbound === undefined ? {} : { inbound }) };
      const host = await cloud.provision(spec);
      expect(await cloud.delete({ id: host.id })).toMatchObject({ done: false });
      const mark = fake.mark();
      const error = await cloud.provision(spec).then(
        () => expect.unreachable('provision() adopted a server being deleted'),
        (failure: unknown) => failure,
      );
      expect(isStillBeingDeleted(error)).toBe(true);
      expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
      expect((error as Error).message).toMatch(
        /^The server "web" that holds the name of the host \(default, web\) is still being deleted;/,
      );
      // Without a firewall: the create Hetzner refuses, and the lookup by name. With one: the
      // firewall found (the old host's) says a lookup by name comes first, and no create at all.
      // Never a second create, and the firewall found stays with its server.
      expect(fake.since(mark).map((request) => `${request.operation} ${request.status}`)).toEqual(
        inbound === undefined
          ? ['create_server 409', 'list_servers 200']
          : ['create_firewall 409', 'list_firewalls 200', 'list_servers 200'],
      );
      expect(await cloud.status(host.id)).toMatchObject({ status: 'deleting' });
      expect(((await cloud.list?.()) ?? []).map((listed) => [listed.id, listed.status])).toEqual([
        [host.id, 'deleting'],
      ]);
    });
});

describe('a name taken whose lookup fails', () => {
  for (const [fault, status, retryable] of [
    ['http-500', 500, true],
    ['refused', 403, false],
  ] as const)
    it(`gives the lookup's own error (${status}), never "taken by another", a second create or success`, async () => {
      const provisioner = createHetzner(
        { token: HETZNER_FAKE_TOKEN, endpoint: HETZNER_API_URL, retry: { maxRetries: 0 } },
        { env: {} },
      );
      await provisioner.provision({ name: 'web' });
      // The repeat's create answers uniqueness_error; the lookup that would tell whose it is fails.
      fake.injectFault({ kind: fault, operation: 'list_servers' });
      const mark = fake.mark();
      const error = await provisioner.provision({ name: 'web' }).then(
        () => expect.unreachable('provision() succeeded without knowing whose the name is'),
        (failure: unknown) => failure,
      );
      expect(fake.since(mark).map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
        'create_server 409',
        `list_servers ${status}`,
      ]);
      expect(ProvisionError.isInstance(error) && error.retryable).toBe(retryable);
      expect((error as Error).message).not.toMatch(/already|unique|not the host/i);
    });
});

describe('list across pages', () => {
  const pageOf = (path: string) => new URLSearchParams(path.split('?')[1]).get('page');
  const listed = (filter?: ListFilter) => {
    if (cloud.list === undefined) throw new Error('the Hetzner provisioner has list()');
    return cloud.list(filter);
  };

  it('returns every managed host of every page in the cloud order, filtered as asked, servers not ours left out', async () => {
    fake.setMaxPerPage(2);
    const names = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5'];
    const made = [];
    for (const [index, name] of names.entries())
      made.push(
        await cloud.provision({
          name,
          region: index === 2 ? 'nbg1' : 'fsn1',
          tags: { tier: index % 2 === 0 ? 'web' : 'db' },
        }),
      );
    // A server of the project provision did not make (no managed labels), between the managed ones.
    const foreign = await fetch(`${HETZNER_API_URL}/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'not-ours',
        server_type: 'cx23',
        image: 'ubuntu-26.04',
        labels: { tier: 'web' },
      }),
    });
    expect(foreign.status).toBe(201);
    await cloud.provision({ name: 'f-6', tags: { tier: 'web' } });
    const mark = fake.mark();

    const all = await listed();
    expect(all.map((host) => host.name)).toEqual([...names, 'f-6']);
    expect(all.map((host) => host.id).slice(0, 5)).toEqual(made.map((host) => host.id));
    // The selector matches 6 of the 7 servers; at 2 a page, that is pages 1, 2 and 3.
    const asked = fake.since(mark);
    expect(asked.map((entry) => `${entry.operation} ${entry.status}`)).toEqual(
      Array(3).fill('list_servers 200'),
    );
    expect(asked.map((entry) => pageOf(entry.path)).sort()).toEqual(['1', '2', '3']);

    expect((await listed({ region: 'fsn1', tags: { tier: 'web' } })).map((host) => host.name)).toEqual([
      'a-1',
      'e-5',
      'f-6',
    ]);
    expect((await listed({ region: 'nbg1' })).map((host) => host.name)).toEqual(['c-3']);
  });
});
