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

function useFake(options: DigitalOceanFakeOptions = {}): void {
  fake = new DigitalOceanFake(options);
  fakeServer.use(fake);
}

beforeEach(() => {
  useFake();
});

interface Answer {
  status: number;
  body: {
    id?: string;
    message?: string;
    droplet?: { region: { slug: string }; tags: string[]; features: string[] };
  };
}

async function create(overrides: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${API}/v2/droplets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'web-1',
      region: 'nyc3',
      size: 's-1vcpu-1gb',
      image: 'ubuntu-24-04-x64',
      ...overrides,
    }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function rejected(message: string): Answer {
  return { status: 422, body: expect.objectContaining({ id: 'unprocessable_entity', message }) };
}

describe('create validation', () => {
  it('accepts names of letters, digits, dots and dashes up to 255 characters, and rejects others', async () => {
    expect((await create({ name: 'a.b-c9' })).status).toBe(202);
    const invalid = 'Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)';
    expect(await create({ name: 'under_score' })).toEqual(rejected(invalid));
    expect(await create({ name: 'trailing-' })).toEqual(rejected(invalid));
    expect(await create({ name: 'x'.repeat(256) })).toEqual(rejected(invalid));
    expect((await create({ name: undefined })).status).toBe(422);
    expect(fake.droplets()).toHaveLength(1);
  });

  it('rejects unknown sizes, images and regions with the messages DigitalOcean uses', async () => {
    expect(await create({ size: 's-99vcpu' })).toEqual(
      rejected('You specified an invalid size for Droplet creation.'),
    );
    expect(await create({ image: 'windows-2022' })).toEqual(
      rejected('You specified an invalid image for Droplet creation.'),
    );
    expect(await create({ region: 'mars1' })).toEqual(
      rejected('You specified an invalid region for Droplet creation.'),
    );
    expect(await create({ region: 'sfo1' })).toEqual(rejected('Region is not available'));
  });

  it('accepts ssh_keys of the account by id or fingerprint and rejects unknown ones', async () => {
    const blob = Buffer.from('fake ed25519 key blob').toString('base64');
    const added = await fetch(`${API}/v2/account/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'laptop', public_key: `ssh-ed25519 ${blob} me@laptop` }),
    });
    const key = ((await added.json()) as { ssh_key: { id: number; fingerprint: string } }).ssh_key;
    expect((await create({ ssh_keys: [key.id, key.fingerprint] })).status).toBe(202);
    expect(await create({ ssh_keys: [key.id, 289794, 'aa:bb'] })).toEqual(
      rejected('289794, aa:bb are invalid key identifiers for Droplet creation.'),
    );
    expect(fake.droplets()).toHaveLength(1);
  });

  it('accepts an image by its numeric id', async () => {
    expect((await create({ image: 190000103 })).status).toBe(202);
  });

  it('rejects a size the region does not offer', async () => {
    // The $4 size is not sold in nyc3, nor s-2vcpu-4gb.
    expect(await create({ size: 's-1vcpu-512mb-10gb' })).toEqual(
      rejected('Size is not available in this region.'),
    );
    expect(await create({ size: 's-2vcpu-4gb' })).toEqual(rejected('Size is not available in this region.'));
    expect((await create({ size: 's-1vcpu-512mb-10gb', region: 'nyc1' })).status).toBe(202);
  });

  it('answers sold-out sizes and regions like unavailable ones', async () => {
    fake.setSoldOut({ region: 'fra1', plan: 's-1vcpu-1gb' });
    fake.setSoldOut({ region: 'lon1' });
    expect(await create({ region: 'fra1' })).toEqual(rejected('Size is not available in this region.'));
    expect((await create({ region: 'fra1', size: 's-1vcpu-2gb' })).status).toBe(202);
    expect(await create({ region: 'lon1' })).toEqual(rejected('Region is not available'));
    expect(fake.droplets().map((droplet) => droplet.region)).toEqual(['fra1']);
  });

  it('picks a region offering the size when none or a prefix is given', async () => {
    expect((await create({ region: undefined })).body.droplet?.region.slug).toBe('nyc1');
    expect((await create({ region: 'nyc', size: 's-1vcpu-512mb-10gb' })).body.droplet?.region.slug).toBe(
      'nyc1',
    );
    fake.setSoldOut({ region: 'nyc1' });
    expect((await create({ region: 'nyc' })).body.droplet?.region.slug).toBe('nyc3');
    expect(await create({ region: 'nyc', size: 's-1vcpu-512mb-10gb' })).toEqual(
      rejected('Size is not available in this region.'),
    );
  });

  it('checks tags against the tag rule: letters, digits, colons, dashes, underscores, at most 255', async () => {
    const created = await create({ tags: ['provision:managed', 'owner_team-1', 'provision:managed'] });
    expect(created.body.droplet?.tags).toEqual(['provision:managed', 'owner_team-1']);
    for (const tag of ['has space', 'dot.ted', 'x'.repeat(256), '', 7]) {
      const answer = await create({ tags: [tag] });
      expect(answer.status).toBe(422);
      expect(answer.body.message).toMatch(/^Error validating resource tag/);
    }
  });

  it('limits user data to 64 KiB and never echoes it', async () => {
    expect((await create({ user_data: 'a'.repeat(64 * 1024) })).status).toBe(202);
    const secret = `#!/bin/sh\nexport TOKEN=s3cr3t\n${'#'.repeat(64 * 1024)}`;
    const answer = await create({ user_data: secret });
    expect(answer).toEqual(rejected('user_data exceeds the maximum size of 64 KiB.'));
    expect(JSON.stringify(answer.body)).not.toContain('s3cr3t');
  });

  it('rejects non-boolean flags and sets features from the booleans', async () => {
    expect((await create({ ipv6: 'yes' })).status).toBe(422);
    const created = await create({ ipv6: true, monitoring: true, with_droplet_agent: false });
    expect(created.body.droplet?.features).toEqual(['ipv6', 'monitoring']);
  });

  it('enforces the account droplet limit', async () => {
    useFake({ dropletLimit: 2 });
    expect((await create({ name: 'a' })).status).toBe(202);
    expect((await create({ name: 'b' })).status).toBe(202);
    expect(await create({ name: 'c' })).toEqual(
      rejected('creating this/these droplet(s) will exceed your droplet limit'),
    );
  });

  it('creates up to ten Droplets from names', async () => {
    const many = await create({ name: undefined, names: ['m1', 'm2', 'm3'] });
    expect(many.status).toBe(202);
    expect(fake.droplets().map((droplet) => droplet.name)).toEqual(['m1', 'm2', 'm3']);
    expect(
      (await create({ name: undefined, names: Array.from({ length: 11 }, (_, index) => `n${index}`) }))
        .status,
    ).toBe(422);
  });
});
