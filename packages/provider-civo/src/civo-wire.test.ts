import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthenticationError,
  InvalidRequestError,
  MissingCredentialsError,
  ProvisionError,
  silentLogger,
} from '@provision/core';
import { isStillBeingDeleted } from '@provision/provider-utils';
import { deleteUntilDone, setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Instance } from './civo-api.js';
import { civoPlugin } from './civo-plugin.js';
import { createCivo } from './create-civo.js';
import { mapCivoStatus } from './map-civo-instance.js';
import { CIVO_FAKE_TOKEN, CivoFake, fakeDiskImages } from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: CivoFake;

beforeEach(() => {
  fake = new CivoFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = (env: Record<string, string> = {}) =>
  createCivo(env.HOME === undefined && env.CIVO_CONFIG === undefined ? { token: CIVO_FAKE_TOKEN } : {}, {
    env,
    logger: silentLogger,
  });

const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((request) => request.operation === operation)?.body ?? 'null');

describe('what reaches Civo', () => {
  it('creates the firewall with exactly its rules (no default ones) before the instance, and the instance behind it', async () => {
    const host = await cloud().provision({
      name: 'web',
      region: 'FRA1',
      inbound: [{ from: 22 }, { from: 8000, to: 8100, protocol: 'udp' }],
    });
    const order = fake.requests.map((request) => request.operation);
    expect(order.indexOf('createFirewall')).toBeLessThan(order.indexOf('createInstance'));
    const firewallBody = bodyOf('createFirewall');
    expect(firewallBody).toMatchObject({ region: 'FRA1', create_rules: false });
    const [firewall] = fake.firewalls();
    expect(
      firewall?.rules.map(
        (rule) => `${rule.direction} ${rule.protocol} ${rule.start_port}-${rule.end_port} ${rule.cidr}`,
      ),
    ).toEqual([
      'ingress tcp 22-22 0.0.0.0/0',
      'ingress udp 8000-8100 0.0.0.0/0',
      'egress tcp 1-65535 0.0.0.0/0',
      'egress udp 1-65535 0.0.0.0/0',
      'egress icmp - 0.0.0.0/0',
    ]);
    const instance = fake.instances()[0];
    expect(bodyOf('createInstance').firewall_id).toBe(firewall?.id);
    expect(host.id).toBe(`FRA1/${instance?.id}/${firewall?.id}`);
    expect(host.firewalled).toBe(true);
  });

  it('sends the user-data as the script, the hostname <name>.<owner>, the tags space-separated, and a public IPv4', async () => {
    const script = '#!/bin/sh\necho héllo\n';
    await cloud().provision({ name: 'web', owner: 'team-a', userData: script, tags: { role: 'db' } });
    const body = bodyOf('createInstance');
    expect(body).toMatchObject({
      hostname: 'web.team-a',
      size: 'g3.xsmall',
      region: 'LON1',
      public_ip: 'create',
      script,
      template_id: fakeDiskImages('LON1')[0]?.id,
    });
    expect(body.tags.split(' ')).toEqual(
      expect.arrayContaining(['provision-managed-by:provision', 'provision-owner:team-a', 'role:db']),
    );
    // Every other request names its region in the query.
    for (const request of fake.requests.filter(
      (entry) => entry.method === 'GET' && entry.operation !== 'listSizes',
    ))
      expect(new URL(request.path, 'https://api.civo.com').searchParams.get('region')).toBe('LON1');
  });

  it('reads the default network and the disk images once per region, then creates with two requests', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'one' });
    const mark = fake.mark();
    await provisioner.provision({ name: 'two' });
    expect(fake.since(mark).map((request) => request.operation)).toEqual(['listInstances', 'createInstance']);
    await provisioner.provision({ name: 'three', region: 'NYC1' });
    expect(fake.count('listNetworks')).toBe(2);
    expect(fake.count('listDiskImages')).toBe(2);
  });

  it('returns the existing host for a repeat, and refuses a hostname another instance holds before any firewall stays', async () => {
    const provisioner = cloud();
    const first = await provisioner.provision({ name: 'web' });
    expect((await provisioner.provision({ name: 'web' })).id).toBe(first.id);
    expect(fake.instances()).toHaveLength(1);
    // An instance made in the dashboard with the hostname a host would get.
    await fetch('https://api.civo.com/v2/instances', {
      method: 'POST',
      headers: { authorization: `bearer ${CIVO_FAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        hostname: 'taken.default',
        size: 'g3.small',
        region: 'LON1',
        network_id: bodyOf('createInstance').network_id,
        template_id: fakeDiskImages('LON1')[0]?.id,
      }),
    });
    const refused = provisioner.provision({ name: 'taken', inbound: [{ from: 443 }] });
    await expect(refused).rejects.toThrow(InvalidRequestError);
    await expect(refused).rejects.toThrow(/hostname "taken.default"/);
    expect(fake.firewalls()).toEqual([]);
  });

  it('deletes the instance first and its firewall on the next call: 4 requests in all, nothing left', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 443 }] });
    const mark = fake.mark();
    const first = await provisioner.delete({ id: host.id });
    expect(first).toMatchObject({ done: false, found: true });
    expect(fake.firewalls()).toHaveLength(1);
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: true });
    expect(fake.since(mark).map((request) => `${request.method} ${request.operation}`)).toEqual([
      'GET getInstance',
      'DELETE deleteInstance',
      'GET getInstance',
      'DELETE deleteFirewall',
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('lists every catalog region at once, one request each', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'lon' });
    await provisioner.provision({ name: 'phx', region: 'PHX1' });
    const mark = fake.mark();
    const hosts = (await provisioner.list?.()) ?? [];
    expect(hosts.map((host) => `${host.region} ${host.name}`).sort()).toEqual(['LON1 lon', 'PHX1 phx']);
    expect(fake.since(mark)).toHaveLength(4);
  });

  it('refuses a hostname longer than Civo takes before any request', async () => {
    const owner = 'a'.repeat(32);
    await expect(cloud().provision({ name: 'b'.repeat(40), owner })).rejects.toThrow(InvalidRequestError);
    expect(fake.requests).toEqual([]);
  });
});

describe('credentials', () => {
  function home(config: unknown): string {
    const directory = mkdtempSync(join(tmpdir(), 'provision-civo-'));
    writeFileSync(join(directory, '.civo.json'), JSON.stringify(config));
    return directory;
  }
  const config = (current: string) => ({
    apikeys: { work: CIVO_FAKE_TOKEN, play: 'OtherCivoKey000000000000000000000000000000000000PV' },
    meta: { current_apikey: current, default_region: 'LON1', url: 'https://api.civo.com' },
  });

  it("reads the civo CLI's current API key from ~/.civo.json", async () => {
    const directory = home(config('work'));
    await cloud({ HOME: directory }).verifyCredentials?.();
    expect(fake.count('getQuota')).toBe(1);
    expect(civoPlugin.hasCredentials?.({ HOME: directory })).toBe(true);
    await expect(cloud({ HOME: home(config('play')) }).verifyCredentials?.()).rejects.toThrow(
      AuthenticationError,
    );
  });

  it('reads the file CIVO_CONFIG names, and CIVO_TOKEN before any file', async () => {
    const directory = home(config('work'));
    await cloud({ CIVO_CONFIG: join(directory, '.civo.json') }).verifyCredentials?.();
    const wrongFile = home(config('play'));
    await cloud({ HOME: wrongFile, CIVO_TOKEN: CIVO_FAKE_TOKEN }).verifyCredentials?.();
    expect(fake.count('getQuota')).toBe(2);
  });

  it('names the option and the variable, never a value, when there is no key', async () => {
    const directory = home({ apikeys: {}, meta: { current_apikey: '' } });
    const missing = cloud({ HOME: directory }).verifyCredentials?.();
    await expect(missing).rejects.toThrow(MissingCredentialsError);
    await expect(missing).rejects.toThrow(/CIVO_TOKEN/);
    expect(civoPlugin.hasCredentials?.({ HOME: directory })).toBe(false);
    expect(fake.requests).toEqual([]);
  });
});

describe('status mapping', () => {
  const instance = (status: string): Instance => ({ id: 'x', status });
  it.each([
    ['BUILDING', true, 'provisioning'],
    ['ACTIVE', false, 'provisioning'],
    ['ACTIVE', true, 'active'],
    ['SHUTOFF', true, 'stopped'],
    ['REBOOTING', true, 'starting'],
    ['STOPPING', true, 'stopping'],
    ['DELETING', true, 'deleting'],
    ['ERROR', true, 'error'],
    ['SOMETHING_NEW', true, 'provisioning'],
  ] as const)('%s (public IPv4: %s) is %s', (state, hasIpv4, expected) => {
    expect(mapCivoStatus(instance(state), hasIpv4)).toBe(expected);
  });
});

describe('an instance of the host that Civo is still deleting', () => {
  beforeEach(() => {
    // The instance reads DELETING for a while after its DELETE, and keeps its hostname.
    fake = new CivoFake({ readsUntilActive: 1, destroyAfterReads: 10 });
    fakeServer.use(fake);
  });

  it('is never adopted: provision() says try again, makes nothing, and status() and list() say deleting', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', region: 'FRA1', inbound: [{ from: 22 }] });
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: false });
    const mark = fake.mark();
    const error = await provisioner.provision({ name: 'web', region: 'FRA1', inbound: [{ from: 22 }] }).then(
      () => expect.unreachable('provision() adopted an instance being deleted'),
      (failure: unknown) => failure,
    );
    expect(isStillBeingDeleted(error)).toBe(true);
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
    expect((error as Error).message).toMatch(/still being deleted.*Try again then\.$/);
    // The identity's lookup (the region's network and images are cached): no firewall, no create.
    expect(fake.since(mark).map((request) => request.operation)).toEqual(['listInstances']);
    expect(await provisioner.status(host.id)).toMatchObject({ status: 'deleting' });
    expect(
      ((await provisioner.list?.({ region: 'FRA1' })) ?? []).map((listed) => [listed.id, listed.status]),
    ).toEqual([[host.id, 'deleting']]);
  });

  it('once it is gone, the same call makes the host again', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web', region: 'FRA1' });
    await deleteUntilDone(provisioner, { id: host.id }, { maxCalls: 20 });
    const again = await provisioner.provision({ name: 'web', region: 'FRA1' });
    expect(again.id).not.toBe(host.id);
    expect(fake.instances().map((instance) => instance.status)).toEqual(['BUILDING']);
  });
});
