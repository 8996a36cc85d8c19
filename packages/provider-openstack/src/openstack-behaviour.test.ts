import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRequestError, MissingCredentialsError, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOpenStack } from './create-openstack.js';
import { parseYamlMappings } from './openstack-clouds-yaml.js';
import type { OpenStackSettings } from './openstack-settings.js';
import {
  FAKE_IMAGES,
  OPENSTACK_FAKE_APPLICATION_CREDENTIAL,
  OPENSTACK_FAKE_PASSWORD,
  OPENSTACK_FAKE_URL,
  OpenStackFake,
} from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: OpenStackFake;

beforeEach(() => {
  fake = new OpenStackFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const AUTH_URL = `${OPENSTACK_FAKE_URL}/identity/v3`;
const openrc = {
  OS_AUTH_URL: AUTH_URL,
  OS_USERNAME: 'demo',
  OS_PASSWORD: OPENSTACK_FAKE_PASSWORD,
  OS_PROJECT_NAME: 'demo',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
  OS_REGION_NAME: 'RegionOne',
};
const cloud = (env: Record<string, string> = openrc, settings: OpenStackSettings = {}) =>
  createOpenStack(settings, { env, logger: silentLogger });
const operations = () => fake.requests.map((request) => request.operation);
const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((request) => request.operation === operation)?.body ?? 'null');

describe('credentials, as the openstack CLI reads them', () => {
  it('asks Keystone once and reuses the token until it is refused, then asks again', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web' });
    await provisioner.status(host.id);
    await provisioner.status(host.id);
    expect(operations().filter((name) => name === 'auth/tokens:post')).toHaveLength(1);
    expect(bodyOf('auth/tokens:post')).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: { name: 'demo', domain: { name: 'Default' }, password: OPENSTACK_FAKE_PASSWORD },
          },
        },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    fake.revokeTokens();
    expect((await provisioner.status(host.id)).status).toBe('active');
    expect(operations().filter((name) => name === 'auth/tokens:post')).toHaveLength(2);
  });

  it('reads the cloud OS_CLOUD names from clouds.yaml, with an application credential', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'openstack-clouds-'));
    const file = join(folder, 'clouds.yaml');
    writeFileSync(
      file,
      [
        '# downloaded from the dashboard',
        'clouds:',
        '  other:',
        '    auth:',
        '      auth_url: https://elsewhere.example.test/v3',
        '  fake:',
        '    auth_type: "v3applicationcredential"',
        '    auth:',
        `      auth_url: ${AUTH_URL}`,
        `      application_credential_id: "${OPENSTACK_FAKE_APPLICATION_CREDENTIAL.id}"`,
        `      application_credential_secret: '${OPENSTACK_FAKE_APPLICATION_CREDENTIAL.secret}'`,
        '    regions:',
        '      - RegionOne',
        '    region_name: RegionTwo',
        '    interface: public',
        '',
      ].join('\n'),
    );
    const env = { OS_CLOUD: 'fake', OS_CLIENT_CONFIG_FILE: file, HOME: folder };
    const host = await cloud(env).provision({ name: 'from-yaml' });
    expect(host.region).toBe('RegionTwo');
    expect(bodyOf('auth/tokens:post')).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: OPENSTACK_FAKE_APPLICATION_CREDENTIAL,
        },
      },
    });
  });

  it('looks for clouds.yaml in ~/.config/openstack as the CLI does, settings winning over it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'openstack-home-'));
    const folder = join(home, '.config', 'openstack');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'clouds.yaml'),
      `clouds:\n  lab:\n    region_name: RegionTwo\n    auth:\n      auth_url: ${AUTH_URL}\n      username: demo\n      password: ${OPENSTACK_FAKE_PASSWORD}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    const host = await cloud({ HOME: home }, { cloud: 'lab', regionName: 'RegionOne' }).provision({
      name: 'lab',
    });
    expect(host.region).toBe('RegionOne');
  });

  it('names what is missing, never the password, before any request', async () => {
    const error = await cloud({ ...openrc, OS_PROJECT_NAME: '' })
      .provision({ name: 'web' })
      .catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('OS_PROJECT_NAME');
    expect((error as Error).message).not.toContain(OPENSTACK_FAKE_PASSWORD);
    expect(fake.requests).toEqual([]);
  });

  it('asks for a region when the catalog has several and none is configured', async () => {
    const { OS_REGION_NAME: _region, ...withoutRegion } = openrc;
    const error = await cloud(withoutRegion)
      .provision({ name: 'web' })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('RegionOne, RegionTwo');
    expect(fake.servers()).toEqual([]);
  });

  it('reads the YAML clouds.yaml is written in, quotes and comments included', () => {
    expect(
      parseYamlMappings(
        "clouds:\n  a:\n    auth:\n      password: 'it''s # not a comment'\n      username: demo # a comment\n    list:\n      - x\n    region_name: \"R1\"\n",
      ),
    ).toEqual({
      clouds: {
        a: { auth: { password: "it's # not a comment", username: 'demo' }, list: {}, region_name: 'R1' },
      },
    });
  });
});

describe('defaults: the smallest flavor, the newest Ubuntu LTS by its properties, a floating IP', () => {
  it('boots the newest public Ubuntu LTS on the smallest flavor that fits, on the project network, with a floating IP', async () => {
    const host = await cloud().provision({ name: 'web' });
    const create = bodyOf('servers:post').server;
    const lts = FAKE_IMAGES.find((image) => image.name.startsWith('Ubuntu 26.04 LTS'));
    // Not the newer 26.10 (no LTS) nor the project's private 26.04 image.
    expect(create.imageRef).toBe(lts?.id);
    expect(create.flavorRef).toBe('d2');
    expect(host.plan).toBe('ds1G');
    const [port] = fake.ports();
    expect(create.networks).toEqual([{ port: port?.id }]);
    expect(fake.networks().find((network) => network.id === port?.networkId)?.name).toBe('private');
    expect(fake.floatingIps()).toMatchObject([{ portId: port?.id }]);
    expect((await cloud().status(host.id)).ipv4).toBe(fake.floatingIps()[0]?.address);
  });

  it('returns the same host to a repeat with the defaults, with no mismatch, and says what differs', async () => {
    const first = await cloud().provision({ name: 'again' });
    const repeat = await cloud().provision({ name: 'again' });
    expect(repeat.id).toBe(first.id);
    expect(repeat.specMismatch).toBeUndefined();
    const other = await cloud().provision({ name: 'again', plan: 'm1.large' });
    expect(other.id).toBe(first.id);
    expect(other.specMismatch).toEqual([expect.stringMatching(/^plan/)]);
    expect(fake.servers()).toHaveLength(1);
  });

  it('meets minCpus, minMemoryMiB and a flavor name pattern, or takes a named flavor and OS', async () => {
    await cloud().provision({ name: 'two-cores', options: { minCpus: 2 } });
    await cloud().provision({ name: 'patterned', options: { flavorPattern: '^m1\\.', minMemoryMiB: 2048 } });
    await cloud().provision({ name: 'named', plan: 'm1.medium', os: 'ubuntu-22.04' });
    const creates = fake.requests
      .filter((request) => request.operation === 'servers:post')
      .map((request) => JSON.parse(request.body ?? '{}').server);
    expect(creates.map((server) => server.flavorRef)).toEqual(['d3', '2', '3']);
    expect(creates[2].imageRef).toBe(FAKE_IMAGES.find((image) => image.name.startsWith('Ubuntu 22.04'))?.id);
  });

  it('puts a server straight on an external network when told to: its address is public, no floating IP', async () => {
    const host = await cloud(openrc, { network: 'public' }).provision({ name: 'direct' });
    const active = await cloud(openrc, { network: 'public' }).status(host.id);
    expect(active.ipv4).toMatch(/^203\.0\.113\./);
    expect(fake.floatingIps()).toEqual([]);
    expect(host.id).not.toContain('/fip/');
  });

  it('returns the server as the lookup after the create lists it, not only the id Nova answered', async () => {
    const host = await cloud(openrc, { network: 'public' }).provision({ name: 'listed' });
    const [server] = fake.servers();
    // The fake's server is active on its first read: the lookup after the create.
    expect(host).toMatchObject({ status: 'active', ipv4: expect.stringMatching(/^203\.0\.113\./) });
    expect(host.createdAt).toEqual(new Date(server?.created ?? 0));
  });

  it('a full cloud: Nova accepts the create, the server goes ERROR, and the host says the cloud had no capacity', async () => {
    fake.setSoldOut({ region: 'RegionOne' });
    const host = await cloud().provision({ name: 'no-room' });
    const failed = await cloud().status(host.id);
    expect(failed.status).toBe('error');
    expect(failed.error).toBe(
      'The cloud had no capacity for this server: no compute host could take it (Nova: "No valid host was found. There are not enough hosts available."). Try another flavor or region, or ask the cloud operator.',
    );
  });

  it('lists the flavors with a root disk as plans of unknown price, smallest first, never at a price of 0', async () => {
    const plans = (await cloud().plans?.()) ?? [];
    expect(plans.map((plan) => plan.id)).toEqual([
      'm1.tiny',
      'ds1G',
      'm1.small',
      'ds2G',
      'm1.medium',
      'm1.large',
    ]);
    for (const plan of plans) {
      expect(plan.price).toEqual({ source: 'unknown', reason: expect.stringContaining('no price API') });
      expect(plan.price.monthly).toBeUndefined();
    }
    expect(await cloud().plans?.({ minCpus: 2, maxMonthlyPrice: 1_000_000 })).toEqual([]);
    expect(operations()).toContain('flavors/detail:get');
  });

  it('reports the quota from the compute limits', async () => {
    await cloud().provision({ name: 'counted' });
    expect(await cloud().quota?.()).toEqual({ hostLimit: 25, hostsInUse: 1, cpuLimit: 20 });
  });
});

describe("regions: Keystone's, usable where the catalog has compute", () => {
  it("lists auto (the credentials' region), then every Keystone region, available where Nova is", async () => {
    expect(await cloud().regions?.()).toEqual([
      { id: 'auto', name: 'RegionOne (OS_REGION_NAME)', available: true },
      { id: 'RegionOne', name: 'RegionOne', available: true },
      { id: 'RegionTwo', name: 'Second data centre', available: true },
      { id: 'RegionThree', name: 'Being built: no services yet', available: false },
    ]);
    expect(fake.requests.map((request) => `${request.operation} ${request.status}`)).toEqual([
      'auth/tokens:post 201',
      'regions:get 200',
    ]);
  });

  it('says auto stands for no region when the catalog has compute in several and none is configured', async () => {
    const { OS_REGION_NAME: _region, ...withoutRegion } = openrc;
    const [auto] = (await cloud(withoutRegion).regions?.()) ?? [];
    expect(auto).toEqual({
      id: 'auto',
      name: 'none: compute in 2 regions, set OS_REGION_NAME',
      available: false,
    });
  });

  it('the fake asks for a token and filters by parent region, as Keystone does', async () => {
    const anonymous = await fetch(`${AUTH_URL}/regions`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: 401, message: expect.any(String), title: 'Unauthorized' },
    });
    const issued = await fetch(`${AUTH_URL}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: OPENSTACK_FAKE_APPLICATION_CREDENTIAL,
          },
        },
      }),
    });
    const headers = { 'x-auth-token': issued.headers.get('x-subject-token') ?? '' };
    const children = await fetch(`${AUTH_URL}/regions?parent_region_id=RegionTwo`, { headers });
    expect(await children.json()).toEqual({
      regions: [
        {
          id: 'RegionThree',
          description: 'Being built: no services yet',
          parent_region_id: 'RegionTwo',
          links: { self: `${AUTH_URL}/regions/RegionThree` },
        },
      ],
      links: { self: `${AUTH_URL}/regions?parent_region_id=RegionTwo`, previous: null, next: null },
    });
  });
});
