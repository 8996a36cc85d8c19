import { AuthenticationError, type Plan, silentLogger } from '@provision/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createLiveCatalog } from './live-catalog.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRestConnection } from './rest-connection.js';

const plan = (id: string, cpus: number, regions: string[]): Plan => ({
  id,
  cpus,
  memoryMiB: cpus * 1024,
  publicIpv4: true,
  price: { monthly: cpus * 5, currency: 'USD', source: 'live' },
  regions,
});

/** A live catalog on an in-memory `fetch` answering `status` to everything, and what it was asked. */
function catalog(status = 200) {
  const seen: string[] = [];
  const fetchFake: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
    return new Response(JSON.stringify({ account: { name: 'someone' } }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = createRestConnection({
    provider: 'tagcloud',
    version: '1.0.0',
    settings: { fetch: fetchFake, retry: { maxRetries: 0 } },
    context: { env: {}, logger: silentLogger },
    endpointEnv: 'TAGCLOUD_URL',
    defaultEndpoint: 'https://api.tagcloud.test',
    credential: () => 'token',
    rateLimiter: createRateLimiter(),
  });
  const live = createLiveCatalog(client, {
    plans: async (query) => [
      plan('small', 1, ['ams']),
      undefined,
      plan(`big-${query.region ?? 'any'}`, 8, ['ams']),
    ],
    regions: async () => [{ id: 'ams', name: 'Amsterdam', available: true }],
    verifyCredentials: {
      path: () => '/v2/account',
      schema: z.object({ account: z.object({ name: z.string() }) }),
    },
  });
  return { live, seen };
}

describe('createLiveCatalog', () => {
  it('leaves out the plans the mapper drops and filters the rest by the query', async () => {
    const { live } = catalog();
    expect((await live.plans()).map((entry) => entry.id)).toEqual(['small', 'big-any']);
    expect((await live.plans({ region: 'ams', minCpus: 2 })).map((entry) => entry.id)).toEqual(['big-ams']);
    expect(await live.plans({ region: 'fra' })).toEqual([]);
  });

  it('answers the regions as mapped', async () => {
    expect(await catalog().live.regions()).toEqual([{ id: 'ams', name: 'Amsterdam', available: true }]);
  });

  it('checks the credentials with one GET, a 401 being an AuthenticationError', async () => {
    const good = catalog();
    await expect(good.live.verifyCredentials()).resolves.toBeUndefined();
    expect(good.seen).toEqual(['GET /v2/account']);
    const refused = catalog(401);
    await expect(refused.live.verifyCredentials()).rejects.toBeInstanceOf(AuthenticationError);
    expect(refused.seen).toEqual(['GET /v2/account']);
  });
});
