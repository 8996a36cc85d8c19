import { readFileSync } from 'node:fs';
import { silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOvh } from '../create-ovh.js';
import { ovhSignature } from '../ovh-signature.js';
import { type OvhSchema, requestErrors, responseErrors } from './ovh-api-schema.js';
import { OVH_FAKE_CREDENTIALS, OvhFake } from './ovh-fake.js';
import { OVH_FAKE_PROJECT } from './ovh-fake-catalog.js';

// The fake's answers, and every request our provisioner and these tests send, held to OVH's own
// API schema (paths there are relative to https://eu.api.ovh.com/1.0).
const schema = JSON.parse(
  readFileSync(new URL('../../test-fixtures/ovh-cloud-api.trimmed.json', import.meta.url), 'utf8'),
) as OvhSchema;
const API = 'https://eu.api.ovh.com/1.0';

const fakeServer = setupFakeServer();
/** Operations whose success answers were checked: every route the fake serves must be among them. */
const checked = new Set<string>();
let fake: OvhFake;
const problems: string[] = [];

afterAll(() => {
  const served = new OvhFake().routes.map((route) => route.operation);
  expect([...checked].sort()).toEqual([...new Set(served)].sort());
});

beforeEach(() => {
  fake = new OvhFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
  problems.length = 0;
});

/** `fetch` that checks each exchange against the schema. */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/1\.0/, '') + url.search;
  const text = await request.clone().text();
  problems.push(
    ...requestErrors(schema, {
      method: request.method,
      path,
      ...(text === '' ? {} : { body: JSON.parse(text) }),
    }),
  );
  const response = await fetch(request);
  const answer = JSON.parse(await response.clone().text());
  if (response.ok) {
    problems.push(...responseErrors(schema, { method: request.method, path, body: answer }));
    // This exchange's own entry: plans() sends two requests at once.
    const operation = fake.requests
      .filter((entry) => entry.method === request.method && entry.path === url.pathname + url.search)
      .at(-1)?.operation;
    if (operation !== undefined) checked.add(operation);
  } else {
    // The authentication layer's shape or the API's.
    expect(answer).toEqual(
      answer.errorCode === undefined
        ? { class: expect.stringMatching(/^(Client|Server)::/), message: expect.any(String) }
        : {
            errorCode: expect.any(String),
            httpCode: expect.stringMatching(/^\d{3} /),
            message: expect.any(String),
          },
    );
  }
  return response;
};

function send(method: string, path: string, body?: unknown): Promise<Response> {
  const url = `${API}${path}`;
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  return checkedFetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-ovh-application': OVH_FAKE_CREDENTIALS.applicationKey,
      'x-ovh-consumer': OVH_FAKE_CREDENTIALS.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': ovhSignature({ ...OVH_FAKE_CREDENTIALS, method, url, body: text, timestamp }),
    },
    ...(body === undefined ? {} : { body: text }),
  });
}

const cloud = () =>
  createOvh(
    { ...OVH_FAKE_CREDENTIALS, project: OVH_FAKE_PROJECT, endpoint: API, fetch: checkedFetch },
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
    for (let call = 0; call < 5 && !(await provisioner.delete({ ip: listed?.ipv4 as string })).done; call++);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('delete by id, and the keyless time', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web-2' });
    for (let call = 0; call < 5 && !(await provisioner.delete({ id: host.id })).done; call++);
    const time = await checkedFetch(`${API}/auth/time`);
    expect(Math.abs(((await time.json()) as number) - Date.now() / 1000)).toBeLessThan(120);
    expect(fake.leftovers()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the routes the provisioner uses only one way', async () => {
    await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/image?region=SBG5&osType=linux`);
    await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/flavor?region=BHS5`);
    expect(problems).toEqual([]);
  });
});

describe('errors as OVH answers them', () => {
  it('an unknown instance is 404 in the API’s shape; another project is 404 too', async () => {
    expect(
      (await send('GET', `/cloud/project/${OVH_FAKE_PROJECT}/instance/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
    expect((await send('GET', `/cloud/project/${'f'.repeat(32)}/instance`)).status).toBe(404);
  });

  it('a create without its required fields is refused with 400', async () => {
    expect((await send('POST', `/cloud/project/${OVH_FAKE_PROJECT}/instance`, { name: 'x' })).status).toBe(
      400,
    );
    problems.length = 0;
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
