import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';

const API = 'https://api.digitalocean.com';
const fakeServer = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ now: () => new Date('2026-11-22T10:00:00.123Z') });
  fakeServer.use(fake);
});

function send(
  method: string,
  path: string,
  init: { body?: unknown; authorization?: string | null } = {},
): Promise<Response> {
  const authorization =
    init.authorization === undefined ? `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` : init.authorization;
  return fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const DROPLET = { name: 'web-1', region: 'nyc3', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64' };

describe('authentication', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'Bearer dop_v1_0000'],
    ['another scheme', `Basic ${DIGITALOCEAN_FAKE_TOKEN}`],
  ])('answers 401 to %s and changes nothing', async (_case, authorization) => {
    const response = await send('POST', '/v2/droplets', { body: DROPLET, authorization });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      id: 'unauthorized',
      message: 'Unable to authenticate you.',
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(fake.droplets()).toEqual([]);
  });

  it('accepts a token given in the constructor, and only that one', async () => {
    fake = new DigitalOceanFake({ token: 'dop_v1_custom' });
    fakeServer.use(fake);
    expect((await send('GET', '/v2/account', { authorization: 'Bearer dop_v1_custom' })).status).toBe(200);
    expect((await send('GET', '/v2/account')).status).toBe(401);
  });
});

describe('errors and headers', () => {
  it('answers 404 with not_found for a missing Droplet, a malformed id and an unknown path', async () => {
    for (const path of ['/v2/droplets/123456', '/v2/droplets/abc', '/v2/nothing-here']) {
      const response = await send('GET', path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        id: 'not_found',
        message: 'The resource you were accessing could not be found.',
      });
    }
  });

  it('sends ratelimit-limit, -remaining (one used per request) and -reset on every answer', async () => {
    const first = await send('GET', '/v2/account');
    const second = await send('GET', '/v2/droplets/1');
    expect(first.headers.get('ratelimit-limit')).toBe('5000');
    expect(first.headers.get('ratelimit-remaining')).toBe('4999');
    expect(second.headers.get('ratelimit-remaining')).toBe('4998');
    expect(second.status).toBe(404);
    expect(first.headers.get('ratelimit-reset')).toBe(String(Date.parse('2026-11-22T11:00:00Z') / 1000));
  });

  it('answers 429 with Retry-After and ratelimit-remaining 0 when throttled', async () => {
    fake = new DigitalOceanFake({ rateLimit: { requestsPerSecond: 1, retryAfterSeconds: 3 } });
    fakeServer.use(fake);
    expect((await send('GET', '/v2/account')).status).toBe(200);
    const limited = await send('GET', '/v2/account');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({
      id: 'too_many_requests',
      message: 'API Rate limit exceeded.',
    });
  });

  it('answers an injected 500 with server_error and commits nothing', async () => {
    fake.injectFault({ kind: 'http-500', operation: 'droplets_create' });
    const response = await send('POST', '/v2/droplets', { body: DROPLET });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      id: 'server_error',
      message: 'Unexpected server-side error',
    });
    expect(fake.leftovers()).toEqual([]);
  });

  it('commits a create whose response is lost', async () => {
    fake.injectFault({ kind: 'lost-response', operation: 'droplets_create' });
    await expect(send('POST', '/v2/droplets', { body: DROPLET })).rejects.toThrow();
    expect(fake.leftovers()).toEqual([{ kind: 'droplet', id: '1001', description: 'droplet web-1 (1001)' }]);
    const listed = await send('GET', '/v2/droplets?name=web-1');
    expect(((await listed.json()) as { meta: { total: number } }).meta.total).toBe(1);
  });

  it('answers a body that is not JSON with 400 bad_request', async () => {
    const response = await fetch(`${API}/v2/droplets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 'bad_request' });
  });

  it('writes times without milliseconds and logs requests under the description operationIds', async () => {
    const created = (await (await send('POST', '/v2/droplets', { body: DROPLET })).json()) as {
      droplet: { created_at: string };
    };
    expect(created.droplet.created_at).toBe('2026-11-22T10:00:00Z');
    await send('GET', '/v2/sizes');
    await send('GET', '/v2/regions');
    expect(fake.requests.map((entry) => entry.operation)).toEqual([
      'droplets_create',
      'sizes_list',
      'regions_list',
    ]);
  });
});

describe('catalog and account', () => {
  it('lists the cheapest size first with its real price, and which regions offer it', async () => {
    const body = (await (await send('GET', '/v2/sizes')).json()) as {
      sizes: Array<{ slug: string; price_monthly: number; price_hourly: number; regions: string[] }>;
    };
    expect(body.sizes[0]).toMatchObject({
      slug: 's-1vcpu-512mb-10gb',
      price_monthly: 4,
      price_hourly: 0.00595,
    });
    expect(body.sizes[0]?.regions).not.toContain('nyc3');
    expect(body.sizes.find((size) => size.slug === 's-1vcpu-1gb')).toMatchObject({
      price_monthly: 6,
      price_hourly: 0.00893,
    });
  });

  it('lists regions with the sizes each offers', async () => {
    const body = (await (await send('GET', '/v2/regions')).json()) as {
      regions: Array<{ slug: string; sizes: string[]; available: boolean }>;
    };
    expect(body.regions.map((region) => region.slug)).toEqual(
      expect.arrayContaining([
        'nyc1',
        'nyc3',
        'sfo3',
        'ams3',
        'sgp1',
        'lon1',
        'fra1',
        'tor1',
        'blr1',
        'syd1',
      ]),
    );
    expect(body.regions.find((region) => region.slug === 'nyc1')?.sizes).toContain('s-1vcpu-512mb-10gb');
    expect(body.regions.find((region) => region.slug === 'sfo1')).toMatchObject({
      available: false,
      sizes: [],
    });
  });

  it('reports the account with its droplet limit', async () => {
    fake = new DigitalOceanFake({ dropletLimit: 3 });
    fakeServer.use(fake);
    const body = (await (await send('GET', '/v2/account')).json()) as { account: unknown };
    expect(body.account).toMatchObject({ droplet_limit: 3, status: 'active', email_verified: true });
  });

  it('forgets everything on reset()', async () => {
    await send('POST', '/v2/droplets', { body: DROPLET });
    fake.reset();
    expect(fake.leftovers()).toEqual([]);
    expect(fake.actions()).toEqual([]);
    expect(fake.requests).toEqual([]);
    const again = (await (await send('POST', '/v2/droplets', { body: DROPLET })).json()) as {
      droplet: { id: number };
    };
    expect(again.droplet.id).toBe(1001);
  });
});
