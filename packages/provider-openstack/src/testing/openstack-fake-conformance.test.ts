import { readFileSync } from 'node:fs';
import { silentLogger } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { type OpenApiDocument, requestErrors, responseErrors } from '@provision/testkit/openapi';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenStack } from '../create-openstack.js';
import {
  OPENSTACK_FAKE_PASSWORD,
  OPENSTACK_FAKE_URL,
  OpenStackFake,
  openStackFakeSettings,
} from './openstack-fake.js';

// The fake's answers, and every request our provisioner sends, held to the OpenAPI descriptions
// of Nova (at microversion 2.47), Neutron, Glance and Keystone (test-fixtures/).
const fixture = JSON.parse(
  readFileSync(new URL('../../test-fixtures/openstack-openapi.trimmed.json', import.meta.url), 'utf8'),
) as { services: Record<string, OpenApiDocument> };

/**
 * Where this generated snapshot of the descriptions is known to differ from the services' own API
 * references, which the fake follows; each mismatch let through is named here with the
 * reference's word (test-fixtures/openstack-openapi.SOURCE.md lists them too). Anything else fails.
 */
const DESCRIPTION_GAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^auth\/tokens:post body\.identity: required but missing$/,
    'Keystone takes { auth: { identity, scope } }; the snapshot drops `auth`',
  ],
  [
    /^images:get: query parameter \S+ is not in the description$/,
    "the snapshot lists no parameters for Glance's image list (limit, sort, status, visibility, properties)",
  ],
  [
    /^flavors(\/detail|\/id)?:get 200\.flavors?(\[\d+\])?\.(swap: does not match|OS-FLV-DISABLED:disabled: not allowed)/,
    'Nova answers swap "" before 2.75 and always OS-FLV-DISABLED:disabled',
  ],
  [/^flavors:get 200\.flavors\[\d+\]\.id: not a uuid$/, 'flavor ids are any string ("1", "m1.small")'],
  [
    /\.metadata\.[^:]+: not allowed \(additionalProperties is false\)$/,
    'metadata keys are given by patternProperties, which testkit reads as no key at all',
  ],
  [
    /: null but not nullable$/,
    'the api-ref gives these fields as null when unset (task_state, key_name, port_id, remote_ip_prefix...)',
  ],
  [/\.tenant_id: not a uuid$/, 'Keystone ids are 32 hex digits without dashes'],
  [/\.accessIPv4: not a ipv4$/, 'Nova answers "" for an unset accessIPv4'],
  [/\.addresses\.[^:]+: expected object, got array$/, 'the api-ref: each network holds a list of addresses'],
  [
    /^servers:post 202: matches 2 of oneOf/,
    'the two create answers (server, reservation_id) require nothing, so any answer matches both',
  ],
  [
    /^servers\/id\/action:post (body: matches \d+ of oneOf|202: no body)/,
    'the action bodies require nothing (so overlap), and os-start, os-stop and reboot answer 202 without a body',
  ],
  [
    /^v2\.0\/[^ ]+ (200|201|body)\.[^:]+: expected string, got (array|integer)$/,
    'the snapshot types every Neutron attribute as a string (lists, revision_number, port ranges)',
  ],
];
const isGap = (problem: string) => DESCRIPTION_GAPS.some(([pattern]) => pattern.test(problem));
const UNDESCRIBED = new Set([':get', 'version:get', 'network:versions', 'image:versions']);

const fakeServer = setupFakeServer();
const checked = new Set<string>();
let fake: OpenStackFake;
const problems: string[] = [];

afterAll(() => {
  const served = new OpenStackFake().routes
    .map((route) => String(route.operation))
    .filter((name) => !UNDESCRIBED.has(name));
  expect([...checked].filter((name) => !UNDESCRIBED.has(name)).sort()).toEqual([...new Set(served)].sort());
});

beforeEach(() => {
  fake = new OpenStackFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
  problems.length = 0;
});

/** The service's description and the path in it of a URL under the fake. */
function described(url: URL): { document: OpenApiDocument; path: string } | undefined {
  const match = /^\/(compute|network|image|identity)(?:\/[^/]+)?(\/v[0-9.]+.*)$/.exec(url.pathname);
  if (match === null) return undefined;
  const [, service = '', rest = ''] = match;
  const document = fixture.services[service];
  return document === undefined ? undefined : { document, path: rest.replace(/\/$/, '') + url.search };
}

const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const where = described(new URL(request.url));
  const text = await request.clone().text();
  const body = text === '' ? undefined : JSON.parse(text);
  if (where !== undefined)
    problems.push(
      ...requestErrors(where.document, { method: request.method, path: where.path, body }).filter(
        (problem) => !isGap(problem),
      ),
    );
  const response = await fetch(request);
  const answer = await response.clone().text();
  const operation = fake.requests.at(-1)?.operation;
  if (response.ok && where !== undefined) {
    problems.push(
      ...responseErrors(where.document, {
        method: request.method,
        path: where.path,
        // Keystone answers 201 (api-ref); the snapshot describes the same body under 200.
        status: where.path === '/v3/auth/tokens' && response.status === 201 ? 200 : response.status,
        body: answer === '' ? undefined : JSON.parse(answer),
      }).filter((problem) => !isGap(problem)),
    );
  }
  if (response.ok && operation !== undefined) checked.add(operation);
  return response;
};

const cloud = () =>
  createOpenStack({ ...openStackFakeSettings(), fetch: checkedFetch }, { env: {}, logger: silentLogger });

async function token(): Promise<string> {
  const answer = await checkedFetch(`${OPENSTACK_FAKE_URL}/identity/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { id: '3f1e5d7c9b2a4c6e8f0a1b3d5e7f9a2c', password: OPENSTACK_FAKE_PASSWORD } },
        },
        scope: { project: { id: '8a2c4e6f0b1d4f3a9c7e5b3d1f0a2c4e' } },
      },
    }),
  });
  return answer.headers.get('x-subject-token') ?? '';
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  return checkedFetch(`${OPENSTACK_FAKE_URL}${path}`, {
    method,
    headers: {
      'x-auth-token': await token(),
      'content-type': 'application/json',
      'openstack-api-version': 'compute 2.47',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('the provisioner and the fake speak the described APIs', () => {
  it('a host behind its own group with a floating IP: provision, status, power, list, quota, plans, delete by IP', async () => {
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
    await provisioner.quota?.();
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed?.ipv4).toMatch(/^203\.0\.113\./);
    for (let call = 0; call < 5 && !(await provisioner.delete({ ip: listed?.ipv4 as string })).done; call++);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('orphans: what a server deleted out of band left behind', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-2', inbound: 'all' });
    const server = `/compute/RegionOne/v2.1/servers/${host.id.split('/')[1]}`;
    await send('DELETE', server);
    // Nova takes a while: the server is gone once it answers 404.
    for (let read = 0; read < 10 && (await send('GET', server)).status !== 404; read++);
    // Made moments ago, they are not orphans yet (their `created_at` says so); once old, they are.
    expect(await provisioner.orphans?.()).toEqual([]);
    fake.ageNetworkResources(ORPHAN_MIN_AGE_MS);
    const found = (await provisioner.orphans?.()) ?? [];
    expect(found.map((orphan) => orphan.kind).sort()).toEqual(['floating-ip', 'port', 'security-group']);
    for (const orphan of found) await provisioner.deleteOrphan?.(orphan);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the routes the provisioner does not use', async () => {
    const region = '/compute/RegionOne/v2.1';
    await send('GET', `${region}/servers`);
    await send('GET', `${region}/flavors`);
    await send('GET', `${region}/flavors/2`);
    await send('GET', `${region}/flavors/2/os-extra_specs`);
    await send('GET', '/identity/v3');
    const [image] = (
      (await (await send('GET', '/image/RegionOne/v2/images?limit=1')).json()) as {
        images: Array<{ id: string }>;
      }
    ).images;
    await send('GET', `/image/RegionOne/v2/images/${image?.id}`);
    const group = (
      (await (
        await send('POST', '/network/RegionOne/v2.0/security-groups', { security_group: { name: 'by-hand' } })
      ).json()) as {
        security_group: { id: string };
      }
    ).security_group;
    await send('GET', `/network/RegionOne/v2.0/security-groups/${group.id}`);
    const rule = (
      (await (
        await send('POST', '/network/RegionOne/v2.0/security-group-rules', {
          security_group_rule: {
            security_group_id: group.id,
            direction: 'ingress',
            protocol: 'tcp',
            port_range_min: 80,
            port_range_max: 80,
          },
        })
      ).json()) as { security_group_rule: { id: string } }
    ).security_group_rule;
    await send('DELETE', `/network/RegionOne/v2.0/security-group-rules/${rule.id}`);
    const network = fake.networks().find((item) => !item.external);
    const port = (
      (await (
        await send('POST', '/network/RegionOne/v2.0/ports', { port: { network_id: network?.id } })
      ).json()) as {
        port: { id: string };
      }
    ).port;
    await send('GET', `/network/RegionOne/v2.0/ports/${port.id}`);
    const external = fake.networks().find((item) => item.external);
    const address = (
      (await (
        await send('POST', '/network/RegionOne/v2.0/floatingips', {
          floatingip: { floating_network_id: external?.id },
        })
      ).json()) as { floatingip: { id: string } }
    ).floatingip;
    await send('GET', `/network/RegionOne/v2.0/floatingips/${address.id}`);
    await send('DELETE', `/network/RegionOne/v2.0/floatingips/${address.id}`);
    await send('DELETE', `/network/RegionOne/v2.0/ports/${port.id}`);
    await send('DELETE', `/network/RegionOne/v2.0/security-groups/${group.id}`);
    expect(problems).toEqual([]);
  });
});

describe('errors as the references say', () => {
  it('Nova, Neutron and Keystone each answer in their own shape', async () => {
    const nova = await send('GET', '/compute/RegionOne/v2.1/servers/c0ffee00-0000-4000-8000-0000000000ff');
    expect(await nova.json()).toEqual({ itemNotFound: { code: 404, message: expect.any(String) } });
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-3', inbound: [{ from: 443 }] });
    const group = host.id.split('/sg/')[1];
    const inUse = await send('DELETE', `/network/RegionOne/v2.0/security-groups/${group}`);
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toEqual({
      NeutronError: { type: 'SecurityGroupInUse', message: expect.any(String), detail: '' },
    });
    const refused = await checkedFetch(`${OPENSTACK_FAKE_URL}/compute/RegionOne/v2.1/servers`, {
      headers: { 'x-auth-token': 'nope' },
    });
    expect(await refused.json()).toEqual({
      error: { code: 401, message: expect.any(String), title: 'Unauthorized' },
    });
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the description', () => {
    const compute = fixture.services.compute as OpenApiDocument;
    expect(
      requestErrors(compute, { method: 'POST', path: '/v2.1/servers', body: { server: { flavorRef: '1' } } }),
    ).not.toEqual([]);
    const broken = { method: 'GET', path: '/v2.1/servers/x', status: 200, body: { server: { id: 1 } } };
    expect(responseErrors(compute, broken)).not.toEqual([]);
  });
});
