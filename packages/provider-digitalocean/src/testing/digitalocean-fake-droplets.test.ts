import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DIGITALOCEAN_FAKE_TOKEN,
  DigitalOceanFake,
  type DigitalOceanFakeOptions,
} from './digitalocean-fake.js';

const API = 'https://api.digitalocean.com';
const fakeServer = setupFakeServer();
let fake: DigitalOceanFake;

function useFake(options: DigitalOceanFakeOptions = {}): DigitalOceanFake {
  fake = new DigitalOceanFake(options);
  fakeServer.use(fake);
  return fake;
}

beforeEach(() => {
  useFake();
});

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field.
  body: any;
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function create(overrides: Record<string, unknown> = {}): Promise<number> {
  const created = await call('POST', '/v2/droplets', {
    name: 'web-1',
    region: 'nyc3',
    size: 's-1vcpu-1gb',
    image: 'ubuntu-24-04-x64',
    ...overrides,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  return created.body.droplet.id;
}

function publicIpv4(droplet: Answer['body']): string | undefined {
  const networks: Array<{ type: string; ip_address: string }> = droplet.networks.v4;
  return networks.find((network) => network.type === 'public')?.ip_address;
}

describe('Droplet lifecycle', () => {
  it('is new without a public address until the readsUntilActive-th read, then active with one', async () => {
    const id = await create({ ipv6: true });
    const first = await call('GET', `/v2/droplets/${id}`);
    expect(first.body.droplet.status).toBe('new');
    expect(publicIpv4(first.body.droplet)).toBeUndefined();
    const second = await call('GET', `/v2/droplets/${id}`);
    expect(second.body.droplet.status).toBe('active');
    expect(publicIpv4(second.body.droplet)).toBe('203.0.113.10');
    expect(second.body.droplet.networks.v6[0].ip_address).toMatch(/^2001:db8:/);
  });

  it('answers the create with 202, the Droplet and a link to its create action', async () => {
    const created = await call('POST', '/v2/droplets', {
      name: 'a',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      region: 'fra1',
    });
    expect(created.status).toBe(202);
    const actionId = created.body.links.actions[0].id;
    expect(created.body.links.actions[0]).toEqual({
      id: actionId,
      rel: 'create',
      href: `${API}/v2/actions/${actionId}`,
    });
    expect((await call('GET', `/v2/actions/${actionId}`)).body.action.status).toBe('in-progress');
    expect((await call('GET', `/v2/actions/${actionId}`)).body.action.status).toBe('completed');
  });

  it('keeps the user data exactly as sent', async () => {
    const userData = '#cloud-config\nruncmd:\n  - echo "héllo"\n';
    const id = await create({ user_data: userData });
    expect(fake.droplets().find((droplet) => droplet.id === String(id))?.userData).toBe(userData);
  });

  it('fails a create asynchronously: the create action errors and the Droplet vanishes', async () => {
    fake.failNextDropletCreation('no capacity on the hypervisor');
    const created = await call('POST', '/v2/droplets', {
      name: 'x',
      size: 's-1vcpu-1gb',
      image: 'ubuntu-24-04-x64',
    });
    expect(created.status).toBe(202);
    const id = created.body.droplet.id;
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet.status).toBe('new');
    expect((await call('GET', `/v2/droplets/${id}`)).status).toBe(404);
    const action = await call('GET', `/v2/actions/${created.body.links.actions[0].id}`);
    expect(action.body.action).toMatchObject({ status: 'errored', type: 'create', resource_id: id });
    expect(fake.actions().find((entry) => entry.type === 'create')?.reason).toBe(
      'no capacity on the hypervisor',
    );
    expect(fake.leftovers()).toEqual([]);
  });

  it('destroys in the background: 204, visible for destroyAfterReads reads, then 404', async () => {
    const id = await create();
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet.locked).toBe(true);
    expect((await call('GET', `/v2/droplets/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(404);
    expect(fake.leftovers()).toEqual([]);
  });

  it('a listing that does not match a Droplet being destroyed still moves its destroy on', async () => {
    useFake({ destroyAfterReads: 2 });
    const id = await create({ name: 'a', tags: ['gone'] });
    await create({ name: 'b', tags: ['kept'] });
    await call('DELETE', '/v2/tags/gone/resources', {
      resources: [{ resource_id: String(id), resource_type: 'droplet' }],
    });
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
    expect((await call('GET', '/v2/droplets?tag_name=kept')).body.droplets).toHaveLength(1);
    expect(fake.droplets().map((droplet) => Number(droplet.id))).toContain(id);
    await call('GET', '/v2/droplets?tag_name=kept');
    expect(fake.droplets().map((droplet) => Number(droplet.id))).not.toContain(id);
  });

  it('a repeated DELETE answers 204 while the Droplet still exists', async () => {
    const id = await create();
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(404);
  });

  it('destroys at once with destroyAfterReads: 0', async () => {
    useFake({ destroyAfterReads: 0 });
    const id = await create();
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
    expect((await call('GET', `/v2/droplets/${id}`)).status).toBe(404);
  });

  it('deletes by tag', async () => {
    useFake({ destroyAfterReads: 0 });
    await create({ name: 'a', tags: ['batch'] });
    const kept = await create({ name: 'b' });
    expect((await call('DELETE', '/v2/droplets?tag_name=batch')).status).toBe(204);
    expect(fake.droplets().map((droplet) => Number(droplet.id))).toEqual([kept]);
    expect((await call('DELETE', '/v2/droplets?tag_name=never-used')).status).toBe(404);
  });
});

describe('listing Droplets', () => {
  it('paginates with per_page and page, with absolute first/prev/next/last links', async () => {
    for (const name of ['d1', 'd2', 'd3', 'd4', 'd5']) await create({ name });
    const page = await call('GET', '/v2/droplets?page=2&per_page=2');
    expect(page.body.droplets.map((droplet: { name: string }) => droplet.name)).toEqual(['d3', 'd4']);
    expect(page.body.meta).toEqual({ total: 5 });
    expect(page.body.links.pages).toEqual({
      first: `${API}/v2/droplets?page=1&per_page=2`,
      prev: `${API}/v2/droplets?page=1&per_page=2`,
      next: `${API}/v2/droplets?page=3&per_page=2`,
      last: `${API}/v2/droplets?page=3&per_page=2`,
    });
    const last = await call('GET', '/v2/droplets?page=3&per_page=2');
    expect(Object.keys(last.body.links.pages)).toEqual(['first', 'prev']);
  });

  it('defaults to 20 a page, caps per_page at 200, and sends links: {} for a single page', async () => {
    for (let index = 0; index < 21; index += 1) await create({ name: `n${index}` });
    const first = await call('GET', '/v2/droplets');
    expect(first.body.droplets).toHaveLength(20);
    expect(first.body.links.pages).toEqual({
      next: `${API}/v2/droplets?page=2`,
      last: `${API}/v2/droplets?page=2`,
    });
    const all = await call('GET', '/v2/droplets?per_page=500');
    expect(all.body.droplets).toHaveLength(21);
    expect(all.body.links).toEqual({});
  });

  it('filters by tag_name (keeping it in the links) and by exact, case-insensitive name', async () => {
    await create({ name: 'a', tags: ['provision:managed'] });
    await create({ name: 'b', tags: ['provision:managed'] });
    await create({ name: 'c' });
    const tagged = await call('GET', '/v2/droplets?tag_name=provision:managed&per_page=1');
    expect(tagged.body.meta.total).toBe(2);
    expect(tagged.body.links.pages.next).toBe(
      `${API}/v2/droplets?page=2&per_page=1&tag_name=provision%3Amanaged`,
    );
    const named = await call('GET', '/v2/droplets?name=B');
    expect(named.body.droplets.map((droplet: { name: string }) => droplet.name)).toEqual(['b']);
    expect((await call('GET', '/v2/droplets?name=b&tag_name=x')).status).toBe(422);
  });
});

describe('Droplet actions', () => {
  async function activeDroplet(): Promise<number> {
    const id = await create();
    await call('GET', `/v2/droplets/${id}`);
    await call('GET', `/v2/droplets/${id}`);
    return id;
  }

  it('power_off turns the Droplet off after readsUntilActive reads, power_on back on', async () => {
    const id = await activeDroplet();
    const posted = await call('POST', `/v2/droplets/${id}/actions`, { type: 'power_off' });
    expect(posted.status).toBe(201);
    expect(posted.body.action).toMatchObject({
      status: 'in-progress',
      type: 'power_off',
      resource_id: id,
      resource_type: 'droplet',
    });
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet).toMatchObject({
      status: 'active',
      locked: true,
    });
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet).toMatchObject({
      status: 'off',
      locked: false,
    });
    expect((await call('GET', `/v2/actions/${posted.body.action.id}`)).body.action.status).toBe('completed');
    await call('POST', `/v2/droplets/${id}/actions`, { type: 'power_on' });
    await call('GET', `/v2/droplets/${id}`);
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet.status).toBe('active');
  });

  it('reboot leaves the Droplet active', async () => {
    const id = await activeDroplet();
    await call('POST', `/v2/droplets/${id}/actions`, { type: 'reboot' });
    await call('GET', `/v2/droplets/${id}`);
    expect((await call('GET', `/v2/droplets/${id}`)).body.droplet.status).toBe('active');
  });

  it('refuses a second action while one is pending, and any action on a new Droplet', async () => {
    const id = await activeDroplet();
    await call('POST', `/v2/droplets/${id}/actions`, { type: 'shutdown' });
    const refused = await call('POST', `/v2/droplets/${id}/actions`, { type: 'power_on' });
    expect(refused).toMatchObject({
      status: 422,
      body: { id: 'unprocessable_entity', message: 'Droplet already has a pending event.' },
    });
    const fresh = await create({ name: 'fresh' });
    expect((await call('POST', `/v2/droplets/${fresh}/actions`, { type: 'reboot' })).status).toBe(422);
  });

  it('answers 422 for an unknown type and 404 for an unknown Droplet', async () => {
    const id = await activeDroplet();
    expect((await call('POST', `/v2/droplets/${id}/actions`, { type: 'explode' })).status).toBe(422);
    expect((await call('POST', '/v2/droplets/424242/actions', { type: 'reboot' })).status).toBe(404);
  });
});
