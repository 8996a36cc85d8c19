import { silentLogger } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { type OpenApiDocument, readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createVultr } from '../create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './vultr-fake.js';

// The fake's answers, and every request our provisioner and these tests send, held to Vultr's own
// OpenAPI description (paths there are relative to https://api.vultr.com/v2); every route the fake
// serves must answer some test with a success.
const fixture = readDescription<OpenApiDocument>(
  new URL('../../test-fixtures/vultr-openapi.trimmed.json', import.meta.url),
);
const API = 'https://api.vultr.com/v2';

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new VultrFake({ readsUntilActive: 1 }),
  headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}` },
  everyRouteAnswered: true,
  descriptionGaps: [
    [
      /monthly_cost: expected integer/,
      'the description types monthly_cost as an integer, but Vultr sells a 2.50 USD plan',
    ],
  ],
  // The description lists no error answers; Vultr's reference gives them one shape.
  errorSchema: (status) => ({
    type: 'object',
    required: ['error', 'status'],
    additionalProperties: false,
    properties: { error: { type: 'string' }, status: { type: 'integer', enum: [status] } },
  }),
});
const send = check.send;

const cloud = () =>
  createVultr({ apiKey: VULTR_FAKE_API_KEY, fetch: check.fetch }, { env: {}, logger: silentLogger });

describe('the provisioner and the fake speak the described API', () => {
  it('a firewalled host: provision, status, power, list, delete by IP', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
      name: 'web-1',
      userData: '#!/bin/sh\n',
      inbound: [{ from: 22 }],
    });
    await provisioner.status(host.id);
    await provisioner.stop?.(host.id);
    await provisioner.start?.(host.id);
    await provisioner.reboot?.(host.id);
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed?.ipv4).toBeDefined();
    await deleteUntilDone(provisioner, { ip: listed?.ipv4 as string }, { maxCalls: 5 });
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('delete by id, plans, regions, credentials and orphans', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-2', inbound: 'all' });
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    await send('DELETE', `/instances/${host.id.split('/')[0]}`);
    check.fake.ageGroups(ORPHAN_MIN_AGE_MS);
    const [orphan] = (await provisioner.orphans?.()) ?? [];
    expect(orphan?.kind).toBe('firewall-group');
    await provisioner.deleteOrphan?.(orphan as NonNullable<typeof orphan>);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('the routes the provisioner does not use', async () => {
    const created = await send('POST', '/firewalls', { description: 'by hand' });
    const { firewall_group: group } = (await created.json()) as { firewall_group: { id: string } };
    await send('GET', `/firewalls/${group.id}`);
    const rule = await send('POST', `/firewalls/${group.id}/rules`, {
      ip_type: 'v4',
      protocol: 'tcp',
      subnet: '192.0.2.0',
      subnet_size: 24,
      port: '8000:9000',
    });
    const { firewall_rule: made } = (await rule.json()) as { firewall_rule: { id: number } };
    await send('GET', `/firewalls/${group.id}/rules?per_page=1`);
    await send('DELETE', `/firewalls/${group.id}/rules/${made.id}`);
    await send('GET', '/os?per_page=2');
    await send('DELETE', `/firewalls/${group.id}`);
    check.expectConforming();
  });
});

describe('errors and pagination as the description says', () => {
  it('answers a bad key with 401 in the error shape, but serves plans without one', async () => {
    const bad = await check.fetch(`${API}/instances`, { headers: { authorization: 'Bearer WRONG' } });
    expect(bad.status).toBe(401);
    expect((await check.fetch(`${API}/plans`)).status).toBe(200);
    check.expectConforming();
  });

  it('pages with per_page and the cursor of meta.links.next, to an empty next', async () => {
    const first = (await (await send('GET', '/plans?per_page=3')).json()) as {
      plans: unknown[];
      meta: { total: number; links: { next: string; prev: string } };
    };
    expect(first.plans).toHaveLength(3);
    expect(first.meta.links.prev).toBe('');
    const rest = (await (await send('GET', `/plans?per_page=3&cursor=${first.meta.links.next}`)).json()) as {
      plans: unknown[];
      meta: { links: { next: string } };
    };
    expect(first.plans.length + rest.plans.length).toBe(first.meta.total);
    expect(rest.meta.links.next).toBe('');
    expect((await send('GET', '/plans?cursor=not-a-cursor')).status).toBe(400);
    check.expectConforming();
  });

  it('refuses a group delete while an instance sits in it, and an unknown instance with 404', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-3', inbound: [{ from: 443 }] });
    const [instanceId, groupId] = host.id.split('/');
    expect((await send('DELETE', `/firewalls/${groupId}`)).status).toBe(400);
    expect((await send('GET', `/instances/${instanceId?.replace(/.$/, 'f')}`)).status).toBe(404);
    check.expectConforming();
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the description', () => {
    expect(
      check.validator.requestErrors({
        method: 'POST',
        path: '/firewalls/x/rules',
        body: { protocol: 'tcp' },
      }),
    ).toContain('post-firewalls-firewall-group-id-rules body.ip_type: required but missing');
    const broken = { method: 'GET', path: '/instances/x', status: 200, body: { instance: { id: 1 } } };
    expect(check.validator.responseErrors(broken)).not.toEqual([]);
  });
});
