import { beforeEach, describe, expect, it } from 'vitest';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import { EXAMPLE_API_URL, ExampleCloudFake } from './example-cloud-fake.js';

const fakeServer = setupFakeServer();
let fake: ExampleCloudFake;

beforeEach(() => {
  fake = new ExampleCloudFake();
  fakeServer.use(fake);
});

function call(method: string, path: string, body?: unknown, token = fake.token): Promise<Response> {
  return fetch(`${EXAMPLE_API_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const server = (name: string, tags: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/servers', {
    name,
    region: 'east-1',
    plan: 'nano',
    image: 'ubuntu-24-04',
    tags,
    ...extra,
  });

describe('ExampleCloudFake', () => {
  it('rejects a wrong token with 401 unauthorized and commits nothing', async () => {
    const response = await server('a').then(() => call('POST', '/v1/servers', { name: 'b' }, 'ex_wrong'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(fake.servers.size).toBe(1);
  });

  it('starts a server, runs it with an IPv4 on the second read, never echoes user_data', async () => {
    const created = await server('a', {}, { user_data: '#!/bin/sh\necho secret' });
    expect(created.status).toBe(201);
    const { server: body } = (await created.json()) as { server: Record<string, unknown> };
    expect(body).toMatchObject({ id: '1001', state: 'starting', ipv4: null });
    expect(body).not.toHaveProperty('user_data');
    expect(fake.servers.get('1001')?.user_data).toBe('#!/bin/sh\necho secret');
    const reads = [];
    for (let index = 0; index < 2; index += 1)
      reads.push(
        ((await (await call('GET', '/v1/servers/1001')).json()) as { server: Record<string, unknown> })
          .server,
      );
    expect(reads.map((read) => [read.state, read.ipv4])).toEqual([
      ['starting', null],
      ['running', '203.0.113.10'],
    ]);
  });

  it('validates the body and answers 422 capacity_unavailable when sold out', async () => {
    expect((await server('a', {}, { region: 'mars-1' })).status).toBe(422);
    fake.setSoldOut({ plan: 'nano' });
    const soldOut = await server('a');
    expect(soldOut.status).toBe(422);
    expect(((await soldOut.json()) as { error: { code: string } }).error.code).toBe('capacity_unavailable');
    expect(fake.servers.size).toBe(0);
  });

  it('fails a creation asynchronously with a reason', async () => {
    fake.failNextCreation('servers.create', 'host hardware fault');
    const { server: body } = (await (await server('a')).json()) as { server: Record<string, unknown> };
    expect(body).toMatchObject({ state: 'failed', failure_reason: 'host hardware fault' });
  });

  it('lists with AND tag filters and pages of at most 50', async () => {
    for (let index = 0; index < 53; index += 1)
      await server(`s${index}`, { team: 'a', ...(index % 2 === 0 ? { env: 'prod' } : {}) });
    const page = async (query: string) =>
      (await (await call('GET', `/v1/servers?${query}`)).json()) as {
        servers: Array<{ name: string }>;
        next_page: number | null;
      };
    const first = await page('tag=team:a&per_page=100');
    expect([first.servers.length, first.next_page]).toEqual([50, 2]);
    const second = await page('tag=team:a&per_page=100&page=2');
    expect([second.servers.length, second.next_page]).toEqual([3, null]);
    const both = await page('tag=team:a&tag=env:prod&per_page=50');
    expect(both.servers).toHaveLength(27);
    expect((await page('tag=team:b')).servers).toEqual([]);
  });

  it('deletes a server through deleting: gone after the reads, or at the next delete', async () => {
    await server('a');
    await server('b');
    expect((await call('DELETE', '/v1/servers/1001')).status).toBe(202);
    expect(
      ((await (await call('GET', '/v1/servers/1001')).json()) as { server: { state: string } }).server.state,
    ).toBe('deleting');
    expect((await call('GET', '/v1/servers/1001')).status).toBe(404);
    expect((await call('DELETE', '/v1/servers/1002')).status).toBe(202);
    expect((await call('DELETE', '/v1/servers/1002')).status).toBe(204);
    expect((await call('DELETE', '/v1/servers/1002')).status).toBe(404);
    expect(fake.leftovers()).toEqual([]);
  });

  it('keeps firewalls until a client deletes them, and reports a server inbound rules', async () => {
    const created = await call('POST', '/v1/firewalls', {
      name: 'web',
      rules: [{ protocol: 'tcp', from_port: 80, to_port: 80 }],
    });
    expect(created.status).toBe(201);
    await server('a', {}, { firewall_ids: ['fw-1001'] });
    await server('b');
    expect(fake.inboundRules('1001')).toEqual([{ from: 80, to: 80, protocol: 'tcp' }]);
    expect(fake.inboundRules('1002')).toBeUndefined();
    const listed = (await (await call('GET', '/v1/firewalls?name=web')).json()) as {
      firewalls: Array<{ server_ids: string[] }>;
    };
    expect(listed.firewalls.map((firewall) => firewall.server_ids)).toEqual([['1001']]);
    await call('DELETE', '/v1/servers/1001');
    await call('DELETE', '/v1/servers/1001');
    expect(fake.leftovers().map((leftover) => leftover.kind)).toEqual(['server', 'firewall']);
    expect((await call('DELETE', '/v1/firewalls/fw-1001')).status).toBe(204);
    expect((await call('DELETE', '/v1/firewalls/fw-1001')).status).toBe(404);
  });

  it('refuses a server naming a firewall that does not exist, and bad firewall rules', async () => {
    expect((await server('a', {}, { firewall_ids: ['fw-9'] })).status).toBe(422);
    expect(
      (
        await call('POST', '/v1/firewalls', {
          name: 'x',
          rules: [{ protocol: 'icmp', from_port: 1, to_port: 1 }],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call('POST', '/v1/firewalls', {
          name: 'x',
          rules: [{ protocol: 'tcp', from_port: 9, to_port: 8 }],
        })
      ).status,
    ).toBe(422);
    expect(fake.leftovers()).toEqual([]);
  });

  it('names its operations', async () => {
    await server('a');
    await call('GET', '/v1/servers/1001');
    await call('GET', '/v1/servers');
    await call('DELETE', '/v1/servers/1001');
    await call('POST', '/v1/firewalls', {
      name: 'x',
      rules: [{ protocol: 'udp', from_port: 53, to_port: 53 }],
    });
    await call('GET', '/v1/firewalls');
    await call('DELETE', '/v1/firewalls/fw-1001');
    expect(fake.requests.map((request) => request.operation)).toEqual([
      'servers.create',
      'servers.get',
      'servers.list',
      'servers.delete',
      'firewalls.create',
      'firewalls.list',
      'firewalls.delete',
    ]);
  });
});
