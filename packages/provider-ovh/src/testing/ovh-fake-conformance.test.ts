import { silentLogger } from '@provision/core';
import { deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { createOvh } from '../create-ovh.js';
import { ovhSignature } from '../ovh-signature.js';
import { type OvhSchema, requestErrors, responseErrors } from './ovh-api-schema.js';
import { OVH_FAKE_CREDENTIALS, OvhFake } from './ovh-fake.js';
import { OVH_FAKE_PROJECT } from './ovh-fake-catalog.js';

// The fake's answers, and every request our provisioner and these tests send, held to OVH's own
// API schema (paths there are relative to https://eu.api.ovh.com/1.0); every route the fake serves
// must answer some test with a success.
const schema = readDescription<OvhSchema>(
  new URL('../../test-fixtures/ovh-cloud-api.trimmed.json', import.meta.url),
);
const API = 'https://eu.api.ovh.com/1.0';

const check = useFakeConformance({
  description: {
    requestErrors: (request) => requestErrors(schema, request),
    responseErrors: ({ method, path, body }) => responseErrors(schema, { method, path, body }),
  },
  baseUrl: API,
  transport: 'fetch',
  createFake: () => new OvhFake({ readsUntilActive: 1 }),
  // Every request signed, as OVH's clients sign them.
  headers: ({ method, url, body }) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      'x-ovh-application': OVH_FAKE_CREDENTIALS.applicationKey,
      'x-ovh-consumer': OVH_FAKE_CREDENTIALS.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': ovhSignature({ ...OVH_FAKE_CREDENTIALS, method, url, body, timestamp }),
    };
  },
  everyRouteAnswered: true,
  // The schema describes successes only; an error comes from the authentication layer or the API.
  errorSchema: {
    oneOf: [
      {
        type: 'object',
        required: ['class', 'message'],
        additionalProperties: false,
        properties: { class: { type: 'string', pattern: '^(Client|Server)::' }, message: { type: 'string' } },
      },
      {
        type: 'object',
        required: ['errorCode', 'httpCode', 'message'],
        additionalProperties: false,
        properties: {
          errorCode: { type: 'string' },
          httpCode: { type: 'string', pattern: '^\\d{3} ' },
          message: { type: 'string' },
        },
      },
    ],
  },
});
const send = check.send;

const cloud = () =>
  createOvh(
    { ...OVH_FAKE_CREDENTIALS, project: OVH_FAKE_PROJECT, endpoint: API, fetch: check.fetch },
    { env: {}, logger: silentLogger },
  );

describe('the provisioner and the fake speak the described API', () => {
  it('provision, status, power, list, plans, regions, quota, credentials, delete by IP', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
      name: 'web-1',
      userData: '#!/bin/sh\n',
      tags: { team: 'red' },
    });
    await provisioner.status(host.id);
    await provisioner.stop?.(host.id);
    await provisioner.start?.(host.id);
    await provisioner.reboot?.(host.id);
    await provisioner.plans?.();
    await provisioner.regions?.();
    await provisioner.quota?.();
    await provisioner.verifyCredentials?.();
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed?.ipv4).toBeDefined();
    await deleteUntilDone(provisioner, { ip: listed?.ipv4 as string }, { maxCalls: 5 });
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('delete by id, and the keyless time', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-2' });
    await deleteUntilDone(provisioner, { id: host.id }, { maxCalls: 5 });
    const time = await check.fetch(`${API}/auth/time`);
    expect(Math.abs(((await time.json()) as number) - Date.now() / 1000)).toBeLessThan(120);
    expect(check.fake.leftovers()).toEqual([]);
    check.expectConforming();
  });

  it('the routes the provisioner uses only one way', async () => {
    await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/image?region=SBG5&osType=linux`);
    await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/flavor?region=BHS5`);
    check.expectConforming();
  });
});

describe('errors as OVH answers them', () => {
  it('an unknown instance is 404 in the API’s shape; another project is 404 too', async () => {
    expect(
      (await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/instance/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
    expect((await send('GET', `/cloud/project/${'f'.repeat(32)}/instance`)).status).toBe(404);
    check.expectConforming();
  });

  it('a create without its required fields is refused with 400', async () => {
    expect((await send('POST', `/cloud/project/${OVH_FAKE_PROJECT}/instance`, { name: 'x' })).status).toBe(
      400,
    );
    // The schema refuses it too.
    expect(check.exchanges.pop()?.requestErrors).toContain(
      'POST /cloud/project/{serviceName}/instance body.flavorId: required but missing',
    );
    check.expectConforming();
  });
});

describe('the check itself', () => {
  it('fails a request or an answer that breaks the schema', () => {
    expect(
      requestErrors(schema, {
        method: 'POST',
        path: `/cloud/project/p/instance`,
        body: { name: 'x', region: 'GRA11' },
      }),
    ).toContain('POST /cloud/project/{serviceName}/instance body.flavorId: required but missing');
    const broken = { method: 'GET', path: '/cloud/project/p/instance/i', body: { id: 1 } };
    expect(responseErrors(schema, broken)).not.toEqual([]);
    expect(requestErrors(schema, { method: 'GET', path: '/cloud/project/p/instance?tag=x' })).toEqual([
      'GET /cloud/project/{serviceName}/instance query tag: not a parameter',
    ]);
  });
});
