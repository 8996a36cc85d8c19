import { InvalidRequestError, ProviderApiError, RateLimitError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import type { HttpClientOptions } from './http-client-options.js';
import { createRateLimiter } from './rate-limiter.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'https://api.cloud.test';
const OTHER = 'https://elsewhere.test';
const TOKEN = 'token-0123456789';

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    provider: 'testcloud',
    version: '1.2.3',
    baseUrl: BASE,
    credential: () => TOKEN,
    rateLimiter: createRateLimiter(),
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5000 },
    sleep: async () => {},
    ...overrides,
  });
}

/** Records every request that reaches the other origin: none may. */
function elsewhere() {
  const reached: Array<{ method: string; authorization: string | null; body: string }> = [];
  server.use(
    http.all(`${OTHER}/*`, async ({ request }) => {
      reached.push({
        method: request.method,
        authorization: request.headers.get('authorization'),
        body: await request.text(),
      });
      return HttpResponse.json({ droplet: { id: 1 } }, { status: 201 });
    }),
  );
  return reached;
}

describe('redirects', () => {
  it.each([
    ['a 307 of a create to another host', 'POST', 307],
    ['a 308 of a create to another host', 'POST', 308],
    ['a 302 of a read to another host', 'GET', 302],
    ['a 301 of a delete to another host', 'DELETE', 301],
  ] as const)('%s is refused: neither the token nor the body leaves', async (_label, method, status) => {
    const reached = elsewhere();
    server.use(
      http.all(
        `${BASE}/*`,
        () => new HttpResponse(null, { status, headers: { location: `${OTHER}/v2/droplets` } }),
      ),
    );
    const error = await client()
      .request({
        method,
        path: '/v2/droplets',
        ...(method === 'POST' ? { body: { user_data: 'USERDATA-SECRET' } } : {}),
        operation: 'provision',
      })
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'redirect_refused', status, retryable: false });
    expect(error.message).toContain('https://elsewhere.test');
    expect(reached).toEqual([]);
  });

  it('follows a same-origin redirect of a GET, with the credentials', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(
        `${BASE}/v2/old`,
        () => new HttpResponse(null, { status: 301, headers: { location: '/v2/new' } }),
      ),
      http.get(`${BASE}/v2/new`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ ok: true });
      }),
    );
    const answer = await client().request({ method: 'GET', path: '/v2/old', operation: 'status' });
    expect(answer).toMatchObject({ status: 200, data: { ok: true } });
    expect(seen).toEqual([`Bearer ${TOKEN}`]);
  });

  it('does not resend a body on a same-origin redirect either', async () => {
    let created = 0;
    server.use(
      http.post(
        `${BASE}/v2/droplets`,
        () => new HttpResponse(null, { status: 307, headers: { location: '/v2/droplets/again' } }),
      ),
      http.post(`${BASE}/v2/droplets/again`, () => {
        created += 1;
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const error = await client()
      .request({ method: 'POST', path: '/v2/droplets', body: { name: 'a' }, operation: 'provision' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'redirect_refused' });
    expect(created).toBe(0);
  });

  it('stops after three same-origin hops', async () => {
    server.use(
      http.get(`${BASE}/loop`, () => new HttpResponse(null, { status: 302, headers: { location: '/loop' } })),
    );
    const error = await client()
      .request({ method: 'GET', path: '/loop', operation: 'status' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'redirect_refused' });
  });

  it('does not follow a pagination link to another origin', async () => {
    const reached = elsewhere();
    const error = await client()
      .request({ method: 'GET', path: `${OTHER}/v2/droplets?page=2`, operation: 'list' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'foreign_origin' });
    expect(reached).toEqual([]);
  });
});

describe('endpoints', () => {
  it.each([
    ['plain http to a remote host', 'http://api.cloud.test'],
    ['ftp', 'ftp://api.cloud.test/'],
    ['file', 'file:///etc/passwd'],
    ['not a URL', 'api.cloud.test'],
  ])('refuses %s before any request', (_label, baseUrl) => {
    expect(() => client({ baseUrl })).toThrow(InvalidRequestError);
  });

  it.each([
    'http://127.0.0.1:4010/digitalocean',
    'http://localhost:8080',
    'http://[::1]:9000',
    'https://api.cloud.test',
  ])('accepts %s', (baseUrl) => {
    expect(() => client({ baseUrl })).not.toThrow();
  });

  it('accepts plain http to a remote host only when allowed', () => {
    expect(() => client({ baseUrl: 'http://api.cloud.test', allowInsecureHttp: true })).not.toThrow();
  });

  it('checks a lazily resolved base URL too, before sending', async () => {
    const error = await client({ baseUrl: async () => 'http://compute.cloud.test' })
      .request({ method: 'GET', path: '/servers', operation: 'list' })
      .catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).toContain('plain http://');
  });
});

describe('throttling', () => {
  it('repeats throttled requests without spending the retries meant for failures', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/x`, () => {
        calls += 1;
        return calls <= 5
          ? HttpResponse.json({ id: 'too_many_requests' }, { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json({ ok: true }, { status: 201 });
      }),
    );
    const answer = await client({ retry: { maxRetries: 1, maxDelayMs: 5000 } }).request({
      method: 'POST',
      path: '/x',
      operation: 'provision',
    });
    expect(answer.status).toBe(201);
    expect(calls).toBe(6);
  });

  it('hands the throttled answer to the caller at once when retries are off (maxRetries: 0)', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls += 1;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } });
      }),
    );
    const error = await client({ retry: { maxRetries: 0 } })
      .request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(1000);
    expect(calls).toBe(1);
  });

  it('hands RateLimitError to the caller once the throttled waits pass maxRateLimitWaitMs', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls += 1;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '2' } });
      }),
    );
    const error = await client({ retry: { maxDelayMs: 5000, maxRateLimitWaitMs: 7000 } })
      .request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(calls).toBe(4);
  });

  it('makes clients of the same account wait when one of them learns the window is spent (one shared limiter)', async () => {
    const base = 'https://shared.cloud.test';
    let calls = 0;
    server.use(
      http.get(`${base}/x`, () => {
        calls += 1;
        // A short window with nothing left in it, reset in 3 s (Linode and Vultr count per window).
        return HttpResponse.json(
          {},
          { headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' } },
        );
      }),
    );
    const waits: number[] = [];
    const shared = (credential: string) =>
      createHttpClient({
        provider: 'testcloud',
        version: '1',
        baseUrl: base,
        credential: () => credential,
        sleep: async (ms) => void waits.push(ms),
      });
    await shared('account-a').request({ method: 'GET', path: '/x', operation: 'status' });
    expect(waits).toEqual([]);
    await shared('account-a').request({ method: 'GET', path: '/x', operation: 'status' });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(2000);
    // Another account has a limiter of its own.
    await shared('account-b').request({ method: 'GET', path: '/x', operation: 'status' });
    expect(waits).toHaveLength(1);
    expect(calls).toBe(3);
  });

  it('moves one client to the new account’s limiter when its credential changes between requests', async () => {
    const base = 'https://rotating.cloud.test';
    let calls = 0;
    server.use(
      http.get(`${base}/x`, () => {
        calls += 1;
        return HttpResponse.json(
          {},
          { headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' } },
        );
      }),
    );
    const waits: number[] = [];
    let credential = 'rotating-a';
    const rotating = createHttpClient({
      provider: 'testcloud',
      version: '1',
      baseUrl: base,
      credential: () => credential,
      sleep: async (ms) => void waits.push(ms),
    });
    await rotating.request({ method: 'GET', path: '/x', operation: 'status' });
    // A new token is another account: its window is not the spent one.
    credential = 'rotating-b';
    await rotating.request({ method: 'GET', path: '/x', operation: 'status' });
    expect(waits).toEqual([]);
    // Back on the first account, whose window is still spent.
    credential = 'rotating-a';
    await rotating.request({ method: 'GET', path: '/x', operation: 'status' });
    expect(waits).toHaveLength(1);
    expect(calls).toBe(3);
  });
});
