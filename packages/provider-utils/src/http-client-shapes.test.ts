import { createHash, createHmac } from 'node:crypto';
import { AuthenticationError, ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createCachedValue } from './cached-value.js';
import { createHttpClient } from './http-client.js';
import type { HttpClientOptions } from './http-client-options.js';
import { createRateLimiter } from './rate-limiter.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'https://api.cloud.test';

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    provider: 'testcloud',
    version: '1.2.3',
    baseUrl: BASE,
    credential: () => 'token-0123456789',
    rateLimiter: createRateLimiter(),
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5000 },
    sleep: async () => {},
    ...overrides,
  });
}

describe('request bodies and answers', () => {
  it('sends a form body, client headers and per-request headers', async () => {
    const seen: Request[] = [];
    server.use(
      http.post(`${BASE}/form`, ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json({ ok: true });
      }),
    );
    await client({ headers: { 'X-Client': 'everywhere' } }).request({
      method: 'POST',
      path: '/form',
      form: { Action: 'RunInstances', Count: 1, Skipped: undefined, Name: 'a b&c' },
      headers: { 'X-Request': 'this-one' },
      operation: 'provision',
    });
    const request = seen[0] as Request;
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await request.text()).toBe('Action=RunInstances&Count=1&Name=a+b%26c');
    expect(request.headers.get('x-client')).toBe('everywhere');
    expect(request.headers.get('x-request')).toBe('this-one');
  });

  it('sends raw XML and reads XML answers and XML errors with the caller’s parser', async () => {
    const seen: string[] = [];
    server.use(
      http.put(`${BASE}/xml/ok`, async ({ request }) => {
        seen.push(`${request.headers.get('content-type')} ${await request.text()}`);
        return new HttpResponse('<Reply><Id>42</Id></Reply>', { headers: { 'content-type': 'text/xml' } });
      }),
      http.put(
        `${BASE}/xml/bad`,
        () =>
          new HttpResponse('<Error><Code>Nope</Code><Message>not allowed</Message></Error>', { status: 400 }),
      ),
    );
    // A deliberately small reader of the two shapes in this test: a real provider brings its own.
    const parse = (text: string) => {
      const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
      if (!text.trimStart().startsWith('<')) throw new Error('not XML');
      return { id: tag('Id'), code: tag('Code'), message: tag('Message') };
    };
    const xml = client({
      accept: 'application/xml',
      parse,
      parseError: (body) => body as { code?: string; message?: string },
    });
    const answer = await xml.request({
      method: 'PUT',
      path: '/xml/ok',
      text: '<Create><Name>a</Name></Create>',
      contentType: 'application/xml',
      schema: z.object({ id: z.string() }),
      operation: 'provision',
    });
    expect(answer.data).toEqual({ id: '42' });
    expect(seen).toEqual(['application/xml <Create><Name>a</Name></Create>']);
    const error = await xml
      .request({
        method: 'PUT',
        path: '/xml/bad',
        text: '<x/>',
        contentType: 'application/xml',
        operation: 'provision',
      })
      .catch((caught) => caught);
    expect(error).toMatchObject({ status: 400, providerCode: 'Nope' });
    expect(error.message).toContain('not allowed');
  });
});

describe('answers that are not the cloud’s format are errors, never success', () => {
  const schema = z.object({ droplet: z.object({ id: z.number() }) });

  it.each([
    ['an empty 200', () => new HttpResponse('', { status: 200 })],
    [
      'an HTML page',
      () =>
        new HttpResponse('<html><body>sign in to the hotel wifi SECRET-PAGE</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    ['truncated JSON', () => new HttpResponse('{"droplet": {"id": 1', { status: 200 })],
    ['a 204 where a body is expected', () => new HttpResponse(null, { status: 204 })],
  ])('%s becomes invalid_response and does not repeat the body', async (_label, answer) => {
    server.use(http.get(`${BASE}/thing`, answer));
    const error = await client()
      .request({ method: 'GET', path: '/thing', schema, operation: 'status' })
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(error.message).not.toContain('SECRET-PAGE');
    expect(error.message).not.toContain('"id"');
  });

  it('names the media type of an answer it could not read', async () => {
    server.use(
      http.get(
        `${BASE}/thing`,
        () => new HttpResponse('<html></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      ),
    );
    const error = await client()
      .request({ method: 'GET', path: '/thing', operation: 'status' })
      .catch((caught) => caught);
    expect(error.message).toContain('text/html');
  });

  it('takes an empty answer where the request says it is legal (a DELETE, a 204)', async () => {
    server.use(
      http.delete(`${BASE}/thing`, () => new HttpResponse(null, { status: 204 })),
      http.post(`${BASE}/action`, () => new HttpResponse(null, { status: 202 })),
    );
    const deleted = await client().request({ method: 'DELETE', path: '/thing', operation: 'delete' });
    expect(deleted).toMatchObject({ status: 204, data: undefined });
    const accepted = await client().request({
      method: 'POST',
      path: '/action',
      schema,
      allowEmptyBody: true,
      operation: 'start',
    });
    expect(accepted).toMatchObject({ status: 202, data: undefined });
  });

  it('refuses an HTML page answering a DELETE instead of calling it deleted', async () => {
    server.use(http.delete(`${BASE}/thing`, () => new HttpResponse('<html>portal</html>', { status: 200 })));
    const error = await client()
      .request({ method: 'DELETE', path: '/thing', operation: 'delete' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });
});

describe('request signing', () => {
  it('signs every attempt anew from method, URL, headers, body and the time', async () => {
    const key = 'signing-secret';
    let clock = 1_700_000_000_000;
    const received: Array<{ date: string; valid: boolean }> = [];
    server.use(
      http.post(`${BASE}/signed`, async ({ request }) => {
        const body = await request.text();
        const date = request.headers.get('x-date') ?? '';
        const digest = createHash('sha256').update(body).digest('hex');
        const expected = createHmac('sha256', key)
          .update(`POST\n${request.url}\n${date}\n${request.headers.get('content-type')}\n${digest}`)
          .digest('hex');
        received.push({ date, valid: request.headers.get('x-signature') === expected });
        return received.length === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json({ ok: true });
      }),
    );
    const signed = client({
      credential: undefined,
      now: () => clock,
      sleep: async () => {
        clock += 1000;
      },
      sign: ({ method, url, headers, body, now }) => {
        const date = new Date(now).toISOString();
        const digest = createHash('sha256')
          .update(body ?? '')
          .digest('hex');
        const signature = createHmac('sha256', key)
          .update(`${method}\n${url.href}\n${date}\n${headers['content-type']}\n${digest}`)
          .digest('hex');
        return { 'x-date': date, 'x-signature': signature };
      },
    });
    await signed.request({
      method: 'POST',
      path: '/signed',
      query: { a: 1 },
      body: { name: 'x' },
      operation: 'provision',
    });
    expect(received.map((entry) => entry.valid)).toEqual([true, true]);
    expect(new Set(received.map((entry) => entry.date)).size).toBe(2);
  });

  it('fits OVH: "$1$" + SHA-1 of secret, consumer key, method, URL, body and a timestamp corrected to the server clock', async () => {
    const application = { key: 'app-key', secret: 'app-secret', consumer: 'consumer-key' };
    const serverSkewSeconds = 3600;
    const localNow = 1_700_000_000_000;
    const timeRequests: number[] = [];
    const verdicts: boolean[] = [];
    const OVH = 'https://eu.api.ovh.test/1.0';
    server.use(
      http.get(`${OVH}/auth/time`, () => {
        timeRequests.push(1);
        return HttpResponse.json(Math.floor(localNow / 1000) + serverSkewSeconds);
      }),
      http.all(`${OVH}/cloud/*`, async ({ request }) => {
        const timestamp = request.headers.get('x-ovh-timestamp') ?? '';
        const body = await request.text();
        const expected = `$1$${createHash('sha1')
          .update(
            [application.secret, application.consumer, request.method, request.url, body, timestamp].join(
              '+',
            ),
          )
          .digest('hex')}`;
        const inTime = Math.abs(Number(timestamp) - (Math.floor(localNow / 1000) + serverSkewSeconds)) <= 5;
        verdicts.push(
          request.headers.get('x-ovh-signature') === expected &&
            inTime &&
            request.headers.get('x-ovh-application') === application.key,
        );
        return HttpResponse.json({ id: 'instance-1' });
      }),
    );
    const plain = client({ baseUrl: OVH, credential: undefined });
    const offset = createCachedValue(async () => {
      const { data } = await plain.request({
        method: 'GET',
        path: '/auth/time',
        schema: z.number(),
        operation: 'provision',
      });
      return { value: data * 1000 - localNow };
    });
    const ovh = client({
      baseUrl: OVH,
      credential: undefined,
      account: () => application.consumer,
      now: () => localNow,
      sign: async ({ method, url, body, now }) => {
        const timestamp = String(Math.floor((now + (await offset.get())) / 1000));
        const signature = createHash('sha1')
          .update(
            [application.secret, application.consumer, method, url.href, body ?? '', timestamp].join('+'),
          )
          .digest('hex');
        return {
          'x-ovh-application': application.key,
          'x-ovh-consumer': application.consumer,
          'x-ovh-timestamp': timestamp,
          'x-ovh-signature': `$1$${signature}`,
        };
      },
    });
    await ovh.request({
      method: 'POST',
      path: '/cloud/project/p/instance',
      body: { name: 'a' },
      operation: 'provision',
    });
    await ovh.request({ method: 'GET', path: '/cloud/project/p/instance/instance-1', operation: 'status' });
    expect(verdicts).toEqual([true, true]);
    expect(timeRequests).toHaveLength(1);
  });
});

describe('a base URL from a service catalog (OpenStack Keystone)', () => {
  const KEYSTONE = 'https://identity.cloud.test/v3';
  const COMPUTE = 'https://compute.cloud.test/v2.1';

  function keystone() {
    const state = { issued: 0, valid: new Set<string>(), catalogRequests: 0 };
    server.use(
      http.post(`${KEYSTONE}/auth/tokens`, () => {
        state.issued += 1;
        const token = `token-${state.issued}`;
        state.valid.add(token);
        return HttpResponse.json(
          {
            token: {
              expires_at: new Date(Date.now() + 3_600_000).toISOString(),
              catalog: [{ type: 'compute', endpoints: [{ interface: 'public', url: COMPUTE }] }],
            },
          },
          { status: 201, headers: { 'x-subject-token': token } },
        );
      }),
      http.get(`${COMPUTE}/servers`, ({ request }) =>
        state.valid.has(request.headers.get('x-auth-token') ?? '')
          ? HttpResponse.json({ servers: [] })
          : HttpResponse.json(
              { error: { message: 'The request you have made requires authentication.' } },
              { status: 401 },
            ),
      ),
    );
    const identity = client({ baseUrl: KEYSTONE, credential: undefined });
    const catalog = z.object({
      token: z.object({
        expires_at: z.string(),
        catalog: z.array(
          z.object({
            type: z.string(),
            endpoints: z.array(z.object({ interface: z.string(), url: z.string() })),
          }),
        ),
      }),
    });
    const session = createCachedValue(async () => {
      state.catalogRequests += 1;
      const answer = await identity.request({
        method: 'POST',
        path: '/auth/tokens',
        body: { auth: { identity: { methods: ['password'] } } },
        schema: catalog,
        operation: 'provision',
      });
      const compute = answer.data.token.catalog.find((service) => service.type === 'compute');
      return {
        value: {
          token: answer.headers.get('x-subject-token') ?? '',
          computeUrl: compute?.endpoints[0]?.url ?? '',
        },
        expiresAt: Date.parse(answer.data.token.expires_at),
      };
    });
    const compute = client({
      baseUrl: async () => (await session.get()).computeUrl,
      credential: async () => (await session.get()).token,
      authorize: (token) => ({ 'X-Auth-Token': token }),
      onUnauthorized: () => session.invalidate(),
    });
    return { state, compute };
  }

  it('resolves the compute endpoint once, reuses the token, and refreshes it once after a 401', async () => {
    const { state, compute } = keystone();
    const list = () =>
      compute.request({
        method: 'GET',
        path: '/servers',
        operation: 'list',
        schema: z.object({ servers: z.array(z.unknown()) }),
      });
    await list();
    await list();
    expect(state.issued).toBe(1);
    state.valid.clear(); // the cloud revokes the token
    await list();
    expect(state.issued).toBe(2);
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const { state, compute } = keystone();
    server.use(http.get(`${COMPUTE}/servers`, () => HttpResponse.json({}, { status: 401 })));
    const error = await compute
      .request({ method: 'GET', path: '/servers', operation: 'list' })
      .catch((caught) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(state.issued).toBe(2);
  });
});
