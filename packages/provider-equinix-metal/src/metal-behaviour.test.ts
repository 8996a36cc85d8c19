import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapacityError, HOST_STATUSES, MissingCredentialsError, waitForHost } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createEquinixMetal } from './create-equinix-metal.js';
import { DEVICE_STATES, deviceToHost, FAILED_WITHOUT_REASON } from './map-metal-device.js';
import { metalPlugin } from './metal-plugin.js';
import { metalProject, metalToken } from './metal-settings.js';
import { FAKE_PROJECT_ID, METAL_FAKE_TOKEN, MetalFake } from './testing/index.js';

// What the contract suite does not reach: the metal CLI's config file, every device state, live
// prices per metro, the capacity check, and a delete that waits out deprovisioning.

/** A fresh fake and a provisioner on it (the fake answers in place of the network). */
function setUp(options: ConstructorParameters<typeof MetalFake>[0] = {}) {
  const fake = new MetalFake({ readsUntilActive: 1, ...options });
  const fetchFake: typeof fetch = async (input, init) => {
    const answer = await fake.handle(new Request(input, init));
    if (!(answer instanceof Response)) throw new TypeError('fetch failed');
    return answer;
  };
  const cloud = createEquinixMetal(
    { token: METAL_FAKE_TOKEN, projectId: FAKE_PROJECT_ID, endpoint: fake.apiUrl, fetch: fetchFake },
    { env: {} },
  );
  return { fake, cloud };
}

function homeWith(yaml: string): string {
  const home = mkdtempSync(join(tmpdir(), 'provision-metal-home-'));
  mkdirSync(join(home, '.config', 'equinix'), { recursive: true });
  writeFileSync(join(home, '.config', 'equinix', 'metal.yaml'), yaml);
  return home;
}

describe('credentials from the metal CLI’s config file', () => {
  it('reads token and project-id from ~/.config/equinix/metal.yaml, quoted or not', () => {
    const home = homeWith(
      `token: "${METAL_FAKE_TOKEN}"\nproject-id: ${FAKE_PROJECT_ID}\norganization-id: ''\n`,
    );
    expect(metalToken.file?.read({ HOME: home })).toBe(METAL_FAKE_TOKEN);
    expect(metalProject.file?.read({ HOME: home })).toBe(FAKE_PROJECT_ID);
    expect(metalPlugin.hasCredentials?.({ HOME: home })).toBe(true);
  });

  it('needs a key and a project, from variables or the file', () => {
    const home = homeWith(`token: ${METAL_FAKE_TOKEN}\n`);
    expect(metalPlugin.hasCredentials?.({ HOME: home })).toBe(false);
    expect(metalPlugin.hasCredentials?.({ HOME: home, METAL_PROJECT_ID: FAKE_PROJECT_ID })).toBe(true);
    expect(metalPlugin.hasCredentials?.({ HOME: '/nonexistent', METAL_AUTH_TOKEN: METAL_FAKE_TOKEN })).toBe(
      false,
    );
  });

  it('a provisioner uses the file when no option or variable is given, and says which is missing', async () => {
    const fake = new MetalFake({ readsUntilActive: 1 });
    const fetchFake: typeof fetch = async (input, init) =>
      fake.handle(new Request(input, init)) as Promise<Response>;
    const home = homeWith(`token: ${METAL_FAKE_TOKEN}\nproject-id: ${FAKE_PROJECT_ID}\n`);
    const cloud = createEquinixMetal({ endpoint: fake.apiUrl, fetch: fetchFake }, { env: { HOME: home } });
    await expect(cloud.verifyCredentials?.()).resolves.toBeUndefined();
    expect(fake.requests.map((entry) => entry.path)).toEqual([`/metal/v1/projects/${FAKE_PROJECT_ID}`]);

    const noProject = createEquinixMetal(
      { endpoint: fake.apiUrl, fetch: fetchFake },
      { env: { HOME: homeWith(`token: ${METAL_FAKE_TOKEN}\n`) } },
    );
    const error = await noProject.verifyCredentials?.().catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/METAL_PROJECT_ID/);
    expect((error as Error).message).not.toContain(METAL_FAKE_TOKEN);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('device states', () => {
  const device = (state: string, extra: Record<string, unknown> = {}) => ({
    id: 'de71ce00-0000-4000-8000-000000000001',
    state,
    ip_addresses: [{ address: '145.40.0.2', address_family: 4, public: true }],
    ...extra,
  });

  it('maps every state the description lists to a HostStatus', () => {
    const listed = [
      'queued',
      'provisioning',
      'deprovisioning',
      'reinstalling',
      'active',
      'inactive',
      'failed',
      'powering_on',
      'powering_off',
      'deleted',
    ];
    expect(Object.keys(DEVICE_STATES).sort()).toEqual([...listed].sort());
    for (const state of listed) expect(HOST_STATUSES).toContain(deviceToHost(device(state)).status);
    expect(deviceToHost(device('active', { ip_addresses: [] })).status).toBe('provisioning');
    expect(deviceToHost(device('something_new')).status).toBe('provisioning');
  });

  it('a failed device carries its last provisioning event’s sentence, or says there was none', () => {
    const failed = deviceToHost(
      device('failed', {
        provisioning_events: [
          { body: 'Provisioning started' },
          { body: 'raw', interpolated: 'Hardware failed its health check' },
        ],
      }),
    );
    expect(failed).toMatchObject({
      status: 'error',
      error: expect.stringContaining('Hardware failed its health check'),
    });
    expect(deviceToHost(device('failed')).error).toBe(FAILED_WITHOUT_REASON);
  });
});

describe('the capacity check and live prices', () => {
  it('a sold-out plan is a CapacityError before any create; another metro still works', async () => {
    const { fake, cloud } = setUp();
    fake.setSoldOut({ region: 'da', plan: 'c3.small.x86' });
    const error = await cloud.provision({ name: 'sold-out' }).catch((caught: unknown) => caught);
    expect(CapacityError.isInstance(error)).toBe(true);
    expect(fake.requests.map((entry) => entry.operation).sort()).toEqual([
      'checkCapacityForMetro',
      'findProjectDevices',
    ]);
    const host = await cloud.provision({ name: 'elsewhere', region: 'am' });
    expect(host.region).toBe('am');
  });

  it('plans are the on-demand ones, priced live, at the metro’s own price where it differs', async () => {
    const { cloud } = setUp();
    const everywhere = await cloud.plans?.();
    expect(everywhere?.map((plan) => plan.id)).not.toContain('a3.large.x86');
    const small = everywhere?.find((plan) => plan.id === 'm3.small.x86');
    expect(small?.price).toEqual({ monthly: 766.5, hourly: 1.05, currency: 'USD', source: 'live' });
    expect(small?.regions).toContain('sg');
    const inSingapore = (await cloud.plans?.({ region: 'sg' }))?.find((plan) => plan.id === 'm3.small.x86');
    expect(inSingapore?.price.hourly).toBe(1.25);
    const cheapest = [...(everywhere ?? [])].sort(
      (a, b) => (a.price.monthly ?? Number.POSITIVE_INFINITY) - (b.price.monthly ?? Number.POSITIVE_INFINITY),
    )[0];
    expect(cheapest?.id).toBe(metalPlugin.defaults.plan);
  });
});

describe('delete while Equinix Metal deprovisions', () => {
  it('sends one DELETE, then only reads until the device answers 404', async () => {
    const { fake, cloud } = setUp({ destroyAfterRequests: 3 });
    const host = await cloud.provision({ name: 'slow-goodbye' });
    await waitForHost(cloud, host.id, { until: 'active', interval: 0, timeout: 10_000 });
    const mark = fake.mark();
    const results = [];
    for (let call = 0; call < 10; call++) {
      const result = await cloud.delete({ id: host.id });
      results.push(result.done);
      if (result.done) break;
    }
    expect(results).toEqual([false, false, false, true]);
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'findDeviceById',
      'deleteDevice',
      'findDeviceById',
      'findDeviceById',
      'findDeviceById',
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('a device made outside provision is never deleted by its id', async () => {
    const { fake, cloud } = setUp();
    const made = await fake.handle(
      new Request(`${fake.apiUrl}/projects/${FAKE_PROJECT_ID}/devices`, {
        method: 'POST',
        headers: { 'x-auth-token': METAL_FAKE_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify({
          hostname: 'theirs',
          plan: 'c3.small.x86',
          metro: 'da',
          operating_system: 'ubuntu_24_04',
        }),
      }),
    );
    const { id } = (await (made as Response).json()) as { id: string };
    expect(await cloud.delete({ id })).toEqual({ done: true, id, found: false });
    expect(fake.devices().map((device) => device.state)).not.toContain('deprovisioning');
  });
});
