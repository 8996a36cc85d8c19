import { silentLogger } from '@provision/core';
import { deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { type OpenApiDocument, readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createCivo } from '../create-civo.js';
import { CIVO_FAKE_TOKEN, CivoFake } from './civo-fake.js';
import { defaultNetworkId, fakeDiskImages } from './civo-fake-catalog.js';

// The fake's answers, and every request our provisioner and these tests send, held to the
// description transcribed from Civo's API reference (test-fixtures/civo-api.SOURCE.md); every
// route the fake serves must answer some test with a success.
const fixture = readDescription<OpenApiDocument>(
  new URL('../../test-fixtures/civo-api.reference.json', import.meta.url),
);
const API = 'https://api.civo.com';

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new CivoFake({ readsUntilActive: 1 }),
  headers: { authorization: `bearer ${CIVO_FAKE_TOKEN}` },
  everyRouteAnswered: true,
  // Every error answer of Civo's reference has this shape.
  errorSchema: {
    type: 'object',
    required: ['code', 'reason', 'result'],
    additionalProperties: false,
    properties: { code: { type: 'string' }, reason: { type: 'string' }, result: { type: 'string' } },
  },
});
const send = check.send;
/** A form body, as Civo's reference sends its examples. */
const sendForm = (method: string, path: string, body: Record<string, string>) =>
  send(method, path, new URLSearchParams(body).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });

const cloud = () =>
  createCivo({ token: CIVO_FAKE_TOKEN, fetch: check.fetch }, { env: {}, logger: silentLogger });

describe('the provisioner and the fake speak the described API', () => {
  it('a firewalled host: provision, status, power, list, inbound rules, quota, delete by IP', async () => {
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
    await provisioner.inboundRules?.(host.id);
    await provisioner.quota?.();
    const [listed] = (await provisioner.list?.({ region: 'LON1' })) ?? [];
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
    const [region, instanceId] = host.id.split('/');
    await send('DELETE', `/v2/instances/${instanceId}?region=${region}`);
    const [orphan] = (await provisioner.orphans?.()) ?? [];
    expect(orphan?.kind).toBe('firewall');
    await provisioner.deleteOrphan?.(orphan as NonNullable<typeof orphan>);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('the routes the provisioner does not use, with form bodies as the reference sends them', async () => {
    const network = defaultNetworkId('LON1');
    // The provisioner reads these beside its lookup, so the log's last entry names another one.
    await send('GET', '/v2/networks?region=LON1');
    await send('GET', '/v2/disk_images?region=LON1');
    const created = await sendForm('POST', '/v2/firewalls', {
      name: 'by-hand',
      network_id: network,
      region: 'LON1',
    });
    const { id } = (await created.json()) as { id: string };
    await send('PUT', `/v2/firewalls/${id}`, { name: 'renamed', region: 'LON1' });
    const rule = await send('POST', `/v2/firewalls/${id}/rules`, {
      protocol: 'tcp',
      start_port: '8000',
      end_port: '9000',
      cidr: ['192.0.2.0/24'],
      direction: 'ingress',
      action: 'allow',
      region: 'LON1',
    });
    const { id: ruleId } = (await rule.json()) as { id: string };
    await send('DELETE', `/v2/firewalls/${id}/rules/${ruleId}?region=LON1`);
    await send('GET', `/v2/firewalls/${id}/rules?region=LON1`);
    await send('DELETE', `/v2/firewalls/${id}?region=LON1`);
    const instance = await sendForm('POST', '/v2/instances', {
      hostname: 'server1.prod.example.com',
      size: 'g3.small',
      region: 'LON1',
      network_id: network,
      template_id: fakeDiskImages('LON1')[0]?.id ?? '',
      public_ip: 'true',
      initial_user: 'example',
    });
    const { id: instanceId } = (await instance.json()) as { id: string };
    await send('GET', `/v2/instances/${instanceId}?region=LON1`);
    await send('POST', `/v2/instances/${instanceId}/hard_reboots?region=LON1`);
    await send('POST', `/v2/instances/${instanceId}/soft_reboots?region=LON1`);
    await send('DELETE', `/v2/instances/${instanceId}?region=LON1`);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });
});

describe('errors and pagination as the reference says', () => {
  it('answers a bad key with 401 in the error shape', async () => {
    const bad = await check.fetch(`${API}/v2/quota`, { headers: { authorization: 'bearer WRONG' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { code: string }).code).toBe('authentication_invalid_key');
    check.expectConforming();
  });

  it('pages instances with page and per_page ({ page, per_page, pages, items })', async () => {
    const provisioner = cloud();
    for (const name of ['a', 'b', 'c']) await provisioner.provision({ name });
    const first = (await (await send('GET', '/v2/instances?region=LON1&page=1&per_page=2')).json()) as {
      page: number;
      pages: number;
      items: unknown[];
    };
    expect(first).toMatchObject({ page: 1, pages: 2 });
    expect(first.items).toHaveLength(2);
    const second = (await (await send('GET', '/v2/instances?region=LON1&page=2&per_page=2')).json()) as {
      items: unknown[];
    };
    expect(second.items).toHaveLength(1);
    check.expectConforming();
  });

  it('refuses a second instance of one hostname, a firewall in use, and an unknown instance', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-3', inbound: [{ from: 443 }] });
    const [region, instanceId, firewallId] = host.id.split('/');
    const again = await send('POST', '/v2/instances', {
      hostname: 'web-3.default',
      size: 'g3.xsmall',
      region,
      network_id: defaultNetworkId(region as string),
      template_id: fakeDiskImages(region as string)[0]?.id,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('database_instance_duplicate_name');
    expect((await send('DELETE', `/v2/firewalls/${firewallId}?region=${region}`)).status).toBe(400);
    expect(
      (await send('GET', `/v2/instances/${instanceId?.replace(/.$/, 'f')}?region=${region}`)).status,
    ).toBe(404);
    expect((await send('GET', `/v2/instances/${instanceId}?region=FRA1`)).status).toBe(404);
    check.expectConforming();
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the description', () => {
    expect(
      check.validator.requestErrors({ method: 'POST', path: '/v2/instances', body: { size: 'g3.xsmall' } }),
    ).toContain('createInstance body.hostname: required but missing');
    const broken = { method: 'GET', path: '/v2/instances/x', status: 200, body: { id: 1 } };
    expect(check.validator.responseErrors(broken)).not.toEqual([]);
  });
});
