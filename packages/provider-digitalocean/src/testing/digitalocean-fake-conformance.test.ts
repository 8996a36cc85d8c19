import { useFakeConformance } from '@provision/testkit';
import {
  findOperation,
  type OpenApiSchema,
  readDescription,
  requiredProperties,
  responseFor,
  schemaErrors,
} from '@provision/testkit/openapi';
import { afterAll, describe, expect, it } from 'vitest';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';

// The fake's answers, and the requests the tests send, held to DigitalOcean's own OpenAPI description.
const fixture = readDescription(
  new URL('../../test-fixtures/digitalocean-openapi.trimmed.json', import.meta.url),
);
const API = fixture.servers[0]?.url as string;

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new DigitalOceanFake({ readsUntilActive: 1 }),
  headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` },
});
/** operationIds whose success answers a test below checked: every route the fake serves must be among them. */
const checked = new Set<string>();

afterAll(() => {
  const served = new DigitalOceanFake().routes.map((route) => route.operation);
  expect([...checked].sort()).toEqual([...new Set(served)].sort());
});

function send(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  return check.send(method, path, body, token === undefined ? {} : { authorization: `Bearer ${token}` });
}

/**
 * The answer came from the operation `template` names and conforms to the description (status,
 * headers, body); every header the description gives is there. Returns the parsed body.
 */
async function conforms(
  response: Response,
  method: string,
  template: string,
): Promise<Record<string, unknown>> {
  const operation = findOperation(fixture, method, template);
  const exchange = check.exchangeOf(response);
  expect(exchange?.operation, `${method} ${template}`).toBe(operation.operationId);
  expect(exchange?.responseErrors, `${operation.operationId} ${response.status}`).toEqual([]);
  if (response.ok) checked.add(operation.operationId);
  for (const name of Object.keys(responseFor(operation, response.status).headers ?? {}))
    expect(
      response.headers.get(name),
      `${operation.operationId} ${response.status}: header ${name}`,
    ).not.toBeNull();
  const text = await response.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function requestSchema(method: string, template: string): OpenApiSchema {
  const schema = findOperation(fixture, method, template).requestBody?.content['application/json']?.schema;
  if (schema === undefined) throw new Error(`${method} ${template} has no request body in the description.`);
  return schema;
}

const DROPLET = {
  name: 'web-1.example.com',
  region: 'nyc3',
  size: 's-1vcpu-1gb',
  image: 'ubuntu-24-04-x64',
  user_data: '#!/bin/sh\necho hello\n',
  tags: ['provision:managed', 'env:test'],
  ipv6: true,
  monitoring: true,
};

const FIREWALL = {
  name: 'web-1-inbound',
  inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { addresses: ['0.0.0.0/0', '::/0'] } }],
  outbound_rules: [{ protocol: 'tcp', ports: 'all', destinations: { addresses: ['0.0.0.0/0', '::/0'] } }],
};

async function createDroplet(overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await send('POST', '/v2/droplets', { ...DROPLET, ...overrides });
  expect(response.status).toBe(202);
  return ((await response.json()) as { droplet: { id: number } }).droplet.id;
}

describe('successful answers match the description', () => {
  it('GET /v2/account', async () => {
    await conforms(await send('GET', '/v2/account'), 'GET', '/v2/account');
  });

  it('GET /v2/sizes and /v2/regions, paginated with absolute links on the described server', async () => {
    const sizes = await conforms(await send('GET', '/v2/sizes?per_page=2&page=2'), 'GET', '/v2/sizes');
    expect(sizes.links).toEqual({
      pages: {
        first: `${API}/v2/sizes?page=1&per_page=2`,
        prev: `${API}/v2/sizes?page=1&per_page=2`,
        next: `${API}/v2/sizes?page=3&per_page=2`,
        last: `${API}/v2/sizes?page=3&per_page=2`,
      },
    });
    await conforms(await send('GET', '/v2/regions'), 'GET', '/v2/regions');
  });

  it('POST /v2/droplets with a body valid per the description, and the new Droplet it returns', async () => {
    expect(schemaErrors(DROPLET, requestSchema('POST', '/v2/droplets'))).toEqual([]);
    const body = await conforms(await send('POST', '/v2/droplets', DROPLET), 'POST', '/v2/droplets');
    expect(body.droplet).toMatchObject({ status: 'new', networks: { v4: [], v6: [] } });
  });

  it('POST /v2/droplets with names creates several', async () => {
    const { name: _name, ...rest } = DROPLET;
    const request = { ...rest, names: ['a-1', 'a-2'] };
    expect(schemaErrors(request, requestSchema('POST', '/v2/droplets'))).toEqual([]);
    const body = await conforms(await send('POST', '/v2/droplets', request), 'POST', '/v2/droplets');
    expect(body.droplets).toHaveLength(2);
  });

  it('GET /v2/droplets and /v2/droplets/{droplet_id}, new and active', async () => {
    const first = await createDroplet();
    await createDroplet({ name: 'web-2' });
    await createDroplet({ name: 'web-3' });
    const operation = findOperation(fixture, 'GET', '/v2/droplets');
    expect(operation.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['per_page', 'page', 'tag_name', 'name']),
    );
    const active = await conforms(
      await send('GET', `/v2/droplets/${first}`),
      'GET',
      '/v2/droplets/{droplet_id}',
    );
    expect(active.droplet).toMatchObject({ status: 'active' });
    await conforms(await send('GET', '/v2/droplets?per_page=2&tag_name=env:test'), 'GET', '/v2/droplets');
  });

  it('POST /v2/droplets/{droplet_id}/actions and GET /v2/actions/{action_id}', async () => {
    const id = await createDroplet();
    await send('GET', `/v2/droplets/${id}`);
    const request = { type: 'power_off' };
    expect(schemaErrors(request, requestSchema('POST', '/v2/droplets/{droplet_id}/actions'))).toEqual([]);
    const posted = await conforms(
      await send('POST', `/v2/droplets/${id}/actions`, request),
      'POST',
      '/v2/droplets/{droplet_id}/actions',
    );
    const action = posted.action as { id: number; status: string };
    expect(action.status).toBe('in-progress');
    await conforms(await send('GET', `/v2/actions/${action.id}`), 'GET', '/v2/actions/{action_id}');
    const listed = await conforms(await send('GET', '/v2/actions?per_page=1'), 'GET', '/v2/actions');
    // Newest first: the power action comes before the droplet's create action.
    expect((listed.actions as Array<{ id: number }>)[0]?.id).toBe(action.id);
  });

  it('DELETE /v2/droplets/{droplet_id} and DELETE /v2/droplets?tag_name=', async () => {
    const id = await createDroplet();
    await createDroplet({ name: 'web-2', tags: ['batch'] });
    await conforms(await send('DELETE', `/v2/droplets/${id}`), 'DELETE', '/v2/droplets/{droplet_id}');
    await conforms(await send('DELETE', '/v2/droplets?tag_name=batch'), 'DELETE', '/v2/droplets');
  });

  it('POST, GET, list and DELETE /v2/firewalls', async () => {
    const dropletId = await createDroplet();
    const request = { ...FIREWALL, droplet_ids: [dropletId] };
    expect(schemaErrors(request, requestSchema('POST', '/v2/firewalls'))).toEqual([]);
    const created = await conforms(await send('POST', '/v2/firewalls', request), 'POST', '/v2/firewalls');
    const id = (created.firewall as { id: string }).id;
    await conforms(await send('GET', `/v2/firewalls/${id}`), 'GET', '/v2/firewalls/{firewall_id}');
    await conforms(await send('GET', '/v2/firewalls'), 'GET', '/v2/firewalls');
    const update = { ...request, name: 'web-1-inbound.renamed' };
    expect(schemaErrors(update, requestSchema('PUT', '/v2/firewalls/{firewall_id}'))).toEqual([]);
    const updated = await conforms(
      await send('PUT', `/v2/firewalls/${id}`, update),
      'PUT',
      '/v2/firewalls/{firewall_id}',
    );
    expect(updated.firewall).toMatchObject({ id, name: 'web-1-inbound.renamed', droplet_ids: [dropletId] });
    await conforms(await send('DELETE', `/v2/firewalls/${id}`), 'DELETE', '/v2/firewalls/{firewall_id}');
  });
});

describe('images and SSH keys', () => {
  // A key in OpenSSH's format: type, base64 blob, comment.
  const PUBLIC_KEY = `ssh-ed25519 ${Buffer.from('\0\0\0\x0bssh-ed25519\0\0\0 fake-key-material-32-bytes-long!').toString('base64')} sammy@example`;

  it('GET /v2/images, filtered and paginated, and GET /v2/images/{image_id} by id and slug', async () => {
    const all = await conforms(
      await send('GET', '/v2/images?type=distribution&per_page=2'),
      'GET',
      '/v2/images',
    );
    expect((all.images as unknown[]).length).toBe(2);
    expect((all.meta as { total: number }).total).toBe(5);
    expect((all.links as { pages: { next: string } }).pages.next).toBe(
      `${API}/v2/images?page=2&per_page=2&type=distribution`,
    );
    const applications = await conforms(
      await send('GET', '/v2/images?type=application'),
      'GET',
      '/v2/images',
    );
    expect(applications.images).toEqual([]);
    const mine = await conforms(await send('GET', '/v2/images?private=true'), 'GET', '/v2/images');
    expect(mine.images).toEqual([]);
    const first = (all.images as Array<{ id: number; slug: string }>)[0] as { id: number; slug: string };
    const byId = await conforms(await send('GET', `/v2/images/${first.id}`), 'GET', '/v2/images/{image_id}');
    const bySlug = await conforms(
      await send('GET', `/v2/images/${first.slug}`),
      'GET',
      '/v2/images/{image_id}',
    );
    expect(bySlug).toEqual(byId);
    const missing = await conforms(
      await send('GET', '/v2/images/ubuntu-16-04-x64'),
      'GET',
      '/v2/images/{image_id}',
    );
    expect(missing.id).toBe('not_found');
  });

  it('create, list, get by id and fingerprint, rename and delete /v2/account/keys', async () => {
    const request = { name: 'My SSH Public Key', public_key: PUBLIC_KEY };
    expect(schemaErrors(request, requestSchema('POST', '/v2/account/keys'))).toEqual([]);
    const created = await conforms(
      await send('POST', '/v2/account/keys', request),
      'POST',
      '/v2/account/keys',
    );
    const key = created.ssh_key as { id: number; fingerprint: string };
    expect(key.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const listed = await conforms(await send('GET', '/v2/account/keys'), 'GET', '/v2/account/keys');
    expect(listed.ssh_keys).toEqual([created.ssh_key]);
    const template = '/v2/account/keys/{ssh_key_identifier}';
    await conforms(await send('GET', `/v2/account/keys/${key.id}`), 'GET', template);
    await conforms(await send('GET', `/v2/account/keys/${key.fingerprint}`), 'GET', template);
    const renamed = await conforms(
      await send('PUT', `/v2/account/keys/${key.id}`, { name: 'renamed' }),
      'PUT',
      template,
    );
    expect(renamed.ssh_key).toMatchObject({ name: 'renamed' });
    const duplicate = await conforms(
      await send('POST', '/v2/account/keys', request),
      'POST',
      '/v2/account/keys',
    );
    expect(duplicate.id).toBe('unprocessable_entity');
    await conforms(await send('DELETE', `/v2/account/keys/${key.id}`), 'DELETE', template);
    expect(check.fake.sshKeys()).toEqual([]);
  });
});

describe('DELETE /v2/tags/{tag_id}/resources', () => {
  const template = '/v2/tags/{tag_id}/resources';

  it('removes the tag from the Droplet only: 204 with no body, the other tags kept', async () => {
    const id = await createDroplet();
    const request = { resources: [{ resource_id: String(id), resource_type: 'droplet' }] };
    expect(schemaErrors(request, requestSchema('DELETE', template))).toEqual([]);
    const response = await send('DELETE', '/v2/tags/env:test/resources', request);
    expect(response.status).toBe(204);
    await conforms(response, 'DELETE', template);
    expect(check.fake.droplets()[0]?.tags).toEqual(['provision:managed']);
    const listed = await conforms(await send('GET', '/v2/droplets?tag_name=env:test'), 'GET', '/v2/droplets');
    expect(listed.droplets).toEqual([]);
  });

  it('answers 404 for a tag the account never had and 422 without resources, changing nothing', async () => {
    const id = await createDroplet();
    const resources = [{ resource_id: String(id), resource_type: 'droplet' }];
    const missing = await conforms(
      await send('DELETE', '/v2/tags/no-such-tag/resources', { resources }),
      'DELETE',
      template,
    );
    expect(missing.id).toBe('not_found');
    expect(schemaErrors({}, requestSchema('DELETE', template))).not.toEqual([]);
    expect((await send('DELETE', '/v2/tags/env:test/resources', {})).status).toBe(422);
    expect(check.fake.droplets()[0]?.tags).toEqual(DROPLET.tags);
  });
});

describe('POST /v2/tags', () => {
  it('makes a tag no resource carries, which a firewall can then target: the Droplet created with it is guarded', async () => {
    const request = { name: 'provision-id:web' };
    expect(schemaErrors(request, requestSchema('POST', '/v2/tags'))).toEqual([]);
    const response = await send('POST', '/v2/tags', request);
    expect(response.status).toBe(201);
    const body = await conforms(response, 'POST', '/v2/tags');
    expect(body.tag).toEqual({ name: 'provision-id:web', resources: { count: 0, droplets: { count: 0 } } });
    // The description: a firewall's tags "must exist"; a Droplet's may be new.
    const refused = await send('POST', '/v2/firewalls', { ...FIREWALL, tags: ['provision-id:other'] });
    expect(refused.status).toBe(422);
    const made = await send('POST', '/v2/firewalls', { ...FIREWALL, tags: ['provision-id:web'] });
    expect(made.status).toBe(202);
    const id = await createDroplet({ tags: [...DROPLET.tags, 'provision-id:web'] });
    expect(check.fake.inboundRules(String(id))).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
    const unguarded = await createDroplet({ name: 'web-2' });
    expect(check.fake.inboundRules(String(unguarded))).toBeUndefined();
  });

  it('answers 201 with the tag as it is for a tag the account has, and 400 for a bad name', async () => {
    await createDroplet();
    const again = await conforms(await send('POST', '/v2/tags', { name: 'env:test' }), 'POST', '/v2/tags');
    expect(again.tag).toEqual({ name: 'env:test', resources: { count: 1, droplets: { count: 1 } } });
    expect((await send('POST', '/v2/tags', { name: 'no spaces' })).status).toBe(400);
    expect((await send('POST', '/v2/tags', {})).status).toBe(400);
  });
});

describe('the fixture holds every route the fake serves', () => {
  it('each route is an operation of the description, under the same operationId', () => {
    for (const route of check.fake.routes) {
      const template = route.pattern.replace(/:([a-z_]+)/g, '{$1}');
      expect(findOperation(fixture, route.method, template).operationId, `${route.method} ${template}`).toBe(
        route.operation,
      );
    }
  });
});

describe('error answers match the description', () => {
  it('401, 404, 422, 409 and 400 carry the error body and the rate-limit headers', async () => {
    const unauthorized = await conforms(
      await send('GET', '/v2/droplets', undefined, 'dop_v1_wrong'),
      'GET',
      '/v2/droplets',
    );
    expect(unauthorized.id).toBe('unauthorized');
    // The token is checked before the path: an unknown route with a bad token is a 401, not a 404.
    const unknown = await send('GET', '/v2/no-such-thing', undefined, 'dop_v1_wrong');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { id: string }).id).toBe('unauthorized');
    const missing = await conforms(
      await send('GET', '/v2/droplets/999999'),
      'GET',
      '/v2/droplets/{droplet_id}',
    );
    expect(missing.id).toBe('not_found');
    const invalid = await conforms(
      await send('POST', '/v2/droplets', { ...DROPLET, size: 'xl' }),
      'POST',
      '/v2/droplets',
    );
    expect(invalid.id).toBe('unprocessable_entity');
    await send('POST', '/v2/firewalls', FIREWALL);
    const duplicate = await conforms(await send('POST', '/v2/firewalls', FIREWALL), 'POST', '/v2/firewalls');
    expect(duplicate.id).toBe('conflict');
    const unparsable = await conforms(
      await send('POST', '/v2/firewalls', '{not json'),
      'POST',
      '/v2/firewalls',
    );
    expect(unparsable.id).toBe('bad_request');
  });

  it('429 and 500 from injected faults', async () => {
    check.fake.injectFault({ kind: 'rate-limit', operation: 'droplets_list', retryAfterSeconds: 7 });
    const limited = await send('GET', '/v2/droplets');
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await conforms(limited, 'GET', '/v2/droplets')).id).toBe('too_many_requests');
    check.fake.injectFault({ kind: 'http-500', operation: 'account_get' });
    expect((await conforms(await send('GET', '/v2/account'), 'GET', '/v2/account')).id).toBe('server_error');
  });
});

describe('requests the description rejects, the fake rejects', () => {
  it.each(requiredProperties(requestSchema('POST', '/v2/droplets')))(
    'POST /v2/droplets without %s: 422',
    async (field) => {
      const { [field]: _removed, ...request } = DROPLET as Record<string, unknown>;
      expect(schemaErrors(request, requestSchema('POST', '/v2/droplets'))).not.toEqual([]);
      const response = await send('POST', '/v2/droplets', request);
      expect(response.status).toBe(422);
      expect(check.fake.droplets()).toEqual([]);
    },
  );

  it('the description requires name, size and image on a single create', () => {
    expect(requiredProperties(requestSchema('POST', '/v2/droplets')).sort()).toEqual([
      'image',
      'name',
      'size',
    ]);
  });

  it.each(requiredProperties(requestSchema('POST', '/v2/firewalls')))(
    'POST /v2/firewalls without %s: 422',
    async (field) => {
      const { [field]: _removed, ...request } = FIREWALL as Record<string, unknown>;
      expect(schemaErrors(request, requestSchema('POST', '/v2/firewalls'))).not.toEqual([]);
      expect((await send('POST', '/v2/firewalls', request)).status).toBe(422);
      expect(check.fake.firewalls()).toEqual([]);
    },
  );

  it('PUT /v2/firewalls/{firewall_id} without a name or without any rule: 422, the firewall unchanged', async () => {
    const created = await send('POST', '/v2/firewalls', FIREWALL);
    const id = ((await created.json()) as { firewall: { id: string } }).firewall.id;
    const schema = requestSchema('PUT', '/v2/firewalls/{firewall_id}');
    expect(requiredProperties(schema)).toEqual(['name']);
    const { name: _name, ...nameless } = FIREWALL;
    for (const request of [nameless, { name: 'renamed' }]) {
      expect(schemaErrors(request, schema)).not.toEqual([]);
      expect((await send('PUT', `/v2/firewalls/${id}`, request)).status).toBe(422);
    }
    expect(check.fake.firewalls().map((firewall) => firewall.name)).toEqual([FIREWALL.name]);
  });

  it('POST /v2/firewalls with neither inbound nor outbound rules: 422', async () => {
    const request = { name: FIREWALL.name };
    expect(schemaErrors(request, requestSchema('POST', '/v2/firewalls'))).not.toEqual([]);
    expect((await send('POST', '/v2/firewalls', request)).status).toBe(422);
  });

  it('POST /v2/droplets/{droplet_id}/actions without type: 422', async () => {
    const id = await createDroplet();
    await send('GET', `/v2/droplets/${id}`);
    expect(schemaErrors({}, requestSchema('POST', '/v2/droplets/{droplet_id}/actions'))).not.toEqual([]);
    expect((await send('POST', `/v2/droplets/${id}/actions`, {})).status).toBe(422);
  });
});
