import { createProvisioner, type ProvisionerV1 } from '@provision/core';
import { deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { matchOperation, readDescription, schemaErrors } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { linodePlugin } from '../linode-plugin.js';
import { LINODE_FAKE_TOKEN, LinodeFake } from './linode-fake.js';

// The fake's answers, and every request the provider sends, held to Linode's own OpenAPI
// description; every route the fake serves must answer some test with a success.
const fixture = readDescription(new URL('../../test-fixtures/linode-openapi.trimmed.json', import.meta.url));
const API = fixture.servers[0]?.url as string;

const INSTANCES_FILTER = matchOperation(fixture, 'GET', '/v4/linode/instances')?.parameters.find(
  (parameter) => parameter.name === 'X-Filter',
);
const HEADER_EXCEPTIONS = new Set(['/v4/networking/firewalls', '/v4/account/events']);

/** The `X-Filter` header checked as the JSON it is. */
function filterErrors(request: Request): string[] {
  const url = new URL(request.url);
  const filter = request.headers.get('x-filter');
  if (filter === null) return [];
  // The description marks fields of firewalls (label, tags) and events (entity.id, action)
  // filterable but declares the X-Filter header only on some listings (instances among them);
  // the header is the same everywhere, so those listings are held to the instances' one.
  const filterSchema = (
    matchOperation(fixture, request.method, url.pathname)?.parameters.find(
      (parameter) => parameter.name === 'X-Filter',
    ) ?? (HEADER_EXCEPTIONS.has(url.pathname) ? INSTANCES_FILTER : undefined)
  )?.schema;
  return filterSchema === undefined
    ? [`${request.method} ${url.pathname}: X-Filter is not a parameter of this operation`]
    : schemaErrors(JSON.parse(filter), filterSchema, 'X-Filter', { document: fixture });
}

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new LinodeFake({ readsUntilActive: 1, destroyAfterReads: 1 }),
  headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}` },
  everyRouteAnswered: true,
  // X-Filter is JSON, which the description's header parameter cannot read: checked by filterErrors.
  checkRequestHeaders: false,
  requestChecks: filterErrors,
});

/** A provisioner whose every exchange with the fake is checked against the description. */
function recordedProvisioner(): ProvisionerV1 {
  return createProvisioner(
    linodePlugin,
    { token: LINODE_FAKE_TOKEN, endpoint: API, fetch: check.fetch, retry: { maxRetries: 0 } },
    { env: {} },
  );
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await check.send(method, path, body, headers);
  const exchange = check.exchangeOf(response);
  return {
    response,
    errors: [...(exchange?.requestErrors ?? ['not recorded']), ...(exchange?.responseErrors ?? [])],
    body: (await response.json()) as Record<string, unknown>,
  };
}

const LINODE = {
  label: 'web-1.default',
  region: 'us-ord',
  type: 'g6-nanode-1',
  image: 'linode/ubuntu26.04',
  root_pass: 'aComplexP@ssword-123',
  tags: ['provision-managed-by:provision'],
  metadata: { user_data: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') },
};

describe("the provider's requests and the fake's answers match the description", () => {
  it('a whole lifecycle: provision with inbound and user-data, status, list, power, plans, regions, delete', async () => {
    const cloud = recordedProvisioner();
    const host = await cloud.provision({
      name: 'web',
      userData: '#cloud-config\n',
      inbound: [{ from: 22 }, { from: 8000, to: 9000 }],
    });
    for (let read = 0; read < 6 && (await cloud.status(host.id)).status !== 'active'; read++);
    expect(await cloud.list?.()).toHaveLength(1);
    await cloud.stop?.(host.id);
    for (let read = 0; read < 4 && (await cloud.status(host.id)).status !== 'stopped'; read++);
    await cloud.start?.(host.id);
    for (let read = 0; read < 4 && (await cloud.status(host.id)).status !== 'active'; read++);
    await cloud.reboot?.(host.id);
    await cloud.plans?.({ region: 'id-cgk' });
    await cloud.regions?.();
    await cloud.verifyCredentials?.();
    await cloud.orphans?.();
    const other = await cloud.provision({ name: 'other', inbound: [{ from: 443 }] });
    const ip = (await cloud.status(other.id)).ipv4 as string;
    await deleteUntilDone(cloud, { ip }, { maxCalls: 6 });
    await deleteUntilDone(cloud, { id: host.id }, { maxCalls: 6 });
    check.expectConforming();
    expect(check.fake.leftovers()).toEqual([]);
  });

  it('a failed creation read from the events, and a label taken by a lost answer', async () => {
    const cloud = recordedProvisioner();
    check.fake.failNextLinodeCreation('Host capacity exhausted');
    const failed = await cloud.provision({ name: 'doomed' });
    let status = await cloud.status(failed.id);
    for (let read = 0; read < 6 && status.status !== 'error'; read++) status = await cloud.status(failed.id);
    expect(status).toMatchObject({ status: 'error', error: 'Host capacity exhausted' });
    check.fake.injectFault({ kind: 'lost-response', operation: 'post-linode-instance' });
    const adopted = await cloud.provision({ name: 'lost' });
    expect(check.fake.linodes().map((linode) => linode.id)).toContain(adopted.id);
    check.expectConforming();
  });
});

describe('the fake answers every route as described', () => {
  it('instances: create, get, list with X-Filter and pages, boot, shutdown, reboot, delete', async () => {
    const created = await send('POST', '/v4/linode/instances', LINODE);
    expect(created.errors).toEqual([]);
    expect(created.body).toMatchObject({
      status: 'provisioning',
      label: LINODE.label,
      ipv4: [expect.any(String)],
    });
    const id = created.body.id as number;
    expect((await send('GET', `/v4/linode/instances/${id}`)).errors).toEqual([]);
    const listed = await send('GET', '/v4/linode/instances?page=1&page_size=25', undefined, {
      'x-filter': JSON.stringify({ tags: 'provision-managed-by:provision', label: LINODE.label }),
    });
    expect(listed.errors).toEqual([]);
    expect(listed.body).toMatchObject({ page: 1, pages: 1, results: 1 });
    const none = await send('GET', '/v4/linode/instances', undefined, {
      'x-filter': JSON.stringify({ tags: 'other' }),
    });
    expect(none.body).toMatchObject({ data: [], results: 0 });
    for (let read = 0; read < 4; read++) await send('GET', `/v4/linode/instances/${id}`);
    // Shutdown takes no body; boot and reboot an optional `config_id`.
    expect((await send('POST', `/v4/linode/instances/${id}/shutdown`)).errors).toEqual([]);
    for (const action of ['boot', 'reboot'])
      expect((await send('POST', `/v4/linode/instances/${id}/${action}`, {})).errors).toEqual([]);
    expect((await send('DELETE', `/v4/linode/instances/${id}`)).errors).toEqual([]);
  });

  it('firewalls: create with devices, get, list, tags, rules, devices, delete', async () => {
    const linode = await send('POST', '/v4/linode/instances', LINODE);
    const firewall = await send('POST', '/v4/networking/firewalls', {
      label: 'prov-abc',
      tags: ['provision-managed-by:provision'],
      rules: {
        inbound_policy: 'DROP',
        outbound_policy: 'ACCEPT',
        inbound: [
          {
            action: 'ACCEPT',
            protocol: 'TCP',
            ports: '80, 443, 8000-9000',
            addresses: { ipv4: ['0.0.0.0/0'] },
          },
        ],
        outbound: [],
      },
      devices: { linodes: [linode.body.id] },
    });
    expect(firewall.errors).toEqual([]);
    const id = firewall.body.id as number;
    expect(check.fake.inboundRules(String(linode.body.id))).toEqual([
      { from: 80, to: 80, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
      { from: 8000, to: 9000, protocol: 'tcp' },
    ]);
    expect((await send('GET', `/v4/networking/firewalls/${id}`)).errors).toEqual([]);
    expect((await send('GET', '/v4/networking/firewalls')).errors).toEqual([]);
    expect((await send('PUT', `/v4/networking/firewalls/${id}`, { tags: ['kept-tag'] })).errors).toEqual([]);
    const devices = await send('GET', `/v4/networking/firewalls/${id}/devices`);
    expect(devices.errors).toEqual([]);
    expect(devices.body.data).toMatchObject([{ entity: { id: linode.body.id, type: 'linode' } }]);
    const assigned = await send('GET', `/v4/linode/instances/${linode.body.id}/firewalls`);
    expect(assigned.errors).toEqual([]);
    expect(assigned.body.data).toMatchObject([{ id, status: 'enabled' }]);
    expect((await send('PUT', `/v4/networking/firewalls/${id}`, { status: 'disabled' })).errors).toEqual([]);
    expect(check.fake.inboundRules(String(linode.body.id))).toBeUndefined();
    expect((await send('PUT', `/v4/networking/firewalls/${id}`, { status: 'enabled' })).errors).toEqual([]);
    const rules = await send('PUT', `/v4/networking/firewalls/${id}/rules`, {
      inbound_policy: 'ACCEPT',
      outbound_policy: 'ACCEPT',
      inbound: [],
      outbound: [],
    });
    expect(rules.errors).toEqual([]);
    expect(rules.body).toMatchObject({ version: 2 });
    expect((await send('DELETE', `/v4/networking/firewalls/${id}`)).errors).toEqual([]);
  });

  it('types, regions, images, events and profile', async () => {
    for (const path of ['/v4/linode/types', '/v4/regions', '/v4/images', '/v4/account/events', '/v4/profile'])
      expect((await send('GET', path)).errors, path).toEqual([]);
    const regions = (await send('GET', '/v4/regions')).body.data as Array<{
      id: string;
      capabilities: string[];
    }>;
    expect(regions.find((region) => region.id === 'us-ord')?.capabilities).toContain('Metadata');
  });
});

describe('errors: the shape { errors: [{ reason, field }] }, as the description says', () => {
  it('401 for a bad token on any path, 404, 400 for a taken label, 429 and 500 from faults', async () => {
    const unauthorized = await send('GET', '/v4/nowhere', undefined, {
      authorization: `Bearer ${'f'.repeat(64)}`,
    });
    expect(unauthorized.response.status).toBe(401);
    expect(unauthorized.body).toEqual({ errors: [{ reason: 'Invalid Token' }] });
    const missing = await send('GET', '/v4/linode/instances/999');
    expect([missing.response.status, missing.errors]).toEqual([404, []]);
    await send('POST', '/v4/linode/instances', LINODE);
    const taken = await send('POST', '/v4/linode/instances', LINODE);
    expect([taken.response.status, taken.errors]).toEqual([400, []]);
    expect(taken.body).toEqual({
      errors: [{ reason: 'Label must be unique among your linodes', field: 'label' }],
    });
    check.fake.injectFault({ kind: 'rate-limit', operation: 'get-linode-instances', retryAfterSeconds: 3 });
    const limited = await send('GET', '/v4/linode/instances');
    expect([limited.response.status, limited.response.headers.get('retry-after'), limited.errors]).toEqual([
      429,
      '3',
      [],
    ]);
    check.fake.injectFault({ kind: 'http-500', operation: 'get-profile' });
    expect((await send('GET', '/v4/profile')).response.status).toBe(500);
  });

  it('refuses user-data where the region has no Metadata, bad base64, a bad X-Filter and a bad page size', async () => {
    const noMetadata = await send('POST', '/v4/linode/instances', { ...LINODE, region: 'us-east' });
    expect(noMetadata.body).toEqual({
      errors: [{ reason: 'Metadata is not available in this region', field: 'metadata.user_data' }],
    });
    const notBase64 = await send('POST', '/v4/linode/instances', {
      ...LINODE,
      metadata: { user_data: '#!/bin/sh' },
    });
    expect(notBase64.response.status).toBe(400);
    const filter = await send('GET', '/v4/linode/instances', undefined, {
      'x-filter': '{"type":"g6-nanode-1"}',
    });
    expect(filter.body).toEqual({ errors: [{ reason: 'Cannot filter on type', field: 'X-Filter' }] });
    const size = await send('GET', '/v4/linode/instances?page_size=10');
    expect(size.response.status).toBe(400);
    const ports = await send('POST', '/v4/networking/firewalls', {
      label: 'prov-bad',
      rules: {
        inbound_policy: 'DROP',
        outbound_policy: 'ACCEPT',
        inbound: [{ action: 'ACCEPT', protocol: 'TCP', ports: '080', addresses: { ipv4: ['0.0.0.0/0'] } }],
      },
    });
    expect(ports.body).toEqual({
      errors: [{ reason: 'Invalid port or port range', field: 'rules.inbound[0].ports' }],
    });
    expect(check.fake.linodes()).toEqual([]);
    expect(check.fake.firewalls()).toEqual([]);
  });
});

describe('the fixture holds every route the fake serves', () => {
  it('each route is an operation of the description, under the same operationId', () => {
    for (const route of new LinodeFake().routes) {
      const path = route.pattern.replace(/:(\w+)/g, '1');
      expect(
        matchOperation(fixture, route.method, path)?.operation.operationId,
        `${route.method} ${route.pattern}`,
      ).toBe(route.operation);
    }
  });
});
