import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';

const API = 'https://api.digitalocean.com';
const fakeServer = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ destroyAfterReads: 0 });
  fakeServer.use(fake);
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

async function droplet(name: string, tags: string[] = []): Promise<number> {
  const created = await call('POST', '/v2/droplets', {
    name,
    size: 's-1vcpu-1gb',
    image: 'ubuntu-24-04-x64',
    region: 'ams3',
    tags,
  });
  return created.body.droplet.id;
}

const EVERYWHERE = { addresses: ['0.0.0.0/0', '::/0'] };

function firewall(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'fw-web-1',
    inbound_rules: [
      { protocol: 'tcp', ports: '22', sources: EVERYWHERE },
      { protocol: 'tcp', ports: '8000-9000', sources: EVERYWHERE },
      { protocol: 'udp', ports: 'all', sources: EVERYWHERE },
      { protocol: 'icmp', sources: EVERYWHERE },
      { protocol: 'tcp', ports: '5432', sources: { addresses: ['10.0.0.0/8'] } },
    ],
    outbound_rules: [{ protocol: 'tcp', ports: '0', destinations: EVERYWHERE }],
    ...overrides,
  };
}

describe('firewalls', () => {
  it('creates (202), gets, lists and deletes a firewall', async () => {
    const dropletId = await droplet('web-1');
    const created = await call('POST', '/v2/firewalls', firewall({ droplet_ids: [dropletId] }));
    expect(created.status).toBe(202);
    const id = created.body.firewall.id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.body.firewall).toMatchObject({
      name: 'fw-web-1',
      status: 'waiting',
      droplet_ids: [dropletId],
      pending_changes: [{ droplet_id: dropletId, removing: false, status: 'waiting' }],
    });
    expect(created.body.firewall.inbound_rules[2]).toEqual({
      protocol: 'udp',
      ports: '0',
      sources: EVERYWHERE,
    });
    expect(created.body.firewall.inbound_rules[3]).toEqual({
      protocol: 'icmp',
      ports: '0',
      sources: EVERYWHERE,
    });
    expect((await call('GET', `/v2/firewalls/${id}`)).body.firewall.status).toBe('waiting');
    expect((await call('GET', `/v2/firewalls/${id}`)).body.firewall).toMatchObject({
      status: 'succeeded',
      pending_changes: [],
    });
    expect((await call('GET', '/v2/firewalls')).body).toMatchObject({ meta: { total: 1 }, links: {} });
    expect((await call('DELETE', `/v2/firewalls/${id}`)).status).toBe(204);
    expect((await call('GET', `/v2/firewalls/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v2/firewalls/${id}`)).status).toBe(404);
  });

  it('PUT replaces the whole firewall: what the body leaves out is reset, the id and creation time stay', async () => {
    const dropletId = await droplet('web-1');
    const created = (await call('POST', '/v2/firewalls', firewall({ droplet_ids: [dropletId] }))).body
      .firewall;
    await call('POST', '/v2/firewalls', firewall({ name: 'fw-other' }));
    const renamed = await call('PUT', `/v2/firewalls/${created.id}`, {
      name: 'fw-web-1.renamed',
      inbound_rules: created.inbound_rules,
      outbound_rules: created.outbound_rules,
      droplet_ids: [dropletId],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.firewall).toMatchObject({
      id: created.id,
      name: 'fw-web-1.renamed',
      created_at: created.created_at,
      droplet_ids: [dropletId],
      inbound_rules: created.inbound_rules,
      status: 'waiting',
    });
    expect(fake.inboundRules(String(dropletId))).toContainEqual({ from: 22, to: 22, protocol: 'tcp' });
    // Attributes left out take their defaults: no Droplets, no outbound rules.
    const bare = await call('PUT', `/v2/firewalls/${created.id}`, {
      name: 'fw-web-1.bare',
      inbound_rules: created.inbound_rules,
    });
    expect(bare.body.firewall).toMatchObject({ droplet_ids: [], outbound_rules: [], status: 'succeeded' });
    expect(fake.inboundRules(String(dropletId))).toBeUndefined();
    // Its own name is no conflict; another firewall's is.
    const same = await call('PUT', `/v2/firewalls/${created.id}`, firewall({ name: 'fw-web-1.bare' }));
    expect(same.status).toBe(200);
    const taken = await call('PUT', `/v2/firewalls/${created.id}`, firewall({ name: 'fw-other' }));
    expect(taken).toMatchObject({ status: 409, body: { id: 'conflict', message: 'duplicate name' } });
    const missing = await call('PUT', '/v2/firewalls/00000000-0000-4000-8000-000000000000', firewall());
    expect(missing).toMatchObject({ status: 404, body: { id: 'not_found' } });
    expect(fake.firewalls().map((item) => item.name)).toEqual(['fw-web-1.bare', 'fw-other']);
  });

  it('lists both Droplets and firewalls as leftovers', async () => {
    const dropletId = await droplet('web-1');
    const created = await call('POST', '/v2/firewalls', firewall({ droplet_ids: [dropletId] }));
    expect(fake.leftovers()).toEqual([
      { kind: 'droplet', id: String(dropletId), description: `droplet web-1 (${dropletId})` },
      {
        kind: 'firewall',
        id: created.body.firewall.id,
        description: `firewall fw-web-1 (${created.body.firewall.id})`,
      },
    ]);
    expect(fake.hostKind).toBe('droplet');
  });

  it('removes a destroyed Droplet from every firewall', async () => {
    const keep = await droplet('keep');
    const gone = await droplet('gone');
    const created = await call('POST', '/v2/firewalls', firewall({ droplet_ids: [keep, gone] }));
    expect((await call('DELETE', `/v2/droplets/${gone}`)).status).toBe(204);
    const after = await call('GET', `/v2/firewalls/${created.body.firewall.id}`);
    expect(after.body.firewall.droplet_ids).toEqual([keep]);
    expect(fake.firewalls()[0]?.dropletIds).toEqual([keep]);
  });

  it('validates the name, the rules and the addresses', async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ name: 'has_underscore' }, 422],
      [{ name: 'x' }, 422],
      [{ name: undefined }, 422],
      [{ inbound_rules: [], outbound_rules: [] }, 422],
      [{ inbound_rules: [{ protocol: 'sctp', ports: '1', sources: EVERYWHERE }] }, 422],
      [{ inbound_rules: [{ protocol: 'tcp', ports: '70000', sources: EVERYWHERE }] }, 422],
      [{ inbound_rules: [{ protocol: 'tcp', ports: '9-1', sources: EVERYWHERE }] }, 422],
      [{ inbound_rules: [{ protocol: 'tcp', ports: '22' }] }, 422],
      [{ inbound_rules: [{ protocol: 'tcp', ports: '22', sources: {} }] }, 422],
      [{ inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { addresses: ['300.1.1.1'] } }] }, 422],
      [{ droplet_ids: [999999] }, 422],
      [{ tags: ['never-created'] }, 422],
    ];
    for (const [overrides, status] of cases) {
      const answer = await call('POST', '/v2/firewalls', firewall(overrides));
      expect(answer.status, JSON.stringify(overrides)).toBe(status);
      expect(answer.body.id).toBe('unprocessable_entity');
    }
    const invalidAddress = await call(
      'POST',
      '/v2/firewalls',
      firewall({ inbound_rules: [{ protocol: 'tcp', ports: '22', sources: { addresses: ['nope'] } }] }),
    );
    expect(invalidAddress.body.message).toBe('invalid address');
    expect(fake.firewalls()).toEqual([]);
  });

  it('answers 409 conflict for a name already in use', async () => {
    expect((await call('POST', '/v2/firewalls', firewall())).status).toBe(202);
    const duplicate = await call('POST', '/v2/firewalls', firewall());
    expect(duplicate).toMatchObject({ status: 409, body: { id: 'conflict', message: 'duplicate name' } });
  });
});

describe('inboundRules()', () => {
  it('is undefined for a Droplet no firewall applies to', async () => {
    const id = await droplet('open');
    expect(fake.inboundRules(String(id))).toBeUndefined();
    expect(fake.inboundRules('424242')).toBeUndefined();
  });

  it('normalises the internet-facing TCP/UDP rules of the firewalls applied to a Droplet', async () => {
    const id = await droplet('web-1');
    await call('POST', '/v2/firewalls', firewall({ droplet_ids: [id] }));
    expect(fake.inboundRules(String(id))).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 8000, to: 9000, protocol: 'tcp' },
      { from: 1, to: 65535, protocol: 'udp' },
    ]);
  });

  it('applies firewalls by tag, and unions several', async () => {
    const id = await droplet('tagged', ['role:web']);
    await call('POST', '/v2/firewalls', {
      name: 'by-tag',
      tags: ['role:web'],
      inbound_rules: [{ protocol: 'tcp', ports: '443', sources: EVERYWHERE }],
    });
    await call('POST', '/v2/firewalls', {
      name: 'by-id',
      droplet_ids: [id],
      inbound_rules: [
        { protocol: 'tcp', ports: '443', sources: EVERYWHERE },
        { protocol: 'tcp', ports: '80', sources: { addresses: ['::/0'] } },
      ],
    });
    expect(fake.inboundRules(String(id))).toEqual([
      { from: 80, to: 80, protocol: 'tcp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ]);
  });

  it('is an empty list when the applied firewall opens nothing to the internet', async () => {
    const id = await droplet('closed');
    await call('POST', '/v2/firewalls', {
      name: 'outbound-only',
      droplet_ids: [id],
      outbound_rules: [{ protocol: 'tcp', ports: '443', destinations: EVERYWHERE }],
    });
    expect(fake.inboundRules(String(id))).toEqual([]);
  });
});
