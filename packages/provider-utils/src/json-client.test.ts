import {
  AuthenticationError,
  MissingCredentialsError,
  ProviderApiError,
  RateLimitError,
} from '@provision/core';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createJsonClient, type JsonClientOptions } from './json-client.js';
import { loadCredential } from './load-credential.js';
import { createRateLimiter } from './rate-limiter.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = 'secret-token-0123456789';
const BASE = 'https://api.cloud.test';

function client(overrides: Partial<JsonClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const instance = createJsonClient({
    provider: 'testcloud',
    version: '1.2.3',
    baseUrl: BASE,
    credential: () => TOKEN,
    // Each test its own limiter: what one test teaches must not pace the next.
    rateLimiter: createRateLimiter(),
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 5000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: { debug: (message, fields) => logs.push(`${message} ${JSON.stringify(fields)}`), warn: () => {} },
    ...overrides,
  });
  return { instance, sleeps, logs };
}

function counting(status: number[], body: unknown = { ok: true }, headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  return {
    seen,
    handler: http.all(`${BASE}/*`, ({ request }) => {
      seen.push(request.clone());
      const next = status[Math.min(seen.length - 1, status.length - 1)] as number;
      if (next === 0) return HttpResponse.error();
      return next === 204
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json((next >= 400 ? { id: 'boom', message: 'it broke' } : body) as JsonBodyType, {
            status: next,
            headers,
          });
    }),
  };
}

describe('createJsonClient', () => {
  it('sends the user agent, the bearer credential, JSON and the query', async () => {
    const { seen, handler } = counting([200]);
    server.use(handler);
    const { instance } = client();
    const response = await instance.request({
      method: 'POST',
      path: '/v2/things',
      query: { page: 2, skip: undefined },
      body: { a: 1 },
      operation: 'provision',
    });
    expect(response.data).toEqual({ ok: true });
    const request = seen[0] as Request;
    expect(request.headers.get('user-agent')).toBe('provision/testcloud/1.2.3');
    expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(new URL(request.url).search).toBe('?page=2');
    expect(await request.json()).toEqual({ a: 1 });
  });

  it('keeps a path prefix in the base URL (the emulator mounts each cloud under one)', async () => {
    const { seen, handler } = counting([200]);
    server.use(handler);
    await client({ baseUrl: `${BASE}/digitalocean/` }).instance.request({
      method: 'GET',
      path: '/v2/account',
      operation: 'verifyCredentials',
    });
    expect(new URL((seen[0] as Request).url).pathname).toBe('/digitalocean/v2/account');
  });

  it('retries a GET after 500s with growing backoff, then succeeds', async () => {
    const { seen, handler } = counting([500, 502, 200]);
    server.use(handler);
    const { instance, sleeps } = client({
      sleep: async (ms) => void sleeps.push(ms),
      retry: { baseDelayMs: 100, maxRetries: 3 },
    });
    await expect(instance.request({ method: 'GET', path: '/x', operation: 'status' })).resolves.toMatchObject(
      { status: 200 },
    );
    expect(seen).toHaveLength(3);
  });

  it('does not retry a POST after a 500 (it may have been processed) and marks the error retryable', async () => {
    const { seen, handler } = counting([500, 200]);
    server.use(handler);
    const error = await client()
      .instance.request({ method: 'POST', path: '/x', operation: 'provision' })
      .catch((caught) => caught);
    expect(seen).toHaveLength(1);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, retryable: true, providerCode: 'boom' });
    expect(error.message).toContain('it broke');
  });

  it('retries any request after 429, waiting what Retry-After asks', async () => {
    const { seen, handler } = counting([429, 201], { ok: true }, { 'retry-after': '2' });
    server.use(handler);
    // A still clock and no jitter: the wait is exactly what the cloud asked.
    const { instance, sleeps } = client({
      rateLimiter: createRateLimiter({ now: () => 0, random: () => 0 }),
    });
    await instance.request({ method: 'POST', path: '/x', operation: 'provision' });
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('hands a Retry-After longer than maxDelayMs to the caller as RateLimitError instead of sleeping', async () => {
    const { handler } = counting([429], {}, { 'retry-after': '60' });
    server.use(handler);
    const { instance, sleeps } = client({ retry: { maxDelayMs: 1000 } });
    const error = await instance
      .request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.retryable).toBe(true);
    expect(sleeps).toEqual([]);
  });

  it('reads ratelimit-reset (epoch seconds) when there is no Retry-After', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    server.use(counting([429], {}, { 'ratelimit-reset': reset }).handler);
    const error = await client({ retry: { maxRetries: 0 } })
      .instance.request({ method: 'GET', path: '/x', operation: 'list' })
      .catch((caught) => caught);
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
  });

  it('retries a GET after a dropped connection, and reports a retryable network error when they run out', async () => {
    const { seen, handler } = counting([0]);
    server.use(handler);
    const error = await client({ retry: { maxRetries: 2, baseDelayMs: 1 } })
      .instance.request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(seen).toHaveLength(3);
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
  });

  it('never retries a POST after a dropped connection (the cloud may have committed it)', async () => {
    const { seen, handler } = counting([0, 201]);
    server.use(handler);
    const error = await client()
      .instance.request({ method: 'POST', path: '/x', operation: 'provision' })
      .catch((caught) => caught);
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
  });

  it('times out a slow attempt', async () => {
    server.use(
      http.get(`${BASE}/slow`, async ({ request }) => {
        // Answers only once the client gives up: no timer here races the client's own.
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
        return HttpResponse.json({});
      }),
    );
    const error = await client({ timeoutMs: 30, retry: { maxRetries: 0 } })
      .instance.request({ method: 'GET', path: '/slow', operation: 'status' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('maps 401 to AuthenticationError without echoing the credential', async () => {
    server.use(counting([401]).handler);
    const error = await client()
      .instance.request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(TOKEN);
  });

  it('returns allowed statuses instead of throwing', async () => {
    server.use(counting([404]).handler);
    const response = await client().instance.request({
      method: 'GET',
      path: '/x',
      operation: 'status',
      allowStatus: [404],
    });
    expect(response).toMatchObject({ status: 404, data: undefined });
  });

  it('turns a body that does not match the schema into ProviderApiError, never a TypeError', async () => {
    server.use(counting([200], { droplet: { id: 'not-a-number' } }).handler);
    const schema = z.object({ droplet: z.object({ id: z.number() }) });
    const error = await client()
      .instance.request({ method: 'GET', path: '/x', operation: 'status', schema })
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(error.message).toContain('droplet.id');
  });

  it('turns a non-JSON success body into ProviderApiError', async () => {
    server.use(http.get(`${BASE}/x`, () => new HttpResponse('<html>', { status: 200 })));
    const error = await client()
      .instance.request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('fails with MissingCredentialsError before any request when no credential is found', async () => {
    const { seen, handler } = counting([200]);
    server.use(handler);
    const instance = client({
      credential: () =>
        loadCredential({
          provider: 'testcloud',
          value: undefined,
          option: 'token',
          envVars: ['TESTCLOUD_TOKEN'],
          env: {},
        }),
    }).instance;
    const error = await instance
      .request({ method: 'GET', path: '/x', operation: 'status' })
      .catch((caught) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect(seen).toHaveLength(0);
  });

  it('logs method, path and status, never the credential, the body or the query values', async () => {
    server.use(counting([200]).handler);
    const { instance, logs } = client();
    await instance.request({
      method: 'POST',
      path: '/x',
      query: { name: 'q-secret' },
      body: { user_data: 'body-secret' },
      operation: 'provision',
    });
    const text = logs.join('\n');
    expect(text).toContain('"status":200');
    expect(text).toContain('/x');
    for (const secret of [TOKEN, 'body-secret', 'q-secret']) expect(text).not.toContain(secret);
  });

  it('stops retrying when the caller aborts', async () => {
    server.use(counting([500]).handler);
    const controller = new AbortController();
    const instance = client({ sleep: async () => controller.abort(new Error('stop')) }).instance;
    await expect(
      instance.request({ method: 'GET', path: '/x', operation: 'status', signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
