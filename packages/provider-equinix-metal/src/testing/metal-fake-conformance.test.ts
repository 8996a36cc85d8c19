import { CapacityError, waitForHost } from '@provision/core';
import { cycleHost, deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createEquinixMetal } from '../create-equinix-metal.js';
import { UNREAD_DEVICE_OBJECTS } from '../metal-api.js';
import { METAL_FAKE_TOKEN, MetalFake } from './metal-fake.js';
import { FAKE_PROJECT_ID } from './metal-fake-catalog.js';

// The fake's answers, and the plugin's requests, held to Equinix Metal's own OpenAPI description:
// every request goes straight to the fake (no network) and both sides are checked on the way.
const fixture = readDescription(new URL('../../test-fixtures/metal-openapi.trimmed.json', import.meta.url));
const API = fixture.servers[0]?.url as string;
const PROJECT = `/projects/${FAKE_PROJECT_ID}`;

const check = useFakeConformance({
  description: fixture,
  baseUrl: API,
  createFake: () => new MetalFake({ readsUntilActive: 1, destroyAfterRequests: 1 }),
  headers: { 'x-auth-token': METAL_FAKE_TOKEN },
});
const send = check.send;

const cloud = () =>
  createEquinixMetal(
    { token: METAL_FAKE_TOKEN, projectId: FAKE_PROJECT_ID, endpoint: API, fetch: check.fetch },
    { env: {} },
  );

describe('the plugin and the fake speak the Metal API v1 as its description says', () => {
  it('a whole lifecycle: every request and every answer conforms, and every route the fake serves is used', async () => {
    const provisioner = cloud();
    const spec = { name: 'web-1', userData: '#!/bin/sh\necho hi\n', tags: { env: 'test' } };
    // provision, active, the repeat (found again, not made twice), list, stop, stopped, start, reboot
    const { host } = await cycleHost(provisioner, spec, { list: { region: 'da' } });
    await provisioner.plans?.({ region: 'sg' });
    await provisioner.regions?.();
    await provisioner.verifyCredentials?.();
    await deleteUntilDone(provisioner, { id: host.id });
    const other = await provisioner.provision({ name: 'web-2', region: 'am' });
    const active = await waitForHost(provisioner, other.id, {
      until: 'active',
      interval: 0,
      timeout: 10_000,
    });
    await deleteUntilDone(provisioner, { ip: active.ipv4 as string });
    expect(check.fake.leftovers()).toEqual([]);

    // What the plugin does not send, a client may: the capacity report, the OS list, the project's plans.
    await send('GET', '/capacity/metros');
    await send('GET', '/operating-systems');
    await send('GET', `${PROJECT}/plans`);
    check.expectConforming();
    expect(check.unansweredRoutes()).toEqual([]);
  });

  it('the create carries what the description names: metro, plan, operating system, hourly billing, tags, userdata', async () => {
    await cloud().provision({ name: 'web-3', userData: '#cloud-config\n{}\n' });
    const create = check.exchanges.find(
      (exchange) => exchange.method === 'POST' && exchange.path === `${PROJECT}/devices`,
    );
    expect(create?.status).toBe(201);
    const [device] = check.fake.devices();
    expect(device).toMatchObject({
      hostname: 'web-3',
      metro: 'da',
      plan: 'c3.small.x86',
      operatingSystem: 'ubuntu_24_04',
      billingCycle: 'hourly',
      userdata: '#cloud-config\n{}\n',
    });
    // The capacity check came before the create.
    const order = check.fake.requests.map((entry) => entry.operation);
    expect(order.indexOf('checkCapacityForMetro')).toBeLessThan(order.indexOf('createDevice'));
    check.expectConforming();
  });

  it('no capacity: CapacityError before any create', async () => {
    check.fake.setSoldOut({ region: 'da', plan: 'c3.small.x86' });
    await expect(cloud().provision({ name: 'web-4' })).rejects.toSatisfy(CapacityError.isInstance);
    expect(check.fake.requests.map((entry) => entry.operation)).not.toContain('createDevice');
    expect(check.fake.devices()).toEqual([]);
    check.expectConforming();
  });

  it('errors in the described shape: unauthorized, not found, unprocessable', async () => {
    const wrong = await send('GET', `${PROJECT}/devices`, undefined, { 'x-auth-token': 'W'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ errors: ['Invalid authentication token'] });
    const missing = await send('GET', '/devices/00000000-0000-4000-8000-000000000000');
    expect([missing.status, await missing.json()]).toEqual([404, { errors: ['Not found'] }]);
    const bad = await send('POST', `${PROJECT}/devices`, {
      metro: 'da',
      plan: 'x9.huge.x86',
      operating_system: 'ubuntu_24_04',
      hostname: 'bad',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: string[] }).errors[0]).toMatch(/plan/);
    check.expectConforming();
  });

  it('pagination: page and per_page (at most 1,000) with meta links, and the tag filter', async () => {
    for (let index = 0; index < 3; index++)
      await send('POST', `${PROJECT}/devices`, {
        metro: 'da',
        plan: 'c3.small.x86',
        operating_system: 'ubuntu_24_04',
        hostname: `page-${index}`,
        tags: [index === 1 ? 'team-b' : 'team-a'],
      });
    const page = (await (await send('GET', `${PROJECT}/devices?per_page=2&page=2`)).json()) as {
      devices: unknown[];
      meta: Record<string, unknown>;
    };
    expect(page.devices).toHaveLength(1);
    expect(page.meta).toMatchObject({
      current_page: 2,
      last_page: 2,
      total: 3,
      previous: { href: expect.stringContaining('page=1') },
      last: { href: expect.stringContaining('page=2') },
    });
    expect(page.meta.next).toBeUndefined();
    const big = (await (await send('GET', `${PROJECT}/devices?per_page=5000`)).json()) as {
      meta: { self: { href: string } };
    };
    expect(big.meta.self.href).toContain('per_page=1000');
    // The description itself forbids asking for more (the fake caps rather than refuses).
    expect(check.exchanges.pop()?.requestErrors).toEqual(['findProjectDevices query per_page: above 1000']);
    const tagged = (await (await send('GET', `${PROJECT}/devices?tag=team-a`)).json()) as {
      devices: Array<{ hostname: string }>;
    };
    expect(tagged.devices.map((device) => device.hostname)).toEqual(['page-0', 'page-2']);
    check.expectConforming();
  });

  it('include and exclude: an excluded nested object answers its href alone, an included link its resource', async () => {
    await send('POST', `${PROJECT}/devices`, {
      metro: 'da',
      plan: 'c3.small.x86',
      operating_system: 'ubuntu_24_04',
      hostname: 'shaped',
      tags: ['team-a'],
    });
    type Shaped = {
      hostname: string;
      plan: Record<string, unknown>;
      operating_system: Record<string, unknown>;
      project_lite: Record<string, unknown>;
      metro: Record<string, unknown>;
    };
    const full = ((await (await send('GET', `${PROJECT}/devices`)).json()) as { devices: Shaped[] })
      .devices[0];
    const shaped = (
      (await (
        await send(
          'GET',
          `${PROJECT}/devices?include=project_lite&exclude=operating_system,plan.specs,plan.available_in_metros,hostname,a.b.c.d`,
        )
      ).json()) as { devices: Shaped[] }
    ).devices[0];
    // Objects with no href of their own come back empty; a scalar (hostname) and a path deeper
    // than 3 levels change nothing.
    expect(shaped?.operating_system).toEqual({});
    expect(shaped?.plan.specs).toEqual({});
    const fullMetros = full?.plan.available_in_metros as Array<{ href: string }> | undefined;
    expect(fullMetros?.length).toBeGreaterThan(0);
    expect(Object.keys(fullMetros?.[0] ?? {}).length).toBeGreaterThan(1);
    expect(shaped?.plan.available_in_metros).toEqual(fullMetros?.map(({ href }) => ({ href })));
    expect(shaped?.plan.slug).toBe('c3.small.x86');
    expect(shaped?.hostname).toBe('shaped');
    expect(shaped?.metro).toEqual(full?.metro);
    expect(full?.project_lite).toEqual({ href: `/metal/v1/projects/${FAKE_PROJECT_ID}` });
    expect(shaped?.project_lite).toMatchObject({ id: FAKE_PROJECT_ID, name: 'provision-fake' });
    // A path inside an object also left out whole changes nothing more, whichever comes first.
    const nested = (
      (await (await send('GET', `${PROJECT}/devices?exclude=plan.specs,plan`)).json()) as {
        devices: Shaped[];
      }
    ).devices[0];
    expect(nested?.plan).toEqual({});
    expect(nested?.hostname).toBe('shaped');
    // The fake's catalog is not changed by what one answer left out.
    const again = ((await (await send('GET', `${PROJECT}/devices`)).json()) as { devices: Shaped[] })
      .devices[0];
    expect(again).toEqual(full);
    check.expectConforming();
  });

  it('list() asks the nested objects no host reads left out, and reads the hosts a whole answer gives', async () => {
    const provisioner = cloud();
    const made = await provisioner.provision({ name: 'trim-1', region: 'da' });
    const active = await waitForHost(provisioner, made.id, { until: 'active', interval: 0, timeout: 10_000 });
    const mark = check.fake.mark();
    const [listed] = (await provisioner.list?.()) ?? [];
    const sent = check.fake.since(mark);
    expect(sent.map((entry) => entry.operation)).toEqual(['findProjectDevices']);
    const query = new URL(sent[0]?.path ?? '', 'http://fake').searchParams;
    expect(query.get('exclude')?.split(',')).toEqual([...UNREAD_DEVICE_OBJECTS]);
    expect(listed).toEqual(active);
    // provision()'s own lookup still reads the operating system (its facts of a host it finds).
    const lookup = check.fake.mark();
    await provisioner.provision({ name: 'trim-1', region: 'da' });
    const lookups = check.fake.since(lookup).filter((entry) => entry.operation === 'findProjectDevices');
    expect(lookups.length).toBeGreaterThan(0);
    for (const entry of lookups)
      expect(new URL(entry.path, 'http://fake').searchParams.has('exclude')).toBe(false);
    check.expectConforming();
  });

  it('every path list() excludes is a nested object (or array of objects) of the described device', () => {
    type Schema = {
      $ref?: string;
      allOf?: Schema[];
      type?: string;
      properties?: Record<string, Schema>;
      items?: Schema;
    };
    const schemas = (fixture as unknown as { components: { schemas: Record<string, Schema> } }).components
      .schemas;
    const resolve = (schema: Schema): Schema => {
      let at = schema;
      for (;;) {
        if (at.$ref !== undefined) at = schemas[at.$ref.split('/').at(-1) as string] as Schema;
        else if (at.allOf !== undefined) at = at.allOf[0] as Schema;
        else return at;
      }
    };
    for (const path of UNREAD_DEVICE_OBJECTS) {
      let at = resolve(schemas.Device as Schema);
      for (const part of path.split('.')) {
        if (at.type === 'array') at = resolve(at.items as Schema);
        const next = at.properties?.[part];
        expect(next, path).toBeDefined();
        at = resolve(next as Schema);
      }
      const object = at.type === 'array' ? resolve(at.items as Schema) : at;
      expect(object.type, path).toBe('object');
    }
  });
});
