import { beforeEach, describe, expect, it } from 'vitest';
import { FakeCloud, type FakeCloudOptions } from './fake-cloud.js';
import { NETWORK_ERROR } from './network-error.js';
import { setupFakeServer } from './setup-fake-server.js';

interface Item {
  id: string;
  name: string;
  zone: string;
  state: 'pending' | 'ready' | 'failed';
  reason?: string;
}

/** The smallest cloud that exercises the base: items in zones, behind `/api`. */
class ItemCloud extends FakeCloud {
  readonly items = this.store<Item>('item', (item) => `item ${item.name} (${item.id})`);

  constructor(options: Partial<FakeCloudOptions> = {}) {
    super({ provider: 'items', baseUrl: 'https://items.test/api', ...options });
    this.route('POST', '/v1/zones/:zone/items', 'items.create', async (context) => {
      const body = await context.json<{ name: string; size?: string }>();
      if (!this.hasCapacity(context.params.zone as string, body.size ?? 'small')) {
        this.fail(422, 'sold_out', 'No capacity.');
      }
      const reason = this.takeAsyncFailure('items.create');
      const item = this.items.set({
        id: this.items.nextId('it-'),
        name: body.name,
        zone: context.params.zone as string,
        state: reason === undefined ? 'pending' : 'failed',
        ...(reason === undefined ? {} : { reason }),
      });
      return Response.json({ item }, { status: 201 });
    });
    this.route('GET', '/v1/zones/:zone/items/:id', 'items.get', (context) => {
      const item = this.items.get(context.params.id as string);
      if (item === undefined || item.zone !== context.params.zone)
        this.fail(404, 'not_found', 'No such item.');
      if (item.state === 'pending' && this.lifecycle.read(item.id)) item.state = 'ready';
      return Response.json({ item });
    });
    this.route('DELETE', '/v1/zones/:zone/items/:id', 'items.delete', (context) => {
      return this.items.delete(context.params.id as string)
        ? new Response(null, { status: 204 })
        : this.fail(404, 'not_found', 'No such item.');
    });
    this.route('GET', '/v1/echo/:text', 'echo', (context) =>
      Response.json({ params: context.params, query: context.url.search }),
    );
    this.route('GET', '/v1/where', 'where', (context) =>
      Response.json({ url: context.url.href, clientUrl: context.clientUrl.href }),
    );
    this.route('GET', '/v1/boom', 'boom', () => {
      throw new Error('handler bug');
    });
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    return Response.json(
      { error: { code, message } },
      { status, ...(headers === undefined ? {} : { headers }) },
    );
  }

  protected override responseHeaders(): Record<string, string> {
    return { 'x-cloud': 'items' };
  }
}

const BASE = 'https://items.test/api';
const fakeServer = setupFakeServer();
let cloud: ItemCloud;

beforeEach(() => {
  cloud = new ItemCloud();
  fakeServer.use(cloud);
});

function create(name: string, zone = 'z1', size?: string): Promise<Response> {
  return fetch(`${BASE}/v1/zones/${zone}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, ...(size === undefined ? {} : { size }) }),
  });
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('routing', () => {
  it('matches method and pattern relative to the base path and decodes params', async () => {
    const response = await fetch(`${BASE}/v1/echo/a%20b?x=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ params: { text: 'a b' }, query: '?x=1' });
    expect(response.headers.get('x-cloud')).toBe('items');
  });

  it('answers 404 through errorResponse for an unknown path, a wrong method or a path outside the base', async () => {
    for (const [method, url] of [
      ['GET', `${BASE}/v1/nothing`],
      ['PUT', `${BASE}/v1/echo/x`],
      ['GET', 'https://items.test/v1/echo/x'],
    ] as const) {
      const response = await fetch(url, { method });
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
    expect(cloud.count('unmatched')).toBe(3);
  });

  it('answers 400 through errorResponse when a JSON body is not JSON, and 500 when a handler throws', async () => {
    const bad = await fetch(`${BASE}/v1/zones/z1/items`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('bad_request');
    const boom = await fetch(`${BASE}/v1/boom`);
    expect(boom.status).toBe(500);
    expect(await errorCode(boom)).toBe('internal_error');
    expect(cloud.items.size).toBe(0);
  });

  it('serves handle() directly, without msw, for any origin', async () => {
    const result = await cloud.handle(new Request('http://127.0.0.1:4010/api/v1/echo/x'));
    expect(result).not.toBe(NETWORK_ERROR);
    expect(await (result as Response).json()).toEqual({ params: { text: 'x' }, query: '' });
  });

  it("gives handlers the client's URL when a proxy rewrote the request, else the request's own", async () => {
    const rewritten = new Request('https://items.test/api/v1/where?a=1');
    const own = await cloud.handle(rewritten);
    expect(await (own as Response).json()).toEqual({
      url: 'https://items.test/api/v1/where?a=1',
      clientUrl: 'https://items.test/api/v1/where?a=1',
    });
    const clientUrl = new URL('http://items.localhost:4010/v1/where?a=1');
    const proxied = await cloud.handle(rewritten.clone(), { clientUrl });
    expect(await (proxied as Response).json()).toEqual({
      url: 'https://items.test/api/v1/where?a=1',
      clientUrl: 'http://items.localhost:4010/v1/where?a=1',
    });
    // Routing and the log keep to the request's own URL.
    expect(cloud.requests.at(-1)).toMatchObject({ operation: 'where', path: '/v1/where?a=1', status: 200 });
  });
});

describe('faults', () => {
  it('http-500 answers 500 and commits nothing', async () => {
    cloud.injectFault({ kind: 'http-500' });
    const response = await create('a');
    expect(response.status).toBe(500);
    expect(await errorCode(response)).toBe('internal_error');
    expect(cloud.items.size).toBe(0);
    expect((await create('a')).status).toBe(201);
  });

  it('rate-limit answers 429 with Retry-After and commits nothing', async () => {
    cloud.injectFault({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const response = await create('a');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await errorCode(response)).toBe('rate_limited');
    expect(cloud.items.size).toBe(0);
  });

  it('rate-limit defaults Retry-After to 1 second', async () => {
    cloud.injectFault({ kind: 'rate-limit' });
    expect((await create('a')).headers.get('retry-after')).toBe('1');
  });

  it('connection-reset makes fetch reject and commits nothing', async () => {
    cloud.injectFault({ kind: 'connection-reset' });
    await expect(create('a')).rejects.toThrow(TypeError);
    expect(cloud.items.size).toBe(0);
  });

  it('lost-response commits the change, then fetch rejects', async () => {
    cloud.injectFault({ kind: 'lost-response', operation: 'items.create' });
    await expect(create('a')).rejects.toThrow(TypeError);
    expect(cloud.items.values().map((item) => item.name)).toEqual(['a']);
    expect(cloud.requests.at(-1)).toMatchObject({
      operation: 'items.create',
      status: 'network-error',
      fault: 'lost-response',
    });
  });

  it('targets an operation, lets `after` requests through, then fails `times` requests', async () => {
    cloud.injectFault({ kind: 'http-500', operation: 'items.create', after: 1, times: 2 });
    expect((await fetch(`${BASE}/v1/echo/x`)).status).toBe(200);
    const statuses: number[] = [];
    for (const name of ['a', 'b', 'c', 'd']) statuses.push((await create(name)).status);
    expect(statuses).toEqual([201, 500, 500, 201]);
    expect(cloud.pendingFaults).toEqual([]);
    expect(cloud.items.values().map((item) => item.name)).toEqual(['a', 'd']);
  });

  it('clearFaults drops pending faults', async () => {
    cloud.injectFault({ kind: 'http-500', times: 3 });
    cloud.clearFaults();
    expect((await create('a')).status).toBe(201);
  });

  it('rejects nonsense fault counts', () => {
    expect(() => cloud.injectFault({ kind: 'http-500', times: 0 })).toThrow(TypeError);
    expect(() => cloud.injectFault({ kind: 'http-500', after: -1 })).toThrow(TypeError);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After through errorResponse on the throttled request', async () => {
    // Counted, not timed: the third request is throttled however slowly the machine runs.
    const limited = new ItemCloud({ rateLimit: { rejectEvery: 3, retryAfterSeconds: 3 } });
    fakeServer.use(limited);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index < 3; index += 1) {
      last = await fetch(`${BASE}/v1/echo/x`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.headers.get('retry-after')).toBe('3');
    expect(await errorCode(last as Response)).toBe('rate_limited');
    expect(last?.headers.get('x-cloud')).toBe('items');
  });

  it('computes Retry-After from the refill rate of a timed bucket when none is configured', async () => {
    // One request per 1000 s: the bucket cannot refill between two requests, however slow the machine.
    const limited = new ItemCloud({ rateLimit: { requestsPerSecond: 0.001 } });
    fakeServer.use(limited);
    expect((await fetch(`${BASE}/v1/echo/x`)).status).toBe(200);
    const response = await fetch(`${BASE}/v1/echo/x`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1000');
  });
});

describe('lifecycle, async failures and capacity', () => {
  it('a resource becomes ready on the readsUntilActive-th read', async () => {
    const created = (await (await create('a')).json()) as { item: Item };
    const states: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${BASE}/v1/zones/z1/items/${created.item.id}`);
      states.push(((await response.json()) as { item: Item }).item.state);
    }
    expect(created.item.state).toBe('pending');
    expect(states).toEqual(['pending', 'ready', 'ready']);
  });

  it('counts reads per key and restarts a key on demand', () => {
    const quick = new ItemCloud({ readsUntilActive: 3 });
    expect([
      quick.lifecycle.read('k'),
      quick.lifecycle.read('other'),
      quick.lifecycle.read('k'),
      quick.lifecycle.read('k'),
    ]).toEqual([false, false, false, true]);
    quick.lifecycle.restart('k');
    expect(quick.lifecycle.read('k')).toBe(false);
  });

  it('failNextCreation fails exactly the next creation asynchronously', async () => {
    cloud.failNextCreation('items.create', 'host error');
    const first = (await (await create('a')).json()) as { item: Item };
    const second = (await (await create('b')).json()) as { item: Item };
    expect(first.item).toMatchObject({ state: 'failed', reason: 'host error' });
    expect(second.item.state).toBe('pending');
  });

  it('setSoldOut makes matching region/plan pairs unavailable', async () => {
    cloud.setSoldOut({ region: 'z2' });
    cloud.setSoldOut({ plan: 'large' });
    expect((await create('a', 'z2')).status).toBe(422);
    expect((await create('b', 'z1', 'large')).status).toBe(422);
    expect((await create('c', 'z1', 'small')).status).toBe(201);
  });
});

describe('request log, leftovers and reset', () => {
  it('logs operation, method, relative path with query, status, fault and body', async () => {
    await create('a');
    const mark = cloud.mark();
    cloud.injectFault({ kind: 'http-500', operation: 'items.get' });
    await fetch(`${BASE}/v1/zones/z1/items/it-1001?verbose=1`);
    await fetch(`${BASE}/v1/zones/z1/items/it-1001`, { method: 'DELETE' });
    expect(cloud.requests[0]).toEqual({
      seq: 1,
      operation: 'items.create',
      method: 'POST',
      path: '/v1/zones/z1/items',
      status: 201,
      body: '{"name":"a"}',
    });
    expect(cloud.since(mark)).toEqual([
      {
        seq: 2,
        operation: 'items.get',
        method: 'GET',
        path: '/v1/zones/z1/items/it-1001?verbose=1',
        status: 500,
        fault: 'http-500',
      },
      {
        seq: 3,
        operation: 'items.delete',
        method: 'DELETE',
        path: '/v1/zones/z1/items/it-1001',
        status: 204,
      },
    ]);
    expect(cloud.count()).toBe(3);
    expect(cloud.count('items.get')).toBe(1);
  });

  it('leftovers lists what every store still holds, with its description', async () => {
    await create('a');
    await create('b');
    await fetch(`${BASE}/v1/zones/z1/items/it-1001`, { method: 'DELETE' });
    expect(cloud.leftovers()).toEqual([{ kind: 'item', id: 'it-1002', description: 'item b (it-1002)' }]);
  });

  it('reset empties stores, log, faults, lifecycles, failures and sold-out marks, and restarts ids', async () => {
    await create('a');
    cloud.lifecycle.read('it-1001');
    cloud.injectFault({ kind: 'http-500' });
    cloud.failNextCreation('items.create', 'x');
    cloud.setSoldOut({});
    const mark = cloud.mark();
    cloud.reset();
    expect(cloud.leftovers()).toEqual([]);
    expect(cloud.requests).toEqual([]);
    expect(cloud.pendingFaults).toEqual([]);
    const created = (await (await create('b')).json()) as { item: Item };
    expect(created.item).toMatchObject({ id: 'it-1001', state: 'pending' });
    expect(cloud.lifecycle.read('it-1001')).toBe(false);
    expect(cloud.since(mark)).toHaveLength(1);
  });
});
