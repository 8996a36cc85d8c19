import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, MissingCredentialsError, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOvh } from './create-ovh.js';
import { readInstanceName } from './ovh-names.js';
import { ovhPlugin } from './ovh-plugin.js';
import { ovhSignature } from './ovh-signature.js';
import { FAKE_IMAGES, OVH_FAKE_CREDENTIALS, OVH_FAKE_PROJECT, OvhFake } from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: OvhFake;

beforeEach(() => {
  fake = new OvhFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const ENDPOINT = 'https://eu.api.ovh.com/1.0';
const settings = { ...OVH_FAKE_CREDENTIALS, project: OVH_FAKE_PROJECT, endpoint: ENDPOINT };
const cloud = (overrides: Record<string, unknown> = {}, env: Record<string, string> = {}) =>
  createOvh({ ...settings, ...overrides }, { env, logger: silentLogger });
const operations = () => fake.requests.map((request) => request.operation);
const bodyOf = (operation: string) =>
  JSON.parse(fake.requests.find((request) => request.operation === operation)?.body ?? 'null');

/** A request signed by hand, as OVH documents it. */
function signed(
  method: string,
  url: string,
  secret = OVH_FAKE_CREDENTIALS.applicationSecret,
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  const { applicationKey, consumerKey } = OVH_FAKE_CREDENTIALS;
  const signature = ovhSignature({
    applicationSecret: secret,
    consumerKey,
    method,
    url,
    body: '',
    timestamp,
  });
  return fetch(url, {
    method,
    headers: {
      'X-Ovh-Application': applicationKey,
      'X-Ovh-Consumer': consumerKey,
      'X-Ovh-Timestamp': String(timestamp),
      'X-Ovh-Signature': signature,
    },
  });
}

describe('signed requests', () => {
  const instances = `${ENDPOINT}/cloud/project/${OVH_FAKE_PROJECT}/instance`;

  it('the fake refuses a wrongly signed request the way OVH does, and accepts a right one', async () => {
    const refused = await signed('GET', instances, 'WrongOvhApplicationSecret0000032');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      errorCode: 'INVALID_SIGNATURE',
      httpCode: '400 Bad Request',
      message: 'Invalid signature',
    });
    // The URL is part of what is signed: a signature over another path does not pass.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const elsewhere = await fetch(instances, {
      headers: {
        'X-Ovh-Application': OVH_FAKE_CREDENTIALS.applicationKey,
        'X-Ovh-Consumer': OVH_FAKE_CREDENTIALS.consumerKey,
        'X-Ovh-Timestamp': timestamp,
        'X-Ovh-Signature': ovhSignature({
          ...OVH_FAKE_CREDENTIALS,
          method: 'GET',
          url: `${instances}?region=GRA11`,
          body: '',
          timestamp: Number(timestamp),
        }),
      },
    });
    expect(elsewhere.status).toBe(400);
    expect((await signed('GET', instances)).status).toBe(200);
  });

  it('refuses an unknown application key and consumer key with 403, an unsigned request with 401', async () => {
    const headers = { 'X-Ovh-Application': 'UnknownAppKey016', 'X-Ovh-Consumer': 'x' };
    const key = await fetch(instances, { headers });
    expect([key.status, ((await key.json()) as { errorCode: string }).errorCode]).toEqual([
      403,
      'INVALID_KEY',
    ]);
    const consumer = await fetch(instances, {
      headers: { ...headers, 'X-Ovh-Application': OVH_FAKE_CREDENTIALS.applicationKey },
    });
    expect([consumer.status, ((await consumer.json()) as { errorCode: string }).errorCode]).toEqual([
      403,
      'INVALID_CREDENTIAL',
    ]);
    expect((await fetch(instances)).status).toBe(401);
  });

  it('a wrong secret ends in AuthenticationError, after learning the time once', async () => {
    const error = await cloud({ applicationSecret: 'WrongOvhApplicationSecret0000032' })
      .status(`${OVH_FAKE_PROJECT}/00000000-0000-4000-8000-000000000000`)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('WrongOvhApplicationSecret');
    expect(operations()).toEqual(['get-instance', 'get-time', 'get-instance']);
  });

  it('a clock an hour off: the refused timestamp makes it ask OVH the time once, then sign with it', async () => {
    fake = new OvhFake({ readsUntilActive: 1, now: () => new Date(Date.now() + 3_600_000) });
    fakeServer.use(fake);
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'skewed' });
    await provisioner.status(host.id);
    expect(operations().filter((operation) => operation === 'get-time')).toHaveLength(1);
    expect(operations().slice(0, 3)).toEqual(['list-instances', 'get-time', 'list-instances']);
    expect(fake.instances()).toHaveLength(1);
  });
});

describe('what reaches OVH', () => {
  it('creates from the region’s flavor and OVH’s public image, hourly, with the user-data as plain text', async () => {
    const script = '#!/bin/sh\necho héllo\n';
    await cloud().provision({ name: 'web', userData: script, tags: { team: 'red ops' }, ttl: 3_600_000 });
    expect(operations()).toEqual([
      'list-instances',
      'list-flavors',
      'list-images',
      'create-instance',
      'list-instances',
    ]);
    const body = bodyOf('create-instance');
    expect(body).toMatchObject({ region: 'GRA11', monthlyBilling: false, userData: script });
    const flavors = (await (
      await signed('GET', `${ENDPOINT}/cloud/project/${OVH_FAKE_PROJECT}/flavor?region=GRA11`)
    ).json()) as Array<{ id: string; name: string }>;
    expect(flavors.find((flavor) => flavor.id === body.flavorId)?.name).toBe('d2-2');
    const [instance] = fake.instances();
    // Not the customer's private snapshot of the same name.
    expect(instance?.imageId).toBe(
      FAKE_IMAGES.find(
        (image) => image.region === 'GRA11' && image.name === 'Ubuntu 24.04' && image.visibility === 'public',
      )?.id,
    );
    expect(readInstanceName(body.name)).toMatchObject({ team: 'red ops', 'provision-name': 'web' });
  });

  it('refuses a name and tags longer than OVH keeps before any request', async () => {
    const tags = Object.fromEntries(
      Array.from({ length: 10 }, (_, index) => [`key${index}`, 'v'.repeat(60)]),
    );
    await expect(cloud().provision({ name: 'web', tags })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fake.requests).toEqual([]);
  });
});

describe('credentials and endpoints', () => {
  it('reads the keys from ovh.conf when neither options nor variables give them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'provision-ovh-'));
    const { applicationKey, applicationSecret, consumerKey } = OVH_FAKE_CREDENTIALS;
    writeFileSync(
      join(home, '.ovh.conf'),
      `[default]\nendpoint=ovh-eu\n\n[ovh-eu]\napplication_key=${applicationKey}\napplication_secret=${applicationSecret}\nconsumer_key=${consumerKey}\n`,
    );
    const env = { HOME: home, OVH_CLOUD_PROJECT_SERVICE: OVH_FAKE_PROJECT };
    expect(await ovhPlugin.hasCredentials?.(env)).toBe(true);
    const provisioner = createOvh({}, { env, logger: silentLogger });
    await provisioner.verifyCredentials?.();
    expect(operations()).toEqual(['get-project']);
  });

  it('reaches the endpoint OVH_ENDPOINT names', async () => {
    fake = new OvhFake({ baseUrl: 'https://ca.api.ovh.com' });
    fakeServer.use(fake);
    const env = { OVH_ENDPOINT: 'ovh-ca' };
    await createOvh({ ...settings, endpoint: undefined }, { env, logger: silentLogger }).regions?.();
    expect(operations()).toEqual(['list-regions']);
  });

  it('without a project, provision fails naming OVH_CLOUD_PROJECT_SERVICE, before any request', async () => {
    const error = await cloud({ project: undefined })
      .provision({ name: 'web' })
      .catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as MissingCredentialsError).envVars).toEqual(['OVH_CLOUD_PROJECT_SERVICE']);
    expect(fake.requests).toEqual([]);
  });

  it('declares inbound unsupported: a spec with ports is refused before any request', async () => {
    await expect(cloud().provision({ name: 'web', inbound: [{ from: 22 }] })).rejects.toMatchObject({
      code: 'unsupported',
    });
    expect(fake.requests).toEqual([]);
  });

  it('says plainly, in the notes `provision providers` shows and on every host, that no inbound rules are applied', async () => {
    expect(ovhPlugin.capabilities.inbound).toBe(false);
    expect(ovhPlugin.notes?.some((note) => note.startsWith('No inbound rules are applied'))).toBe(true);
    const host = await cloud().provision({ name: 'open' });
    expect(host.firewalled).toBe(false);
    expect((await cloud().status(host.id)).firewalled).toBe(false);
  });
});

describe('lookups a provisioner keeps', () => {
  it('a second provision in the region reuses the flavor and image ids: three requests', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'first' });
    const before = fake.requests.length;
    await provisioner.provision({ name: 'second' });
    expect(operations().slice(before)).toEqual(['list-instances', 'create-instance', 'list-instances']);
  });

  it('a create OVH refuses drops them: the next provision in the region looks both up again', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'first' });
    fake.injectFault({ kind: 'echo-error', operation: 'create-instance' });
    await expect(provisioner.provision({ name: 'second' })).rejects.toMatchObject({
      code: 'provider_api_error',
      retryable: false,
    });
    const before = fake.requests.length;
    await provisioner.provision({ name: 'second' });
    expect(operations().slice(before)).toEqual([
      'list-instances',
      'list-flavors',
      'list-images',
      'create-instance',
      'list-instances',
    ]);
    expect(fake.instances()).toHaveLength(2);
  });

  it('a create that got no answer keeps them: nothing says they are stale', async () => {
    const provisioner = cloud();
    await provisioner.provision({ name: 'first' });
    fake.injectFault({ kind: 'http-500', operation: 'create-instance', times: 10 });
    await expect(provisioner.provision({ name: 'second' })).rejects.toMatchObject({ retryable: true });
    fake.clearFaults();
    const before = fake.requests.length;
    await provisioner.provision({ name: 'second' });
    expect(operations().slice(before)).toEqual(['list-instances', 'create-instance', 'list-instances']);
  });
});

describe('plans', () => {
  it('live flavors with live hourly prices from the public catalog; no Windows flavor', async () => {
    const plans = (await cloud().plans?.()) ?? [];
    expect(plans.map((plan) => plan.id).sort()).toEqual(['b3-8', 'd2-2', 'd2-4', 'd2-8']);
    expect(plans.find((plan) => plan.id === 'd2-2')).toMatchObject({
      cpus: 1,
      publicIpv4: true,
      regions: ['GRA11', 'SBG5', 'BHS5'],
      price: { hourly: 0.0099, monthly: 7.23, currency: 'EUR', source: 'live' },
    });
    expect(fake.requests.map((request) => request.path).sort()).toEqual([
      `/1.0/cloud/project/${OVH_FAKE_PROJECT}/flavor`,
      '/1.0/order/catalog/public/cloud?ovhSubsidiary=FR',
    ]);
  });

  it("asks the catalog of the endpoint's subsidiary", async () => {
    fake = new OvhFake({ baseUrl: 'https://ca.api.ovh.com' });
    fakeServer.use(fake);
    await createOvh(
      { ...settings, endpoint: undefined },
      { env: { OVH_ENDPOINT: 'ovh-ca' }, logger: silentLogger },
    ).plans?.();
    expect(fake.requests.map((request) => request.path)).toContain(
      '/1.0/order/catalog/public/cloud?ovhSubsidiary=CA',
    );
  });
});

describe('a wrong endpoint', () => {
  it('an unknown endpoint name is refused before any request, naming the choices', async () => {
    const error = await createOvh(
      { ...settings, endpoint: undefined },
      { env: { OVH_ENDPOINT: 'ovh-mars' }, logger: silentLogger },
    )
      .status(`${OVH_FAKE_PROJECT}/00000000-0000-4000-8000-000000000000`)
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('ovh-eu, ovh-ca, ovh-us');
    expect(fake.requests).toEqual([]);
  });
});

describe('concurrent provisions of one host in one process', () => {
  it('run one at a time: a single instance is ever created, and every call returns it', async () => {
    const hosts = await Promise.all(Array.from({ length: 4 }, () => cloud().provision({ name: 'racer' })));
    expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
    expect(fake.createdCount('instance')).toBe(1);
    expect(operations().filter((operation) => operation === 'create-instance')).toHaveLength(1);
  });
});

describe('provision() of a name that exists', () => {
  it('returns the instance after one listing, and says how it differs from the spec', async () => {
    const first = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    const before = fake.requests.length;
    const again = await cloud().provision({ name: 'web', region: 'SBG5', plan: 'd2-4', tags: { team: 'b' } });
    expect(again.id).toBe(first.id);
    expect(operations().slice(before)).toEqual(['list-instances']);
    // The listing names the image by a per-region id only: the OS is not compared.
    expect(again.specMismatch).toEqual([
      'region: GRA11 (asked: SBG5)',
      'plan: d2-2 (asked: d2-4)',
      'tags: team=a (asked: team=b)',
    ]);
    const same = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    expect(same.specMismatch).toBeUndefined();
    expect(fake.requests.filter((request) => request.operation === 'create-instance')).toHaveLength(1);
  });
});
