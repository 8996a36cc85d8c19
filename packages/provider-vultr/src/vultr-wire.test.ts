import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuotaExceededError, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createVultr } from './create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './testing/index.js';
import { vultrPlugin } from './vultr-plugin.js';

const fakeServer = setupFakeServer();
let fake: VultrFake;

beforeEach(() => {
  fake = new VultrFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = (env: Record<string, string> = {}) =>
  createVultr(env.HOME === undefined ? { apiKey: VULTR_FAKE_API_KEY } : {}, { env, logger: silentLogger });

/** Holds the first request of `method` to `path` until released. */
const holdFirst = (method: string, path: string) =>
  fakeServer.hold(fake, (request) => request.method === method && new URL(request.url).pathname === path);

const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((request) => request.operation === operation)?.body ?? 'null');

describe('what reaches Vultr', () => {
  it('creates the group and its rules before the instance, and the instance inside it', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 22 }, { from: 8000, to: 8100, protocol: 'udp' }],
    });
    const order = fake.requests.map((request) => request.operation);
    const firstRule = order.indexOf('post-firewalls-firewall-group-id-rules');
    expect(order.indexOf('create-firewall-group')).toBeLessThan(firstRule);
    expect(order.lastIndexOf('post-firewalls-firewall-group-id-rules')).toBeLessThan(
      order.indexOf('create-instance'),
    );
    const [group] = fake.groups();
    expect(bodyOf('create-instance').firewall_group_id).toBe(group?.id);
    expect(host.id).toBe(`${fake.instances()[0]?.id}/${group?.id}`);
    // Each port for IPv4 and IPv6, Vultr's "from:to" range syntax.
    expect(
      group?.rules.map(
        (rule) => `${rule.ip_type} ${rule.protocol} ${rule.port} ${rule.subnet}/${rule.subnet_size}`,
      ),
    ).toEqual([
      'v4 tcp 22 0.0.0.0/0',
      'v6 tcp 22 ::/0',
      'v4 udp 8000:8100 0.0.0.0/0',
      'v6 udp 8000:8100 ::/0',
    ]);
  });

  it('sends the user-data base64-encoded, labels the instance by name and asks for IPv6', async () => {
    const script = '#!/bin/sh\necho héllo\n';
    const host = await cloud().provision({ name: 'web', userData: script });
    const body = bodyOf('create-instance');
    expect(Buffer.from(body.user_data, 'base64').toString('utf8')).toBe(script);
    expect(body).toMatchObject({
      label: 'web',
      hostname: 'web',
      region: 'ewr',
      plan: 'vc2-1c-1gb',
      os_id: 2284,
      enable_ipv6: true,
    });
    expect(body.tags).toContain('provision-managed-by:provision');
    const active = await cloud().status(host.id);
    expect(active.ipv6).toMatch(/^2001:db8:/);
  });

  it('adopts the group a call cut short left behind, completing its rules, instead of making another', async () => {
    const description = (await import('./vultr-tags.js')).groupDescription('default', 'web');
    await fetch('https://api.vultr.com/v2/firewalls', {
      method: 'POST',
      headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description }),
    });
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    expect(fake.groups()).toHaveLength(1);
    expect(host.firewalled).toBe(true);
    expect(fake.inboundRules(fake.instances()[0]?.id as string)).toEqual([
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
  });
});

describe('provision() of a name that exists', () => {
  it('returns the instance after one lookup, and says how it differs from the spec', async () => {
    const first = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    const before = fake.requests.length;
    const again = await cloud().provision({ name: 'web', plan: 'vc2-1c-2gb', inbound: [{ from: 22 }] });
    expect(again.id).toBe(first.id);
    expect(fake.requests.slice(before).map((request) => request.operation)).toEqual(['list-instances']);
    expect(again.specMismatch).toEqual([
      'plan: vc2-1c-1gb (asked: vc2-1c-2gb)',
      'inbound: none (the default networking) (asked: 22/tcp)',
      'tags: team=a (asked: {})',
    ]);
    const same = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    expect(same.specMismatch).toBeUndefined();
    expect(fake.instances()).toHaveLength(1);
  });
});

describe('plans', () => {
  it('never offers or defaults to the IPv6-only plan, though it is the cheapest', async () => {
    const plans = (await cloud().plans?.()) ?? [];
    expect(fake.requests.map((request) => request.operation)).toEqual(['list-plans']);
    expect(plans.map((plan) => plan.id)).not.toContain('vc2-1c-0.5gb-v6');
    expect(plans[0]?.price).toEqual({ monthly: 5, currency: 'USD', source: 'live' });
    const cheapest = vultrPlugin.catalog.plans
      .filter((plan) => plan.publicIpv4)
      .sort(
        (a, b) =>
          (a.price.monthly ?? Number.POSITIVE_INFINITY) - (b.price.monthly ?? Number.POSITIVE_INFINITY),
      )[0];
    expect(vultrPlugin.defaults.plan).toBe(cheapest?.id);
  });
});

describe('credentials', () => {
  it("reads vultr-cli's config file when no option or variable gives a key", async () => {
    const home = mkdtempSync(join(tmpdir(), 'vultr-home-'));
    writeFileSync(join(home, '.vultr-cli.yaml'), `# vultr-cli\napi-key: ${VULTR_FAKE_API_KEY}\n`);
    expect(await vultrPlugin.hasCredentials?.({ HOME: home })).toBe(true);
    await cloud({ HOME: home }).verifyCredentials?.();
    expect(fake.requests.map((request) => `${request.operation} ${request.status}`)).toEqual([
      'get-account 200',
    ]);
  });

  it('refuses a malformed key from the file before any request, without showing it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vultr-home-'));
    writeFileSync(join(home, '.vultr-cli.yaml'), 'api-key: short-secret\n');
    const error = await cloud({ HOME: home })
      .verifyCredentials?.()
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('MissingCredentialsError');
    expect(String((error as Error).message)).not.toContain('short-secret');
    expect(fake.requests).toEqual([]);
  });
});

describe('a create Vultr refuses while a racer is under way', () => {
  it('removes only the group this call made: the one a racer made for its instance stays', async () => {
    const spec = { name: 'web', inbound: [{ from: 22 }] };
    const held = holdFirst('POST', '/v2/instances');
    // The racer has made the group and its rules, and its instance's create is on the way.
    const racer = cloud().provision(spec);
    await held.arrived;
    const [racersGroup] = fake.groups();
    // This call finds that group, unused yet; Vultr refuses its instance (the account is full
    // for a moment: another instance of the account is going).
    fake.setInstanceLimit(0);
    await expect(cloud().provision(spec)).rejects.toSatisfy(QuotaExceededError.isInstance);
    fake.setInstanceLimit(25);
    held.release();
    const host = await racer;
    expect(fake.requests.filter((request) => request.operation === 'delete-firewall-group')).toEqual([]);
    expect(fake.groups().map((group) => group.id)).toEqual([racersGroup?.id]);
    expect(fake.instances().map((instance) => [instance.id, instance.firewallGroupId])).toEqual([
      [host.id.split('/')[0], racersGroup?.id],
    ]);
  });
});

describe('a call that loses a race with inbound', () => {
  it('destroys its own instance, then the group it made; the winner and its group stay', async () => {
    // Counted, not timed: each instance and group is one second younger than the one before.
    let tick = 0;
    fake = new VultrFake({ readsUntilActive: 1, now: () => new Date(Date.UTC(2026, 11, 1) + 1000 * tick++) });
    fakeServer.use(fake);
    const spec = { name: 'web', inbound: [{ from: 22 }] };
    // The loser has looked the identity up (nothing yet); its listing of the groups waits.
    const held = holdFirst('GET', '/v2/firewalls');
    const loser = cloud().provision(spec);
    await held.arrived;
    const winner = await cloud().provision(spec);
    const [winnersGroup] = fake.groups();
    const winnersInstance = winner.id.split('/')[0];
    const seq = fake.mark();
    held.release();
    // The winner's group has its instance in it: the loser makes its own, and loses the race.
    expect((await loser).id).toBe(winner.id);
    const sent = fake.since(seq);
    expect(sent.map((request) => request.operation)).toEqual([
      'list-firewall-groups',
      'create-firewall-group',
      'post-firewalls-firewall-group-id-rules',
      'post-firewalls-firewall-group-id-rules',
      'create-instance',
      'list-instances',
      'delete-instance',
      'delete-firewall-group',
    ]);
    const [instanceDelete, groupDelete] = sent.slice(-2).map((request) => request.path);
    expect(instanceDelete).not.toBe(`/v2/instances/${winnersInstance}`);
    expect(groupDelete).toBe(sent[2]?.path.replace(/\/rules$/, ''));
    expect(fake.groups().map((group) => group.id)).toEqual([winnersGroup?.id]);
    expect(fake.instances().map((instance) => [instance.id, instance.firewallGroupId])).toEqual([
      [winnersInstance, winnersGroup?.id],
    ]);
  });
});
