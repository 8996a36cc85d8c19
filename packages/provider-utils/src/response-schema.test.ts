import { ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { createHttpClient } from './http-client.js';
import { createRateLimiter } from './rate-limiter.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'https://api.schemas.test';

const client = createHttpClient({
  provider: 'testcloud',
  version: '1',
  baseUrl: BASE,
  credential: () => 'token-0123456789',
  rateLimiter: createRateLimiter(),
  sleep: async () => {},
});

// The same answer schema in both flavours of zod: providers write theirs with zod/mini.
const schemas = [
  ['zod', z.object({ droplet: z.object({ id: z.number(), name: z.string().nullish() }) })],
  ['zod/mini', zm.object({ droplet: zm.object({ id: zm.number(), name: zm.nullish(zm.string()) }) })],
] as const;

describe.each(schemas)('an answer checked by a %s schema', (_flavour, schema) => {
  it('is the parsed data, unknown fields left out', async () => {
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.json({ droplet: { id: 7, extra: true } })));
    const answer = await client.request({ method: 'GET', path: '/thing', schema, operation: 'status' });
    expect(answer.data).toEqual({ droplet: { id: 7 } });
  });

  it('is invalid_response naming where it is wrong, never repeating the body', async () => {
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.json({ droplet: { id: 'SECRET-VALUE' } })));
    const error = await client
      .request({ method: 'GET', path: '/thing', schema, operation: 'status' })
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(error.message).toBe('testcloud answered GET /thing with an unexpected body (at droplet.id).');
    expect(error.message).not.toContain('SECRET-VALUE');
  });
});
