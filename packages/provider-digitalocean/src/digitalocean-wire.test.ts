import { readFileSync } from 'node:fs';
import {
  hostIdentity,
  InvalidRequestError,
  MANAGED_TAG_KEYS,
  ProviderApiError,
  validateHostSpec,
  waitForHost,
} from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { type OpenApiDocument, type OpenApiOperation, schemaErrors } from '@provision/testkit/openapi';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { destroyDroplet, dropletWithTags } from './digitalocean-out-of-band.test-support.js';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { digitaloceanTags, dropletTagMap } from './digitalocean-tags.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';
import { VERSION } from './version.js';

// What the plugin sends, held to DigitalOcean's OpenAPI description (the trimmed fixture), and
// the wire details the contract suite cannot know.
const description = JSON.parse(
  readFileSync(new URL('../test-fixtures/digitalocean-openapi.trimmed.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const operations = new Map<string, OpenApiOperation>(
  Object.values(description.paths).flatMap((verbs) =>
    METHODS.flatMap((method) => {
      const operation = verbs[method];
      return operation === undefined ? [] : [[operation.operationId, operation] as const];
    }),
  ),
);

const server = setupFakeServer();
let fake: DigitalOceanFake;
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };

beforeEach(() => {
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
});

function cloud(settings: DigitalOceanSettings = {}, env: Record<string, string> = {}) {
  return createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, ...fast, ...settings }, { env });
}

function bodiesOf(operation: string): Array<Record<string, unknown>> {
  return fake.requests
    .filter((entry) => entry.operation === operation)
    .map((entry) => JSON.parse(entry.body ?? '{}'));
}

async function deleteToDone(provisioner: ReturnType<typeof cloud>, id: string) {
  for (let call = 0; call < 10; call++) if ((await provisioner.delete({ id })).done) return call + 1;
  throw new Error('delete never finished');
}

/**
 * A host of `web` with inbound whose droplet was then destroyed outside provision: its firewall
 * is left, targeting its tag. The firewall's id.
 */
async function leftFirewall(provisioner: ReturnType<typeof cloud>): Promise<string> {
  const first = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
  const [dropletId, firewallId] = first.id.split('/');
  await destroyDroplet(dropletId as string);
  // DigitalOcean lists a destroyed droplet for a few reads more (the fake: `destroyAfterReads`).
  for (let read = 0; read < 10 && fake.droplets().length > 0; read++)
    await provisioner.status(first.id).catch(() => undefined);
  expect(fake.droplets()).toEqual([]);
  return firewallId as string;
}

describe('DigitalOcean requests', () => {
  it('conform to the OpenAPI description, through a whole lifecycle', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
      name: 'web',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'dev' },
      inbound: [{ from: 443 }],
    });
    await waitForHost(provisioner, host.id, { interval: 1, maxInterval: 1 });
    await provisioner.list?.({ owner: 'default' });
    await provisioner.stop?.(host.id);
    await waitForHost(provisioner, host.id, { until: 'stopped', interval: 1, maxInterval: 1 });
    await provisioner.start?.(host.id);
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    await provisioner.quota?.();
    await deleteToDone(provisioner, host.id);
    await expect(provisioner.status(host.id)).rejects.toThrow(/not found/);

    expect(fake.requests.length).toBeGreaterThan(10);
    for (const entry of fake.requests) {
      const operation = operations.get(entry.operation);
      expect(operation, `${entry.method} ${entry.path} is an operation of the description`).toBeDefined();
      const query = new URL(entry.path, 'https://x').searchParams;
      const declared = new Set(
        (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      );
      for (const name of query.keys())
        expect(declared, `${entry.operation} declares ?${name}`).toContain(name);
      const schema = operation?.requestBody?.content['application/json']?.schema;
      if (entry.body !== undefined && entry.body !== '' && schema !== undefined) {
        expect(schemaErrors(JSON.parse(entry.body), schema), `${entry.operation} body`).toEqual([]);
      }
    }
  });

  it('create a droplet from the defaults: nyc1, the $4 size, Ubuntu 26.04, user-data as given, tags encoded', async () => {
    const userData = '#cloud-config\npackages: [nginx]\n';
    await cloud().provision({
      name: 'web',
      owner: 'ci',
      userData,
      tags: { 'team.name': 'a b' },
      ttl: 3_600_000,
    });
    const [body] = bodiesOf('droplets_create');
    expect(body).toMatchObject({
      name: 'web',
      region: 'nyc1',
      size: 's-1vcpu-512mb-10gb',
      image: 'ubuntu-26-04-x64',
      user_data: userData,
      ipv6: true,
    });
    const tags = body?.tags as string[];
    expect(tags).toEqual(
      expect.arrayContaining([
        'provision-managed-by:provision',
        'provision-name:web',
        'provision-owner:ci',
        `provision-host:${hostIdentity('ci', 'web')}`,
        'team_2ename:a_20b',
      ]),
    );
    expect(tags.find((tag) => tag.startsWith('provision-expires:'))).toMatch(/^provision-expires:\d{10}$/);
    for (const tag of tags) expect(tag).toMatch(/^[A-Za-z0-9_:-]{1,255}$/);
  });

  it('default to the cheapest size sold in the region asked for', async () => {
    await cloud().provision({ name: 'web', region: 'nyc3' });
    expect(bodiesOf('droplets_create')[0]).toMatchObject({ region: 'nyc3', size: 's-1vcpu-1gb' });
  });

  it('make the firewall tag, then a firewall of exactly the asked ports targeting it, then the droplet with it', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 22 }, { from: 8000, to: 9000, protocol: 'udp' }],
    });
    const identity = `provision-firewall:${hostIdentity('default', 'web')}`;
    expect(fake.requests.map((entry) => entry.operation)).toEqual([
      'droplets_list',
      'tags_create',
      'firewalls_create',
      'droplets_create',
      'droplets_list',
    ]);
    expect(bodiesOf('tags_create')).toEqual([{ name: identity }]);
    expect((bodiesOf('droplets_create')[0] as { tags: string[] }).tags).toEqual(
      expect.arrayContaining([identity, `${MANAGED_TAG_KEYS.identity}:${hostIdentity('default', 'web')}`]),
    );
    const [firewall] = bodiesOf('firewalls_create');
    const everywhere = { addresses: ['0.0.0.0/0', '::/0'] };
    expect(firewall).toEqual({
      name: 'provision.default.web',
      tags: [identity],
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: everywhere },
        { protocol: 'udp', ports: '8000-9000', sources: everywhere },
      ],
      outbound_rules: [
        { protocol: 'tcp', ports: '0', destinations: everywhere },
        { protocol: 'udp', ports: '0', destinations: everywhere },
        { protocol: 'icmp', ports: '0', destinations: everywhere },
      ],
    });
    expect(host.id).toBe(`${fake.droplets()[0]?.id}/${fake.firewalls()[0]?.id}`);
    expect(host.firewalled).toBe(true);
    // DigitalOcean applies it by the tag: the droplet is guarded from its creation.
    expect(fake.inboundRules(fake.droplets()[0]?.id as string)).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 8000, to: 9000, protocol: 'udp' },
    ]);
  });

  it('carry the user agent and the bearer token', async () => {
    const seen: Request[] = [];
    await cloud({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fetch(request);
      },
    })
      .status('1001')
      .catch(() => undefined);
    expect(seen[0]?.headers.get('user-agent')).toBe(`provision/digitalocean/${VERSION}`);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${DIGITALOCEAN_FAKE_TOKEN}`);
  });
});

describe('DigitalOcean settings', () => {
  it('read DIGITALOCEAN_TOKEN before DIGITALOCEAN_ACCESS_TOKEN, and the endpoint from DIGITALOCEAN_API_URL', async () => {
    const other = new DigitalOceanFake({ baseUrl: 'https://do.internal.test/prefix' });
    server.use(fake, other);
    const fromEnv = createDigitalOcean(fast, {
      env: {
        DIGITALOCEAN_ACCESS_TOKEN: `dop_v1_${'a'.repeat(64)}`,
        DIGITALOCEAN_TOKEN: DIGITALOCEAN_FAKE_TOKEN,
        DIGITALOCEAN_API_URL: 'https://do.internal.test/prefix',
      },
    });
    await fromEnv.verifyCredentials?.();
    expect(other.count('account_get')).toBe(1);
    expect(fake.count()).toBe(0);
    const accessOnly = createDigitalOcean(fast, {
      env: { DIGITALOCEAN_ACCESS_TOKEN: DIGITALOCEAN_FAKE_TOKEN },
    });
    await accessOnly.verifyCredentials?.();
    expect(fake.count('account_get')).toBe(1);
  });

  it('refuse a tag of 256 characters once encoded, naming it, before any request', async () => {
    // "k:" and 85 escaped "~" (`_7e`, 3 characters each): 257 characters.
    const error = await cloud()
      .provision({ name: 'web', tags: { k: '~'.repeat(85) } })
      .catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.field).toBe('tags.k');
    expect(error.message).toContain('at most 255');
    expect(fake.requests).toHaveLength(0);
  });

  it('send a tag of exactly 255 characters, which DigitalOcean accepts', async () => {
    const value = `${'~'.repeat(84)}v`; // "k:" + 84 * 3 + 1 = 255
    const host = await cloud().provision({ name: 'web', tags: { k: value } });
    const [body] = bodiesOf('droplets_create');
    expect((body?.tags as string[] | undefined)?.find((tag) => tag.startsWith('k:'))).toHaveLength(255);
    expect(host.tags).toEqual({ k: value });
  });
});

describe('DigitalOcean behaviour', () => {
  it('lists every page, 200 droplets a page', { timeout: 30_000 }, async () => {
    fake = new DigitalOceanFake({ readsUntilActive: 1, dropletLimit: 500 });
    server.use(fake);
    const provisioner = cloud();
    // Droplets of 201 managed hosts, made through the API as provision() would tag them.
    await Promise.all(
      Array.from({ length: 201 }, (_, index) => {
        const spec = validateHostSpec(digitaloceanPlugin, { name: `n${index}`, owner: 'fleet' });
        return dropletWithTags(digitaloceanTags.encode(dropletTagMap(spec)), spec.name);
      }),
    );
    const mark = fake.mark();
    const hosts = await provisioner.list?.({ owner: 'fleet' });
    expect(hosts).toHaveLength(201);
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['droplets_list', 'droplets_list']);
  });

  it('recovers a firewall whose answer was lost by finding it by name, without a second firewall', async () => {
    fake.injectFault({ kind: 'lost-response', operation: 'firewalls_create' });
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 80 }] });
    expect(host.id).toMatch(/\/[0-9a-f-]{36}$/);
    expect(fake.firewalls()).toHaveLength(1);
    expect(fake.requests.map((entry) => entry.operation)).toEqual([
      'droplets_list',
      'tags_create',
      'firewalls_create',
      'firewalls_list',
      'droplets_create',
      'droplets_list',
    ]);
  });

  it('creates no droplet when DigitalOcean refuses its firewall', async () => {
    // A firewall of the same name guards another droplet, so the cloud refuses a second one (409).
    const other = await fetch('https://api.digitalocean.com/v2/droplets', {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'other', region: 'nyc1', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64' }),
    }).then((response) => response.json() as Promise<{ droplet: { id: number } }>);
    await fetch('https://api.digitalocean.com/v2/firewalls', {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'provision.default.web',
        droplet_ids: [other.droplet.id],
        inbound_rules: [{ protocol: 'tcp', ports: '1', sources: { addresses: ['0.0.0.0/0'] } }],
      }),
    });
    const error = await cloud()
      .provision({ name: 'web', inbound: [{ from: 80 }] })
      .catch((caught) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(fake.count('droplets_create')).toBe(1);
    expect(fake.droplets().map((droplet) => droplet.name)).toEqual(['other']);
    expect(fake.count('droplets_destroy')).toBe(0);
    expect(fake.count('firewalls_delete')).toBe(0);
  });

  it('replaces an orphaned firewall of the same name (its droplet gone) instead of failing', async () => {
    await fetch('https://api.digitalocean.com/v2/firewalls', {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'provision.default.web',
        inbound_rules: [{ protocol: 'tcp', ports: '1', sources: { addresses: ['0.0.0.0/0'] } }],
      }),
    });
    const orphan = fake.firewalls()[0]?.id;
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 80 }] });
    expect(host.firewalled).toBe(true);
    expect(fake.firewalls().map((firewall) => firewall.id)).not.toContain(orphan);
    expect(fake.firewalls()).toHaveLength(1);
    expect(fake.inboundRules(host.id.split('/')[0] as string)).toEqual([
      { from: 80, to: 80, protocol: 'tcp' },
    ]);
    expect(fake.count('droplets_destroy')).toBe(0);
  });

  it('gives a leftover firewall of the host’s identity this spec’s rules before the droplet is made behind it', async () => {
    const provisioner = cloud();
    const firewallId = await leftFirewall(provisioner);
    fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    expect((await provisioner.orphans?.())?.map((orphan) => orphan.id)).toEqual([firewallId]);

    const mark = fake.mark();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 443 }] });
    expect(fake.since(mark).map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
      'droplets_list 200',
      'tags_create 201',
      'firewalls_create 409',
      'firewalls_list 200',
      'firewalls_update 200',
      'droplets_create 202',
      'droplets_list 200',
    ]);
    const newDroplet = host.id.split('/')[0] as string;
    expect(host.id).toBe(`${newDroplet}/${firewallId}`);
    expect(fake.inboundRules(newDroplet)).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
    // Guarding a droplet again by its tag: no orphan.
    expect(await provisioner.orphans?.()).toEqual([]);
  });

  it('never puts a later host of the same name made without inbound behind a firewall an earlier one left', async () => {
    const provisioner = cloud();
    const firewallId = await leftFirewall(provisioner);

    const host = await provisioner.provision({ name: 'web' });
    const newDroplet = host.id.split('/')[0] as string;
    expect(host.firewalled).toBe(false);
    // No firewall applies: everything is open, as a host without inbound asks.
    expect(fake.inboundRules(newDroplet)).toBeUndefined();
    expect((await provisioner.status(host.id)).firewalled).toBe(false);
    // The left firewall guards nothing, so the scan lists it once it is old enough.
    fake.ageFirewalls(ORPHAN_MIN_AGE_MS);
    expect((await provisioner.orphans?.())?.map((orphan) => orphan.id)).toEqual([firewallId]);
  });

  it('moves a firewall an earlier version made, targeting the identity tag, onto the firewall tag when it adopts it', async () => {
    const identity = `${MANAGED_TAG_KEYS.identity}:${hostIdentity('default', 'web')}`;
    const headers = {
      authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`,
      'content-type': 'application/json',
    };
    // What an earlier version left: the identity tag, and the host's firewall targeting it.
    await fetch('https://api.digitalocean.com/v2/tags', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: identity }),
    });
    const made = await fetch('https://api.digitalocean.com/v2/firewalls', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'provision.default.web',
        tags: [identity],
        inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { addresses: ['0.0.0.0/0', '::/0'] } }],
      }),
    });
    expect(made.status).toBe(202);
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 22 }] });
    const [dropletId] = host.id.split('/');
    expect(fake.firewalls()).toHaveLength(1);
    expect(fake.firewalls()[0]?.tags).toEqual([`provision-firewall:${hostIdentity('default', 'web')}`]);
    expect(fake.inboundRules(dropletId as string)).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
    // Its rules were already the spec's: the one update moved only its target.
    expect(bodiesOf('firewalls_update')).toHaveLength(1);
  });

  it('goes on to the firewall when the tag’s create answers that the tag exists (409 or 422)', async () => {
    for (const status of [409, 422]) {
      server.server.use(
        http.post('https://api.digitalocean.com/v2/tags', async ({ request }) => {
          await fake.handle(request.clone());
          return Response.json({ id: 'unprocessable_entity', message: 'tag already exists' }, { status });
        }),
      );
      const host = await cloud().provision({ name: `web-${status}`, inbound: [{ from: 22 }] });
      expect(host.firewalled).toBe(true);
      expect(fake.inboundRules(host.id.split('/')[0] as string)).toEqual([
        { from: 22, to: 22, protocol: 'tcp' },
      ]);
      server.use(fake);
    }
  });

  it('fails with the firewall’s refusal, before any droplet, when the tag could not be made', async () => {
    server.server.use(
      http.post('https://api.digitalocean.com/v2/tags', () =>
        Response.json({ id: 'unprocessable_entity', message: 'tag already exists' }, { status: 422 }),
      ),
    );
    const error = await cloud()
      .provision({ name: 'web', inbound: [{ from: 22 }] })
      .catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(fake.count('firewalls_create')).toBe(1);
    expect(fake.count('droplets_create')).toBe(0);
    expect(fake.firewalls()).toEqual([]);
  });

  it('reports a creation DigitalOcean failed as error, from the errored create action', async () => {
    fake.failNextDropletCreation('no capacity on the hypervisor');
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'doomed' });
    const failed = await waitForHost(provisioner, host.id, { until: 'error', interval: 1, maxInterval: 1 });
    expect(failed).toMatchObject({ status: 'error', nativeStatus: 'errored' });
    expect(failed.error).toContain('create action errored');
    // Nothing of it remains to delete.
    expect(await provisioner.delete({ id: host.id })).toEqual({ done: true, id: host.id, found: false });
  });

  it('deletes in two calls: the droplet first, its firewall once the droplet is gone', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 80 }] });
    const first = await provisioner.delete({ id: host.id });
    expect(first).toMatchObject({
      done: false,
      remaining: [expect.stringMatching(/^droplet /), expect.stringMatching(/^firewall /)],
    });
    expect(fake.firewalls()).toHaveLength(1);
    expect(await deleteToDone(provisioner, host.id)).toBeLessThanOrEqual(2);
    expect(fake.leftovers()).toEqual([]);
  });

  it('deletes by IP, finding the firewall too', async () => {
    const provisioner = cloud();
    const host = await waitForHost(
      provisioner,
      (await provisioner.provision({ name: 'web', inbound: [{ from: 80 }] })).id,
      { interval: 1, maxInterval: 1 },
    );
    const result = await provisioner.delete({ ip: host.ipv4 as string });
    expect(result.id).toBe(host.id);
    for (let call = 0; call < 5 && !(await provisioner.delete({ ip: host.ipv4 as string })).done; call++);
    await deleteToDone(provisioner, host.id);
    expect(fake.leftovers()).toEqual([]);
  });
});
