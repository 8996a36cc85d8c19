import { type Host, waitForHost } from '@provision/core';
import { cycleHost, deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createHetzner } from '../create-hetzner.js';
import { HETZNER_FAKE_TOKEN, HetznerFake } from './hetzner-fake.js';

// The fake's answers, and the plugin's requests, held to Hetzner's own OpenAPI description: every
// request goes straight to the fake (no network) and both sides are checked on the way.
const fixture = readDescription(new URL('../../test-fixtures/hetzner-openapi.trimmed.json', import.meta.url));
const API = fixture.servers[0]?.url as string;

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  createFake: () => new HetznerFake({ readsUntilActive: 1, destroyAfterReads: 1 }),
  headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}` },
});
const send = check.send;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const cloud = () =>
  createHetzner({ token: HETZNER_FAKE_TOKEN, endpoint: API, fetch: check.fetch }, { env: {} });

describe('the plugin and the fake speak Hetzner Cloud API v1 as its description says', () => {
  it('a whole lifecycle: every request and every answer conforms, and every route the fake serves is used', async () => {
    const provisioner = cloud();
    const spec = {
      name: 'web-1',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'test' },
      inbound: [{ from: 22 }, { from: 8000, to: 8080 }],
    };
    // provision, active, the repeat (found again, not made twice), list, stop, stopped, start, reboot
    const { host } = await cycleHost(provisioner, spec);
    await provisioner.plans?.({ region: 'fsn1' });
    await provisioner.regions?.();
    await provisioner.quota?.();
    await provisioner.verifyCredentials?.();
    await provisioner.orphans?.();
    await deleteUntilDone(provisioner, { id: host.id });
    const other: Host = await provisioner.provision({ name: 'web-2', inbound: [{ from: 443 }] });
    const active = await waitForHost(provisioner, other.id, {
      until: 'active',
      interval: 0,
      timeout: 10_000,
    });
    // Its firewall removed and deleted by hand: the repeat applies a new one to the server.
    const [serverId, firewallId] = other.id.split('/');
    const target = [{ type: 'server', server: { id: Number(serverId) } }];
    await send('POST', `/firewalls/${firewallId}/actions/remove_from_resources`, { remove_from: target });
    await send('DELETE', `/firewalls/${firewallId}`);
    const guarded = await provisioner.provision({ name: 'web-2', inbound: [{ from: 443 }] });
    expect(guarded.firewalled).toBe(true);
    expect(guarded.id).not.toBe(other.id);
    await deleteUntilDone(provisioner, { ip: active.ipv4 as string });
    expect(check.fake.leftovers()).toEqual([]);

    // What the plugin does not send, a client may: the action, images and primary IPs.
    const action = check.fake.actions()[0];
    await send('GET', `/actions/${action?.id}`);
    await send('GET', '/images?name=ubuntu-24.04&architecture=arm&type=system');
    await send('GET', '/primary_ips?ip=203.0.113.10');
    const created = (await (await send('POST', '/firewalls', { name: 'lonely' })).json()) as {
      firewall: { id: number };
    };
    await send('GET', `/firewalls/${created.firewall.id}`);
    await send('PUT', `/firewalls/${created.firewall.id}`, { labels: { role: 'spare' } });
    await send('GET', `/servers/${host.id.split('/')[0]}/actions?status=error`).catch(() => undefined);
    check.expectConforming();
    expect(check.unansweredRoutes()).toEqual([]);
  });

  it('errors in the described shape: unauthorized, not found, uniqueness, in use, invalid input, rate limit', async () => {
    const wrong = await send('GET', '/servers', undefined, bearer('W'.repeat(64)));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await send('GET', '/servers/999999')).status).toBe(404);
    const server = { name: 'twice', server_type: 'cx23', image: 'ubuntu-24.04', location: 'fsn1' };
    const first = (await (await send('POST', '/servers', server)).json()) as { server: { id: number } };
    const again = await send('POST', '/servers', server);
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([
      409,
      'uniqueness_error',
    ]);
    const firewall = { name: 'guard', apply_to: [{ type: 'server', server: { id: first.server.id } }] };
    const made = (await (await send('POST', '/firewalls', firewall)).json()) as { firewall: { id: number } };
    const busy = await send('DELETE', `/firewalls/${made.firewall.id}`);
    expect([busy.status, ((await busy.json()) as { error: { code: string } }).error.code]).toEqual([
      422,
      'resource_in_use',
    ]);
    const bad = await send('POST', '/firewalls', {
      name: 'bad',
      rules: [{ direction: 'in', protocol: 'tcp', port: '0-99999', source_ips: ['0.0.0.0/0'] }],
    });
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    check.fake.injectFault({ kind: 'rate-limit', operation: 'list_servers', retryAfterSeconds: 0 });
    const limited = await send('GET', '/servers');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('ratelimit-limit')).toBe('3600');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(1_000_000_000);
    check.expectConforming();
  });

  it('POST /servers with `firewalls`: applied at creation (the server and the firewall say so); an unknown one creates nothing', async () => {
    const made = (await (await send('POST', '/firewalls', { name: 'first' })).json()) as {
      firewall: { id: number; applied_to: unknown[] };
    };
    expect(made.firewall.applied_to).toEqual([]);
    const server = { name: 'guarded', server_type: 'cx23', image: 'ubuntu-24.04', location: 'fsn1' };
    const created = (await (
      await send('POST', '/servers', { ...server, firewalls: [{ firewall: made.firewall.id }] })
    ).json()) as { server: { id: number; public_net: { firewalls: unknown[] } } };
    expect(created.server.public_net.firewalls).toEqual([{ id: made.firewall.id, status: 'applied' }]);
    const read = (await (await send('GET', `/firewalls/${made.firewall.id}`)).json()) as {
      firewall: { applied_to: unknown[] };
    };
    expect(read.firewall.applied_to).toEqual([{ type: 'server', server: { id: created.server.id } }]);
    const unknown = await send('POST', '/servers', {
      ...server,
      name: 'unguarded',
      firewalls: [{ firewall: made.firewall.id + 1000 }],
    });
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'invalid_input',
    ]);
    expect(check.fake.servers().map((entry) => entry.name)).toEqual(['guarded']);
    expect(check.fake.primaryIps()).toHaveLength(2);
    // Labels replace the old ones; the name stays unique.
    const renamed = await send('PUT', `/firewalls/${made.firewall.id}`, { labels: { role: 'web' } });
    expect(((await renamed.json()) as { firewall: { labels: unknown } }).firewall.labels).toEqual({
      role: 'web',
    });
    await send('POST', '/firewalls', { name: 'second' });
    const clash = await send('PUT', `/firewalls/${made.firewall.id}`, { name: 'second' });
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe('uniqueness_error');
    check.expectConforming();
  });

  it('pagination: meta.pagination with per_page at most 50, and label selectors', async () => {
    for (let index = 0; index < 3; index++)
      await send('POST', '/servers', {
        name: `page-${index}`,
        server_type: 'cx23',
        image: 'ubuntu-24.04',
        labels: { team: index === 1 ? 'b' : 'a' },
      });
    const page = (await (await send('GET', '/servers?per_page=2&page=2')).json()) as {
      servers: unknown[];
      meta: { pagination: Record<string, unknown> };
    };
    expect(page.servers).toHaveLength(1);
    expect(page.meta.pagination).toEqual({
      page: 2,
      per_page: 2,
      previous_page: 1,
      next_page: null,
      last_page: 2,
      total_entries: 3,
    });
    const big = (await (await send('GET', '/servers?per_page=500')).json()) as {
      meta: { pagination: { per_page: number } };
    };
    expect(big.meta.pagination.per_page).toBe(50);
    const selected = (await (await send('GET', '/servers?label_selector=team%3Da,!missing')).json()) as {
      servers: Array<{ name: string }>;
    };
    expect(selected.servers.map((server) => server.name)).toEqual(['page-0', 'page-2']);
    const names = async (selector: string) =>
      (
        (await (await send('GET', `/servers?label_selector=${encodeURIComponent(selector)}`)).json()) as {
          servers: Array<{ name: string }>;
        }
      ).servers.map((server) => server.name);
    expect(await names('team!=a')).toEqual(['page-1']);
    expect(await names('team in (b,c)')).toEqual(['page-1']);
    expect(await names('team notin (b),team')).toEqual(['page-0', 'page-2']);
    const malformed = await send('GET', `/servers?label_selector=${encodeURIComponent('team a')}`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    check.expectConforming();
  });
});
