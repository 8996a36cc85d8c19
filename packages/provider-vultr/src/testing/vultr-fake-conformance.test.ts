import { readFileSync } from 'node:fs';
import { silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { type OpenApiDocument, requestErrors, responseErrors } from '@provision/testkit/openapi';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createVultr } from '../create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './vultr-fake.js';

// The fake's answers, and every request our provisioner and these tests send, held to Vultr's own
// OpenAPI description (paths there are relative to https://api.vultr.com/v2).
const fixture = JSON.parse(
  readFileSync(new URL('../../test-fixtures/vultr-openapi.trimmed.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const API = 'https://api.vultr.com';

const fakeServer = setupFakeServer();
/** operationIds whose success answers were checked: every route the fake serves must be among them. */
const checked = new Set<string>();
let fake: VultrFake;
const problems: string[] = [];

afterAll(() => {
  const served = new VultrFake().routes.map((route) => route.operation);
  expect([...checked].sort()).toEqual([...new Set(served)].sort());
});

beforeEach(() => {
  fake = new VultrFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
  problems.length = 0;
});

/**
 * `fetch` that checks each exchange against the description. The description types
 * `monthly_cost` as an integer, but Vultr sells a 2.50 USD plan, which the fake serves: that one
 * mismatch is the description's, and is the only one let through.
 */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/v2/, '') + url.search;
  const text = await request.clone().text();
  const body = text === '' ? undefined : JSON.parse(text);
  problems.push(...requestErrors(fixture, { method: request.method, path, body }));
  const response = await fetch(request);
  const answer = await response.clone().text();
  if (response.ok) {
    problems.push(
      ...responseErrors(fixture, {
        method: request.method,
        path,
        status: response.status,
        body: answer === '' ? undefined : JSON.parse(answer),
      }).filter((problem) => !/monthly_cost: expected integer/.test(problem)),
    );
    const operation = fake.requests.at(-1)?.operation;
    if (operation !== undefined) checked.add(operation);
  } else {
    expect(JSON.parse(answer)).toEqual({ error: expect.any(String), status: response.status });
  }
  return response;
};

function send(method: string, path: string, body?: unknown): Promise<Response> {
  return checkedFetch(`${API}${path}`, {
    method,
    headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const cloud = () =>
  createVultr({ apiKey: VULTR_FAKE_API_KEY, fetch: checkedFetch }, { env: {}, logger: silentLogger });

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
    for (let call = 0; call < 5 && !(await provisioner.delete({ ip: listed?.ipv4 as string })).done; call++);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('delete by id, plans, regions, credentials and orphans', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-2', inbound: 'all' });
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    await send('DELETE', `/v2/instances/${host.id.split('/')[0]}`);
    const [orphan] = (await provisioner.orphans?.()) ?? [];
    expect(orphan?.kind).toBe('firewall-group');
    await provisioner.deleteOrphan?.(orphan as NonNullable<typeof orphan>);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the routes the provisioner does not use', async () => {
    const created = await send('POST', '/v2/firewalls', { description: 'by hand' });
    const { firewall_group: group } = (await created.json()) as { firewall_group: { id: string } };
    await send('GET', `/v2/firewalls/${group.id}`);
    const rule = await send('POST', `/v2/firewalls/${group.id}/rules`, {
      ip_type: 'v4',
      protocol: 'tcp',
      subnet: '192.0.2.0',
      subnet_size: 24,
      port: '8000:9000',
    });
    const { firewall_rule: made } = (await rule.json()) as { firewall_rule: { id: number } };
    await send('GET', `/v2/firewalls/${group.id}/rules?per_page=1`);
    await send('DELETE', `/v2/firewalls/${group.id}/rules/${made.id}`);
    await send('GET', '/v2/os?per_page=2');
    await send('DELETE', `/v2/firewalls/${group.id}`);
    expect(problems).toEqual([]);
  });
});

describe('errors and pagination as the description says', () => {
  it('answers a bad key with 401 in the error shape, but serves plans without one', async () => {
    const bad = await checkedFetch(`${API}/v2/instances`, { headers: { authorization: 'Bearer WRONG' } });
    expect(bad.status).toBe(401);
    expect((await checkedFetch(`${API}/v2/plans`)).status).toBe(200);
  });

  it('pages with per_page and the cursor of meta.links.next, to an empty next', async () => {
    const first = (await (await send('GET', '/v2/plans?per_page=3')).json()) as {
      plans: unknown[];
      meta: { total: number; links: { next: string; prev: string } };
    };
    expect(first.plans).toHaveLength(3);
    expect(first.meta.links.prev).toBe('');
    const rest = (await (
      await send('GET', `/v2/plans?per_page=3&cursor=${first.meta.links.next}`)
    ).json()) as {
      plans: unknown[];
      meta: { links: { next: string } };
    };
    expect(first.plans.length + rest.plans.length).toBe(first.meta.total);
    expect(rest.meta.links.next).toBe('');
    expect((await send('GET', '/v2/plans?cursor=not-a-cursor')).status).toBe(400);
  });

  it('refuses a group delete while an instance sits in it, and an unknown instance with 404', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-3', inbound: [{ from: 443 }] });
    const [instanceId, groupId] = host.id.split('/');
    expect((await send('DELETE', `/v2/firewalls/${groupId}`)).status).toBe(400);
    expect((await send('GET', `/v2/instances/${instanceId?.replace(/.$/, 'f')}`)).status).toBe(404);
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the description', () => {
    expect(
      requestErrors(fixture, { method: 'POST', path: '/firewalls/x/rules', body: { protocol: 'tcp' } }),
    ).toContain('post-firewalls-firewall-group-id-rules body.ip_type: required but missing');
    const broken = { method: 'GET', path: '/instances/x', status: 200, body: { instance: { id: 1 } } };
    expect(responseErrors(fixture, broken)).not.toEqual([]);
  });
});
