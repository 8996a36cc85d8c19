import { silentLogger } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { type OpenApiDocument, readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createScaleway } from '../create-scaleway.js';
import { SCALEWAY_FAKE_PROJECT_ID, SCALEWAY_FAKE_SECRET_KEY, ScalewayFake } from './scaleway-fake.js';

// The fake's answers, and every request our provisioner and these tests send, held to the
// description derived from Scaleway's generated SDK (test-fixtures/scaleway-instance-v1.SOURCE.md);
// every route the fake serves must answer some test with a success.
const fixture = readDescription<OpenApiDocument>(
  new URL('../../test-fixtures/scaleway-instance-v1.trimmed.json', import.meta.url),
);
const API = 'https://api.scaleway.com';
const ZONE = '/instance/v1/zones/fr-par-1';

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new ScalewayFake({ readsUntilActive: 1 }),
  headers: { 'x-auth-token': SCALEWAY_FAKE_SECRET_KEY },
  everyRouteAnswered: true,
  // The description lists no error answers; each of Scaleway's has a message and a type.
  errorSchema: {
    type: 'object',
    required: ['message', 'type'],
    properties: { message: { type: 'string' }, type: { type: 'string' } },
  },
});
const send = check.send;

const cloud = () =>
  createScaleway(
    { secretKey: SCALEWAY_FAKE_SECRET_KEY, projectId: SCALEWAY_FAKE_PROJECT_ID, fetch: check.fetch },
    { env: {}, logger: silentLogger },
  );

describe('the provisioner and the fake speak the described API', () => {
  it('a firewalled host: provision, status, power, list, inbound rules, delete by IP', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
      name: 'web-1',
      userData: '#!/bin/sh\n',
      inbound: [{ from: 22 }],
    });
    await provisioner.status(host.id);
    await provisioner.stop?.(host.id);
    await provisioner.status(host.id);
    await provisioner.start?.(host.id);
    await provisioner.status(host.id);
    await provisioner.reboot?.(host.id);
    await provisioner.inboundRules?.(host.id);
    const listed = (await provisioner.list?.({ region: 'fr-par-1' })) ?? [];
    expect(listed.map((item) => item.id)).toEqual([host.id]);
    const ip = listed[0]?.ipv4 as string;
    await deleteUntilDone(provisioner, { ip }, { maxCalls: 6 });
    expect(check.fake.count('updateSecurityGroup')).toBeGreaterThan(0);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('a never-booted server deleted with its volume; plans, regions, credentials and orphans', async () => {
    const provisioner = cloud();
    check.fake.injectFault({ kind: 'refused', operation: 'serverAction' });
    await expect(provisioner.provision({ name: 'web-2', inbound: 'all' })).rejects.toThrow();
    const server = check.fake.servers()[0];
    const group = check.fake.groups()[0];
    await deleteUntilDone(provisioner, { id: `fr-par-1/${server?.id}/${group?.id}` }, { maxCalls: 4 });
    expect(check.fake.count('deleteVolume')).toBe(1);
    await provisioner.plans?.({ region: 'fr-par-1' });
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    expect((await provisioner.quota?.())?.hostsInUse).toBe(0);
    const made = await provisioner.provision({ name: 'web-3', inbound: [{ from: 80 }] });
    await provisioner.status(made.id);
    await send('POST', `${ZONE}/servers/${check.fake.servers()[0]?.id}/action`, { action: 'terminate' });
    await send('GET', `${ZONE}/servers/${check.fake.servers()[0]?.id}`);
    check.fake.ageGroupsAndVolumes(ORPHAN_MIN_AGE_MS);
    const [orphan] = (await provisioner.orphans?.()) ?? [];
    expect(orphan?.kind).toBe('security-group');
    await provisioner.deleteOrphan?.(orphan as NonNullable<typeof orphan>);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('the routes the provisioner does not use', async () => {
    const created = await send('POST', `${ZONE}/security_groups`, {
      name: 'by hand',
      description: 'made in the console',
      project: SCALEWAY_FAKE_PROJECT_ID,
    });
    const { security_group: group } = (await created.json()) as { security_group: { id: string } };
    await send('GET', `${ZONE}/security_groups/${group.id}`);
    await send('DELETE', `${ZONE}/security_groups/${group.id}`);
    const host = await cloud().provision({ name: 'web-4', userData: 'echo hi' });
    const serverId = host.id.split('/')[1];
    const keys = (await (await send('GET', `${ZONE}/servers/${serverId}/user_data`)).json()) as {
      user_data: string[];
    };
    expect(keys.user_data).toEqual(['cloud-init']);
    await send('PATCH', `${ZONE}/servers/${serverId}`, { name: 'renamed' });
    await send('GET', `${ZONE}/volumes?per_page=10`);
    await send('GET', `${ZONE}/ips`);
    await send('GET', `${ZONE}/security_groups/${check.fake.groups()[0]?.id ?? 'none'}/rules`);
    check.expectConforming();
  });
});

describe('errors and pagination as the API reference says', () => {
  it('answers a bad key with 401 denied_authentication in the error shape', async () => {
    const bad = await check.fetch(`${API}${ZONE}/servers`, { headers: { 'x-auth-token': 'wrong' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { type: string }).type).toBe('denied_authentication');
    check.expectConforming();
  });

  it('pages with page and per_page, the total in X-Total-Count', async () => {
    const first = await send('GET', `${ZONE}/products/servers?per_page=2&page=1`);
    const total = Number(first.headers.get('x-total-count'));
    expect(Object.keys(((await first.json()) as { servers: object }).servers)).toHaveLength(2);
    const last = await send('GET', `${ZONE}/products/servers?per_page=2&page=${Math.ceil(total / 2)}`);
    expect(Object.keys(((await last.json()) as { servers: object }).servers).length).toBe(total % 2 || 2);
    expect((await send('GET', `${ZONE}/servers?per_page=101`)).status).toBe(400);
    // The description forbids asking for more, as the fake does.
    expect(check.exchanges.pop()?.requestErrors).toEqual(['listServers query per_page: above 100']);
    check.expectConforming();
  });

  it('lists servers filtered by tags, name and state, across pages', async () => {
    const provisioner = cloud();
    const prod = await provisioner.provision({ name: 'web-a', tags: { env: 'prod' } });
    await provisioner.provision({ name: 'web-b', tags: { env: 'dev' } });
    const db = await provisioner.provision({ name: 'db-c', tags: { env: 'prod' } });
    await provisioner.stop?.(db.id);
    await provisioner.status(db.id);
    const names = async (query: string) => {
      const answer = await send('GET', `${ZONE}/servers?${query}`);
      const { servers } = (await answer.json()) as { servers: { name: string }[] };
      return { names: servers.map((server) => server.name), total: answer.headers.get('x-total-count') };
    };
    const tag = encodeURIComponent(`provision-managed-by=provision,env=prod`);
    expect(await names(`tags=${tag}&per_page=1&page=1`)).toEqual({ names: ['web-a'], total: '2' });
    expect(await names(`tags=${tag}&per_page=1&page=2`)).toEqual({ names: ['db-c'], total: '2' });
    expect(await names('name=web&per_page=1&page=2')).toEqual({ names: ['web-b'], total: '2' });
    expect(await names(`state=stopped&tags=${tag}`)).toEqual({ names: ['db-c'], total: '1' });
    expect(await names('tags=env%3Dstaging')).toEqual({ names: [], total: '0' });
    expect(prod.id).toMatch(/^fr-par-1\//);
    check.expectConforming();
  });

  it('refuses to delete a group in use, a running server, and an unknown one with 404 not_found', async () => {
    const host = await cloud().provision({ name: 'web-5', inbound: [{ from: 443 }] });
    const [, serverId, groupId] = host.id.split('/');
    await cloud().status(host.id);
    expect((await send('DELETE', `${ZONE}/security_groups/${groupId}`)).status).toBe(409);
    expect((await send('DELETE', `${ZONE}/servers/${serverId}`)).status).toBe(400);
    const unknown = await send('GET', `${ZONE}/servers/${serverId?.replace(/.$/, 'f')}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'not_found', resource: 'instance_server' });
    check.expectConforming();
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the description', () => {
    expect(
      check.validator.requestErrors({ method: 'POST', path: `${ZONE}/servers`, body: { name: 'x' } }),
    ).toContain('createServer body.commercial_type: required but missing');
    const broken = { method: 'GET', path: `${ZONE}/servers/x`, status: 200, body: { server: { id: 1 } } };
    expect(check.validator.responseErrors(broken)).not.toEqual([]);
  });
});
