import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from './http-client.js';
import { headersOf } from './node-http-transport.js';
import { createRateLimiter } from './rate-limiter.js';
import { retryAfterMs } from './retry.js';

// The default transport (node:http, used while the global fetch is the one the process started
// with) against a real server on 127.0.0.1: no msw and no `fetch` option here.
let server: Server;
let base: string;
const received: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> =
  [];
/** Called each time a request has reached the server, after it is in `received`. */
let onReceived: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      onReceived?.();
      if (request.url === '/silent') return; // accepts, never answers
      if (request.url === '/stalls') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"droplets": [');
        return; // stops mid-body
      }
      if (request.url === '/elsewhere') {
        response.writeHead(302, { location: 'http://203.0.113.9/v2/account' }).end();
        return;
      }
      if (request.url === '/moved') {
        response.writeHead(301, { location: '/v2/things?page=2' }).end();
        return;
      }
      if (request.url === '/missing') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"id":"not_found","message":"The resource you requested could not be found."}');
        return;
      }
      response.writeHead(request.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'ratelimit-remaining': '4999',
      });
      response.end(JSON.stringify({ path: request.url, echoed: body === '' ? null : JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  received.length = 0;
  onReceived = undefined;
  vi.unstubAllGlobals();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(options: { maxRetries?: number; timeoutMs?: number; baseUrl?: string } = {}) {
  return createHttpClient({
    provider: 'testcloud',
    version: '1.2.3',
    baseUrl: options.baseUrl ?? base,
    credential: () => 'secret-token',
    rateLimiter: createRateLimiter(),
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { maxRetries: options.maxRetries ?? 0, baseDelayMs: 1 },
    sleep: async () => {},
  });
}

describe('the default transport (node:http)', () => {
  it('sends the method, headers and body, and reads status, headers and the parsed body', async () => {
    const answer = await client().request({
      method: 'POST',
      path: '/v2/droplets',
      query: { tag: 'a b' },
      body: { name: 'web' },
      operation: 'provision',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('RateLimit-Remaining')).toBe('4999');
    expect(answer.data).toEqual({ path: '/v2/droplets?tag=a+b', echoed: { name: 'web' } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      body: '{"name":"web"}',
      headers: {
        authorization: 'Bearer secret-token',
        'user-agent': 'provision/testcloud/1.2.3',
        'content-type': 'application/json',
        'content-length': '14',
        accept: 'application/json',
      },
    });
  });

  it('maps an error answer as the fetch path does', async () => {
    const error = await client()
      .request({ method: 'GET', path: '/missing', operation: 'status' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, provider: 'testcloud' });
  });

  it('follows a same-origin redirect of a GET and refuses one to another origin', async () => {
    const followed = await client().request({ method: 'GET', path: '/moved', operation: 'list' });
    expect(followed.data).toEqual({ path: '/v2/things?page=2', echoed: null });
    const refused = await client()
      .request({ method: 'GET', path: '/elsewhere', operation: 'status' })
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: 'redirect_refused', status: 302 });
    expect(received.map((request) => request.url)).toEqual(['/moved', '/v2/things?page=2', '/elsewhere']);
  });

  it('times out a server that never answers, and one that stops mid-body (a GET is retried)', async () => {
    const silent = await client({ timeoutMs: 50 })
      .request({ method: 'GET', path: '/silent', operation: 'list' })
      .catch((caught: unknown) => caught);
    expect(silent).toMatchObject({ code: 'timeout', retryable: true });
    received.length = 0;
    const stalled = await client({ timeoutMs: 50, maxRetries: 1 })
      .request({ method: 'GET', path: '/stalls', operation: 'list' })
      .catch((caught: unknown) => caught);
    expect(stalled).toMatchObject({ code: 'timeout', retryable: true });
    // Under load a timed-out attempt may not have reached the server yet; the first one has.
    expect(received.length).toBeGreaterThanOrEqual(1);
  });

  it("ends the exchange on the caller's signal with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    const arrived = new Promise<void>((resolve) => {
      onReceived = resolve;
    });
    const pending = client()
      .request({ method: 'GET', path: '/silent', operation: 'list', signal: controller.signal })
      .catch((caught: unknown) => caught);
    await arrived;
    expect(received).toHaveLength(1);
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await client({ baseUrl: `http://127.0.0.1:${port}` })
      .request({ method: 'GET', path: '/v2/account', operation: 'verifyCredentials' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'network_error' });
  });

  it('uses a global fetch put in place of the starting one (an interceptor), at each request', async () => {
    const calls: string[] = [];
    const original = globalThis.fetch;
    vi.stubGlobal('fetch', (input: URL | RequestInfo, init?: RequestInit) => {
      calls.push(String(input));
      return original(input, init);
    });
    await client().request({ method: 'GET', path: '/v2/one', operation: 'status' });
    vi.unstubAllGlobals();
    await client().request({ method: 'GET', path: '/v2/two', operation: 'status' });
    expect(calls).toEqual([`${base}/v2/one`]);
    expect(received.map((request) => request.url)).toEqual(['/v2/one', '/v2/two']);
  });
});

describe('headersOf', () => {
  it('reads names without case and joins list values, as Headers does', () => {
    const headers = headersOf({
      'Retry-After': '7',
      'x-list': ['a', 'b'],
      'set-cookie': ['k=v', 'l=w'],
      gone: undefined,
    });
    expect(headers.get('retry-after')).toBe('7');
    expect(headers.has('GONE')).toBe(false);
    expect(headers.get('X-List')).toBe('a, b');
    expect(headers.getSetCookie()).toEqual(['k=v', 'l=w']);
    expect([...headers.keys()]).toEqual(['retry-after', 'set-cookie', 'x-list']);
    expect(retryAfterMs(headers, 0)).toBe(7000);
  });
});
