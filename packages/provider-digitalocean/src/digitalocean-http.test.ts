import { InvalidRequestError, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { createDigitalOceanClient } from './digitalocean-client.js';
import { listDropletsByTag } from './digitalocean-listing.js';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// The shared HTTP layer as DigitalOcean uses it: endpoint checks and parallel listing.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ dropletLimit: 10_000 });
  server.use(fake);
});

const context = { env: {}, logger: silentLogger, manifest: digitaloceanPlugin };

async function createTagged(count: number, tag: string) {
  // POST /v2/droplets takes up to 10 names per request.
  for (let first = 0; first < count; first += 10) {
    const names = Array.from({ length: Math.min(10, count - first) }, (_, index) => `bulk-${first + index}`);
    const response = await fetch(`${fake.baseUrl}/v2/droplets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        names,
        region: 'nyc3',
        size: 's-1vcpu-1gb',
        image: 'ubuntu-24-04-x64',
        tags: [tag],
      }),
    });
    expect(response.status).toBe(202);
  }
}

describe('DigitalOcean listing', () => {
  it('reads 1,000 droplets in 5 requests: page 1, then the other 4 together, in the cloud’s order', async () => {
    await createTagged(1000, 'bulk');
    const mark = fake.mark();
    // Watches the transport only: how many requests are open at once.
    let open = 0;
    let mostOpen = 0;
    const watched: typeof fetch = async (input, init) => {
      mostOpen = Math.max(mostOpen, ++open);
      try {
        return await fetch(input, init);
      } finally {
        open -= 1;
      }
    };
    const client = createDigitalOceanClient({ token: DIGITALOCEAN_FAKE_TOKEN, fetch: watched }, context);
    const droplets = await listDropletsByTag(client, 'bulk', 'list');
    expect(mostOpen).toBe(4);
    expect(droplets).toHaveLength(1000);
    expect(droplets.map((droplet) => droplet.name)).toEqual(
      Array.from({ length: 1000 }, (_, index) => `bulk-${index}`),
    );
    const lists = fake.since(mark).filter((entry) => entry.operation === 'droplets_list');
    expect(lists).toHaveLength(5);
    expect(new Set(lists.map((entry) => new URL(entry.path, fake.baseUrl).searchParams.get('page')))).toEqual(
      new Set(['1', '2', '3', '4', '5']),
    );
  });

  it('reads a listing of one page in one request', async () => {
    await createTagged(30, 'few');
    const mark = fake.mark();
    const client = createDigitalOceanClient({ token: DIGITALOCEAN_FAKE_TOKEN }, context);
    expect(await listDropletsByTag(client, 'few', 'list')).toHaveLength(30);
    expect(fake.since(mark)).toHaveLength(1);
  });
});

describe('DigitalOcean endpoints', () => {
  it('refuses a plain-http endpoint from DIGITALOCEAN_API_URL on a remote host before any request, naming the variable', async () => {
    const provisioner = createDigitalOcean(
      { token: DIGITALOCEAN_FAKE_TOKEN },
      { env: { DIGITALOCEAN_API_URL: 'http://api.example.test' } },
    );
    const error = await provisioner.status('123').catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).toContain('DIGITALOCEAN_API_URL');
    expect(error.message).toContain('"endpoint"');
    expect(fake.requests).toHaveLength(0);
  });

  it('never repeats credentials embedded in the endpoint variable', async () => {
    const provisioner = createDigitalOcean(
      { token: DIGITALOCEAN_FAKE_TOKEN },
      { env: { DIGITALOCEAN_API_URL: 'https://user:pass-secret@api.example.test' } },
    );
    const error = await provisioner.status('123').catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(JSON.stringify({ ...error, message: error.message, hint: error.hint })).not.toContain(
      'pass-secret',
    );
  });

  it.each([
    ['ftp', 'ftp://api.example.test'],
    ['file', 'file:///etc/passwd'],
    ['credentials in the URL', 'https://user:pass-secret@api.example.test'],
  ])('refuses an endpoint setting with %s when the settings are read', (_label, endpoint) => {
    let caught: unknown;
    try {
      createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, endpoint });
    } catch (error) {
      caught = error;
    }
    expect(InvalidRequestError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain('"endpoint"');
    expect((caught as Error).message).not.toContain('pass-secret');
  });

  it('reaches a plain-http endpoint on a remote host once allowInsecureHttp is set', async () => {
    const remote = new DigitalOceanFake({ baseUrl: 'http://do-mirror.example.test' });
    server.use(remote);
    const provisioner = createDigitalOcean({
      token: DIGITALOCEAN_FAKE_TOKEN,
      endpoint: 'http://do-mirror.example.test',
      allowInsecureHttp: true,
    });
    await provisioner.verifyCredentials?.();
    expect(remote.requests.map((entry) => entry.operation)).toEqual(['account_get']);
  });
});
