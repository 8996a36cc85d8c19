import { type Host, waitForHost } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { cycleHost, deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createGcp } from '../create-gcp.js';
import { GcpFake } from './gcp-fake.js';
import { GCP_FAKE_ACCESS_TOKEN, GCP_FAKE_PROJECT } from './gcp-fake-auth.js';

// The fake's answers, and the plugin's requests, held to the Compute Engine v1 discovery document
// (trimmed and rewritten as OpenAPI 3 by test-fixtures/trim-compute-discovery.mjs): every request
// goes straight to the fake (no network) and both sides are checked on the way.
const fixture = readDescription(new URL('../../test-fixtures/compute-v1.trimmed.json', import.meta.url));
const API = fixture.servers[0]?.url as string;
const PROJECT = `/projects/${GCP_FAKE_PROJECT}`;

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  createFake: () => new GcpFake({ readsUntilActive: 1, destroyAfterReads: 1 }),
  headers: { authorization: `Bearer ${GCP_FAKE_ACCESS_TOKEN}` },
});
const send = check.send;

const cloud = () =>
  createGcp(
    { accessToken: GCP_FAKE_ACCESS_TOKEN, project: GCP_FAKE_PROJECT, endpoint: API, fetch: check.fetch },
    { env: {} },
  );

const errorReason = async (answer: Response) => [
  answer.status,
  ((await answer.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason,
];

describe('the plugin and the fake speak the Compute Engine API v1 as its discovery document says', () => {
  it('a whole lifecycle: every request and every answer conforms, and every Compute route the fake serves is used', async () => {
    const provisioner = cloud();
    const spec = {
      name: 'web-1',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'test' },
      inbound: [{ from: 22 }, { from: 8000, to: 8080 }],
    };
    // provision, active, the repeat (found again, not made twice), list, stop, stopped, start, reboot
    const { host } = await cycleHost(provisioner, spec);
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    expect(await provisioner.quota?.()).toEqual({ hostLimit: 24, hostsInUse: 1, cpuLimit: 8 });
    // Old enough to be judged by use: the scan then asks which instances carry the rules' tags.
    check.fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    await provisioner.orphans?.();
    await deleteUntilDone(provisioner, { id: host.id });
    check.fake.failNextInsert('The zone does not have enough resources available to fulfill the request.');
    const doomed: Host = await provisioner.provision({ name: 'doomed' });
    const failed = await waitForHost(provisioner, doomed.id, {
      until: 'error',
      interval: 0,
      timeout: 10_000,
    }).catch((error: unknown) => error);
    expect((failed as { host?: Host }).host?.status ?? (failed as Host).status).toBe('error');
    await provisioner.delete({ id: doomed.id });
    const other: Host = await provisioner.provision({ name: 'web-2', inbound: [{ from: 443 }] });
    const active = await waitForHost(provisioner, other.id, {
      until: 'active',
      interval: 0,
      timeout: 10_000,
    });
    await deleteUntilDone(provisioner, { ip: active.ipv4 as string });
    expect(check.fake.leftovers()).toEqual([]);

    // What the plugin does not send, a client may: operations, zones, machine types, images, a rule.
    const answer = (await (
      await send('POST', `${PROJECT}/zones/us-central1-a/instances`, {
        name: 'console-made',
        machineType: 'zones/us-central1-a/machineTypes/e2-small',
        disks: [
          {
            boot: true,
            autoDelete: true,
            initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
          },
        ],
        networkInterfaces: [
          {
            network: 'global/networks/default',
            accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }],
          },
        ],
      })
    ).json()) as { name: string };
    await send('GET', `${PROJECT}/zones/us-central1-a/operations/${answer.name}`);
    const rule = (await (
      await send('POST', `${PROJECT}/global/firewalls`, {
        name: 'allow-web',
        network: 'global/networks/default',
        allowed: [{ IPProtocol: 'tcp', ports: ['80'] }],
        sourceRanges: ['0.0.0.0/0'],
      })
    ).json()) as { name: string };
    await send('GET', `${PROJECT}/global/operations/${rule.name}`);
    await send('GET', `${PROJECT}/global/firewalls/allow-web`);
    await send('GET', `${PROJECT}/zones/us-central1-a`);
    await send('GET', `${PROJECT}/zones/us-central1-a/machineTypes?maxResults=2`);
    await send('GET', `${PROJECT}/zones/us-central1-a/machineTypes/e2-micro`);
    const family = (await (
      await send('GET', '/projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64')
    ).json()) as { name: string };
    await send('GET', `/projects/ubuntu-os-cloud/global/images/${family.name}`);
    check.expectConforming();
    expect(check.unansweredRoutes({ only: (operation) => operation.startsWith('compute.') })).toEqual([]);
  });

  it('errors in the described shape: unauthorized, not found, already exists, invalid, quota, exhausted, rate limit', async () => {
    expect(
      await errorReason(
        await send('GET', `${PROJECT}/zones`, undefined, {
          authorization: 'Bearer ya29.not-a-token-of-the-fake',
        }),
      ),
    ).toEqual([401, 'authError']);
    expect(await errorReason(await send('GET', `${PROJECT}/zones/us-central1-a/instances/nothing`))).toEqual([
      404,
      'notFound',
    ]);
    expect(await errorReason(await send('GET', '/projects/someone-else/zones'))).toEqual([404, 'notFound']);
    const body = {
      name: 'twice',
      machineType: 'zones/us-central1-a/machineTypes/e2-micro',
      disks: [
        {
          boot: true,
          initializeParams: {
            sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
          },
        },
      ],
      networkInterfaces: [{ network: 'global/networks/default' }],
    };
    expect((await send('POST', `${PROJECT}/zones/us-central1-a/instances`, body)).status).toBe(200);
    expect(await errorReason(await send('POST', `${PROJECT}/zones/us-central1-a/instances`, body))).toEqual([
      409,
      'alreadyExists',
    ]);
    expect(
      await errorReason(
        await send('POST', `${PROJECT}/zones/us-central1-a/instances`, { ...body, name: 'Bad_Name' }),
      ),
    ).toEqual([400, 'invalid']);
    expect(
      await errorReason(
        await send('POST', `${PROJECT}/zones/us-central1-a/instances?requestId=not-a-uuid`, {
          ...body,
          name: 'other',
        }),
      ),
    ).toEqual([400, 'invalid']);
    check.fake.setInstanceLimit(1);
    expect(
      await errorReason(
        await send('POST', `${PROJECT}/zones/us-central1-a/instances`, { ...body, name: 'beyond' }),
      ),
    ).toEqual([403, 'quotaExceeded']);
    check.fake.setInstanceLimit(24);
    check.fake.setSoldOut({ region: 'us-east1-b' });
    expect(
      await errorReason(
        await send('POST', `${PROJECT}/zones/us-east1-b/instances`, {
          ...body,
          machineType: 'zones/us-east1-b/machineTypes/e2-micro',
        }),
      ),
    ).toEqual([503, 'ZONE_RESOURCE_POOL_EXHAUSTED']);
    expect(
      await errorReason(
        await send('GET', `${PROJECT}/global/firewalls?filter=${encodeURIComponent('name ~ x')}`),
      ),
    ).toEqual([400, 'invalid']);
    check.fake.injectFault({ kind: 'rate-limit', operation: 'compute.zones.list', retryAfterSeconds: 0 });
    expect(await errorReason(await send('GET', `${PROJECT}/zones`))).toEqual([429, 'rateLimitExceeded']);
    check.expectConforming();
  });

  it('a repeated requestId answers the first insert’s operation and makes nothing more', async () => {
    const path = `${PROJECT}/zones/us-central1-a/instances?requestId=0b6f6c1e-2d1a-4c55-9d51-2f1d6a0f9c01`;
    const body = {
      name: 'once',
      machineType: 'zones/us-central1-a/machineTypes/e2-micro',
      disks: [
        {
          boot: true,
          initializeParams: {
            sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
          },
        },
      ],
      networkInterfaces: [{ network: 'global/networks/default' }],
    };
    const first = (await (await send('POST', path, body)).json()) as { name: string };
    const again = (await (await send('POST', path, body)).json()) as { name: string };
    expect(again.name).toBe(first.name);
    expect(check.fake.instances()).toHaveLength(1);
    check.expectConforming();
  });

  it('lists page by maxResults and pageToken, and filter selects by labels and by RE2 on names', async () => {
    const provisioner = cloud();
    for (const name of ['page-a', 'page-b', 'page-c'])
      await provisioner.provision({ name, owner: name === 'page-b' ? 'team' : undefined });
    const first = (await (await send('GET', `${PROJECT}/aggregated/instances?maxResults=2`)).json()) as {
      nextPageToken?: string;
      items: Record<string, { instances?: unknown[] }>;
    };
    const count = (page: typeof first) =>
      Object.values(page.items).reduce((sum, scope) => sum + (scope.instances?.length ?? 0), 0);
    expect(count(first)).toBe(2);
    const second = (await (
      await send('GET', `${PROJECT}/aggregated/instances?maxResults=2&pageToken=${first.nextPageToken}`)
    ).json()) as typeof first;
    expect([count(second), second.nextPageToken]).toEqual([1, undefined]);
    const owned = (await (
      await send(
        'GET',
        `${PROJECT}/aggregated/instances?filter=${encodeURIComponent('(labels.provision-owner = "team")')}`,
      )
    ).json()) as typeof first;
    expect(count(owned)).toBe(1);
    const rules = (await (
      await send(
        'GET',
        `${PROJECT}/global/firewalls?filter=${encodeURIComponent('name eq "default-allow-.*"')}`,
      )
    ).json()) as { items: { name: string }[] };
    expect(rules.items.map((rule) => rule.name)).toEqual([
      'default-allow-icmp',
      'default-allow-internal',
      'default-allow-rdp',
      'default-allow-ssh',
    ]);
    check.expectConforming();
  });
});
