import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRequestError, QuotaExceededError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLinode } from './create-linode.js';
import { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake } from './testing/index.js';

// What reaches Linode's API, and how the provider reads it back: the details the contract suite
// cannot know (the firewall's order, labels, tags, encodings, per-region prices).
const fakeServer = setupFakeServer();
let fake: LinodeFake;

beforeEach(() => {
  fake = new LinodeFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = (env: Record<string, string> = {}) =>
  createLinode(
    { endpoint: LINODE_API_URL, retry: { maxRetries: 0 }, ...(env.HOME ? {} : { token: LINODE_FAKE_TOKEN }) },
    { env },
  );

const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((entry) => entry.operation === operation)?.body ?? '{}');

describe('provision() on the wire', () => {
  it('makes the firewall first and the Linode behind it, so it is never open on other ports', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 22 }, { from: 80 }, { from: 8000, to: 9000 }],
    });
    expect(fake.requests.map((entry) => `${entry.method} ${entry.path.split('?')[0]}`)).toEqual([
      'GET /v4/linode/instances',
      'POST /v4/networking/firewalls',
      'POST /v4/linode/instances',
    ]);
    const [firewall] = fake.firewalls();
    expect(bodyOf('post-linode-instance').firewall_id).toBe(Number(firewall?.id));
    expect(bodyOf('post-firewalls').rules).toMatchObject({
      inbound_policy: 'DROP',
      outbound_policy: 'ACCEPT',
      inbound: [{ action: 'ACCEPT', protocol: 'TCP', ports: '22, 80, 8000-9000' }],
    });
    expect(firewall?.label).toMatch(/^prov-[a-z2-7]{26}$/);
    expect(host).toMatchObject({ id: `${fake.linodes()[0]?.id}/${firewall?.id}`, firewalled: true });
  });

  it('labels the Linode <name>.<owner>, tags it without the name, and sends the user-data base64 in metadata', async () => {
    await cloud().provision({
      name: 'web',
      owner: 'team-a',
      userData: '#!/bin/sh\necho héllo\n',
      tags: { env: 'prod' },
    });
    const body = bodyOf('post-linode-instance');
    expect(body.label).toBe('web.team-a');
    expect(Buffer.from(body.metadata.user_data, 'base64').toString('utf8')).toBe('#!/bin/sh\necho héllo\n');
    expect(body.root_pass).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.tags).toEqual(expect.arrayContaining(['provision-owner:team-a', 'env:prod']));
    expect(body.tags.find((tag: string) => tag.startsWith('provision-host:'))).toHaveLength(41);
    expect(body.tags.some((tag: string) => tag.startsWith('provision-name'))).toBe(false);
  });

  it('reports the SLAAC IPv6 address without its /128 and the first public IPv4', async () => {
    const host = await cloud().provision({ name: 'web' });
    const [linode] = fake.linodes();
    expect(host).toMatchObject({ ipv6: linode?.ipv6, ipv4: linode?.publicIpv4 });
  });

  it('refuses a label another Linode holds, and a label too long for the owner, before creating', async () => {
    await fetch(`${LINODE_API_URL}/v4/linode/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'web.default', region: 'us-ord', type: 'g6-nanode-1' }),
    });
    await expect(cloud().provision({ name: 'web' })).rejects.toThrow(/provision did not create/);
    const before = fake.count();
    const long = cloud().provision({ name: `a${'b'.repeat(50)}`, owner: 'o'.repeat(20) });
    await expect(long).rejects.toSatisfy(InvalidRequestError.isInstance);
    expect(fake.count()).toBe(before);
  });

  it('removes the firewall it made when Linode refuses the create, leaving nothing', async () => {
    fake.setLinodeLimit(0);
    await expect(cloud().provision({ name: 'web', inbound: [{ from: 443 }] })).rejects.toSatisfy(
      QuotaExceededError.isInstance,
    );
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', operation: 'delete-firewall' });
    expect(fake.leftovers()).toEqual([]);
  });
});

describe('the rest on the wire', () => {
  it('delete({ ip }) tags the firewall with the address before the Linode goes, then finds it by that tag', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 443 }] });
    const first = await provisioner.delete({ ip: host.ipv4 as string });
    expect(first).toMatchObject({ done: false, id: host.id, found: true });
    expect(fake.firewalls()[0]?.tags).toContain(`provision-released:${host.ipv4}`);
    let result = first;
    for (let call = 0; call < 5 && !result.done; call++)
      result = await provisioner.delete({ ip: host.ipv4 as string });
    expect(result).toMatchObject({ done: true, found: true });
    expect(fake.leftovers()).toEqual([]);
  });

  it('prices plans for the region asked (region_prices) and lists only Metadata regions as available', async () => {
    const plans = await cloud().plans?.({ region: 'id-cgk' });
    expect(plans?.find((plan) => plan.id === 'g6-nanode-1')?.price).toMatchObject({
      monthly: 6,
      source: 'live',
    });
    const regions = await cloud().regions?.();
    expect(regions?.find((region) => region.id === 'us-east')?.available).toBe(false);
    expect(regions?.find((region) => region.id === 'us-ord')?.available).toBe(true);
  });

  it("sends the token of linode-cli's default user when neither option nor variable is set", async () => {
    const home = mkdtempSync(join(tmpdir(), 'linode-home-'));
    mkdirSync(join(home, '.config'));
    writeFileSync(
      join(home, '.config', 'linode-cli'),
      `[DEFAULT]\ndefault-user = sam\n[sam]\ntoken = ${LINODE_FAKE_TOKEN}\n`,
    );
    await cloud({ HOME: home }).verifyCredentials?.();
    expect(fake.requests.at(-1)).toMatchObject({ operation: 'get-profile', status: 200 });
  });
});
