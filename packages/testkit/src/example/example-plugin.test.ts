import {
  AuthenticationError,
  CapacityError,
  HostNotFoundError,
  hostIdentity,
  InvalidRequestError,
  MissingCredentialsError,
  type ProvisionerV1,
} from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import { ExampleCloudFake } from './example-cloud-fake.js';
import { createExample } from './example-plugin.js';
import type { ExampleSettings } from './example-settings.js';

const fakeServer = setupFakeServer();
const RETRY = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50 };
let fake: ExampleCloudFake;

beforeEach(() => {
  fake = new ExampleCloudFake();
  fakeServer.use(fake);
});

function example(settings: Partial<ExampleSettings> = {}, env: Record<string, string> = {}): ProvisionerV1 {
  return createExample({ token: fake.token, endpoint: fake.baseUrl, retry: RETRY, ...settings }, { env });
}

async function pollUntil(provisioner: ProvisionerV1, id: string, status: string) {
  for (let poll = 0; poll < 10; poll += 1) {
    const host = await provisioner.status(id);
    if (host.status === status) return host;
  }
  throw new Error(`host ${id} never reached ${status}`);
}

async function deleteToDone(
  provisioner: ProvisionerV1,
  ref: { id: string } | { ip: string },
): Promise<number> {
  for (let call = 1; call <= 10; call += 1) {
    if ((await provisioner.delete(ref)).done) return call;
  }
  throw new Error('delete never converged');
}

describe('example plugin', () => {
  it('provisions without waiting, reaches active with an IPv4, and deletes to nothing', async () => {
    const provisioner = example();
    const host = await provisioner.provision({
      name: 'web',
      tags: { team: 'a' },
      userData: '#!/bin/sh\ntrue',
    });
    expect(host).toMatchObject({
      id: '1001',
      provider: 'example',
      name: 'web',
      owner: 'default',
      status: 'provisioning',
      region: 'east-1',
      plan: 'nano',
      tags: { team: 'a' },
      firewalled: false,
    });
    expect(fake.requests.map((request) => request.operation)).toEqual([
      'servers.list',
      'servers.create',
      'servers.list',
    ]);
    expect(fake.servers.get('1001')?.user_data).toBe('#!/bin/sh\ntrue');
    const active = await pollUntil(provisioner, host.id, 'active');
    expect(active.ipv4).toBe('203.0.113.10');
    expect(await deleteToDone(provisioner, { id: host.id })).toBe(2);
    expect(fake.leftovers()).toEqual([]);
    await expect(provisioner.status(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
  });

  it('guards a host with a firewall named after it, and a fresh provisioner deletes both', async () => {
    const host = await example().provision({
      name: 'web',
      owner: 'ci',
      inbound: [{ from: 443 }, { from: 60000, to: 61000, protocol: 'udp' }],
    });
    expect(host).toMatchObject({ id: '1001/fw-1001', firewalled: true });
    expect(fake.firewalls.get('fw-1001')?.name).toBe(hostIdentity('ci', 'web'));
    expect(fake.inboundRules('1001')).toEqual([
      { from: 443, to: 443, protocol: 'tcp' },
      { from: 60000, to: 61000, protocol: 'udp' },
    ]);
    expect(fake.requests.map((request) => request.operation)).toEqual([
      'servers.list',
      'firewalls.list',
      'firewalls.create',
      'servers.create',
      'servers.list',
    ]);
    const fresh = example();
    const seq = fake.mark();
    expect(await fresh.delete({ id: host.id })).toMatchObject({
      done: false,
      remaining: ['server 1001', 'firewall fw-1001'],
    });
    expect(await fresh.delete({ id: host.id })).toEqual({ done: true, id: host.id });
    expect(fake.since(seq).map((request) => `${request.operation} ${request.status}`)).toEqual([
      'servers.delete 202',
      'servers.delete 204',
      'firewalls.delete 204',
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('opens every TCP and UDP port for inbound "all"', async () => {
    await example().provision({ name: 'open', inbound: 'all' });
    expect(fake.inboundRules('1001')).toEqual([
      { from: 1, to: 65535, protocol: 'tcp' },
      { from: 1, to: 65535, protocol: 'udp' },
    ]);
  });

  it('is idempotent by owner and name, and a retry after a lost answer does not duplicate', async () => {
    const provisioner = example();
    fake.injectFault({ kind: 'lost-response', operation: 'servers.create' });
    await expect(provisioner.provision({ name: 'web', inbound: [{ from: 22 }] })).rejects.toMatchObject({
      code: 'network_error',
    });
    const retried = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    const again = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    const otherOwner = await provisioner.provision({ name: 'web', owner: 'other' });
    expect(retried.id).toBe('1001/fw-1001');
    expect(again.id).toBe(retried.id);
    expect(otherOwner.id).toBe('1002');
    expect(fake.leftovers().map((leftover) => leftover.id)).toEqual(['1001', '1002', 'fw-1001']);
  });

  it('reuses the firewall left by a connection reset before the server was created', async () => {
    const provisioner = example();
    fake.injectFault({ kind: 'connection-reset', operation: 'servers.create', times: 3 });
    await expect(provisioner.provision({ name: 'web', inbound: [{ from: 22 }] })).rejects.toMatchObject({
      code: 'network_error',
    });
    // No server came of it, so the firewall this call created was rolled back.
    expect(fake.leftovers()).toEqual([]);
    fake.clearFaults();
    fake.injectFault({ kind: 'lost-response', operation: 'firewalls.create' });
    await expect(provisioner.provision({ name: 'web', inbound: [{ from: 22 }] })).rejects.toBeDefined();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    expect(host.id).toBe('1001/fw-1002');
    expect(fake.firewalls.size).toBe(1);
  });

  it('rolls back its firewall when the cloud refuses the server (sold out) and says CapacityError', async () => {
    fake.setSoldOut({ region: 'east-1' });
    const failure = example().provision({ name: 'web', inbound: [{ from: 80 }] });
    await expect(failure).rejects.toSatisfy(CapacityError.isInstance);
    expect(fake.leftovers()).toEqual([]);
  });

  it('reports a creation the cloud failed later as error with its reason', async () => {
    fake.failNextCreation('servers.create', 'no host available');
    const provisioner = example();
    const host = await provisioner.provision({ name: 'web' });
    expect(await provisioner.status(host.id)).toMatchObject({
      status: 'error',
      nativeStatus: 'failed',
      error: 'no host available',
    });
    await deleteToDone(provisioner, { id: host.id });
    expect(fake.leftovers()).toEqual([]);
  });

  it('lists managed hosts over several pages, narrowed by owner and tags', async () => {
    const provisioner = example();
    // The example declares list; a provisioner without it would fail here, not pass.
    const list =
      provisioner.list?.bind(provisioner) ?? (() => Promise.reject(new Error('list() is not declared')));
    for (let index = 0; index < 52; index += 1)
      await provisioner.provision({ name: `h${index}`, owner: index < 51 ? 'ci' : 'dev' });
    await provisioner.provision({ name: 'tagged', owner: 'dev', tags: { role: 'db' } });
    const seq = fake.mark();
    expect(await list()).toHaveLength(53);
    expect(fake.since(seq).map((request) => request.path)).toEqual([
      '/v1/servers?tag=provision-managed-by%3Aprovision&page=1&per_page=50',
      '/v1/servers?tag=provision-managed-by%3Aprovision&page=2&per_page=50',
    ]);
    expect((await list({ owner: 'ci' })).length).toBe(51);
    expect((await list({ owner: 'dev', tags: { role: 'db' } })).map((host) => host.name)).toEqual(['tagged']);
    expect(await list({ region: 'west-1' })).toEqual([]);
  });

  it('deletes by IP, and an unknown host or IP is already done', async () => {
    const provisioner = example();
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    const active = await pollUntil(provisioner, host.id, 'active');
    await deleteToDone(provisioner, { ip: active.ipv4 as string });
    expect(fake.leftovers()).toEqual([]);
    expect(await provisioner.delete({ ip: '198.51.100.1' })).toEqual({ done: true, found: false });
    expect(await provisioner.delete({ id: '424242' })).toEqual({ done: true, id: '424242', found: false });
  });

  it('refuses malformed ids and missing or malformed tokens before any request', async () => {
    const provisioner = example();
    for (const id of ['abc', '12/34', '12/fw-1/x'])
      await expect(provisioner.status(id)).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(example({ token: undefined }).provision({ name: 'web' })).rejects.toSatisfy(
      MissingCredentialsError.isInstance,
    );
    await expect(example({ token: 'ex_short' }).status('1001')).rejects.toSatisfy(
      MissingCredentialsError.isInstance,
    );
    expect(fake.count()).toBe(0);
  });

  it('reads the token and endpoint from the environment', async () => {
    const provisioner = createExample(
      { retry: RETRY },
      { env: { EXAMPLE_TOKEN: fake.token, EXAMPLE_ENDPOINT: fake.baseUrl } },
    );
    await provisioner.provision({ name: 'web' });
    expect(fake.servers.size).toBe(1);
  });

  it('maps a rejected token to AuthenticationError without echoing it', async () => {
    const token = 'ex_wrong0000000000000000000';
    const failure = await example({ token })
      .status('1001')
      .catch((error: unknown) => error);
    expect(AuthenticationError.isInstance(failure)).toBe(true);
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).not.toContain(
      token,
    );
  });
});
