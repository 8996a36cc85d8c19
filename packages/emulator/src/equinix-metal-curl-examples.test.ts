import {
  emulated,
  FAKE_PROJECT_ID,
  METAL_FAKE_TOKEN,
  type MetalFake,
} from '@provision/provider-equinix-metal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCurl, isolatedEnv, run } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// The requests of the cURL examples in Equinix Metal's documentation (deploy.equinix.com: "On
// Demand" deploys with `POST /projects/{id}/devices`, "Inventory and Capacity" checks with
// `POST /capacity/metros`; the API reference's device, action, plan, metro and operating-system
// calls), sent as given: `-H "X-Auth-Token: ..."`, `-H "Content-Type: application/json"`, JSON
// bodies with `-d`, to the emulator instead of https://api.equinix.com. Replaced: the token, the
// project id and the `<metro_code>`/`<server_type>`/`<os_code>` placeholders. Sent with real curl
// when it is installed, else with fetch.

interface Example {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
}

const curl = findCurl();
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());
const fake = () => emulator.fake('equinix-metal') as MetalFake;
const PROJECT = `/projects/${FAKE_PROJECT_ID}`;

/** Sends one example as the documentation's cURL line does; returns status and parsed body. */
async function send(example: Example): Promise<{ status: number; body: unknown }> {
  const url = `${emulator.url}/equinix-metal/metal/v1${example.path}`;
  const body = example.json === undefined ? undefined : JSON.stringify(example.json);
  let status: number;
  let text: string;
  if (curl !== undefined) {
    const args = ['--silent', '--show-error', '-X', example.method];
    args.push('-H', 'Content-Type: application/json', '-H', `X-Auth-Token: ${METAL_FAKE_TOKEN}`);
    if (body !== undefined) args.push('-d', body);
    args.push('--write-out', '\n%{http_code}', url);
    const result = await run(curl.command, args, isolatedEnv());
    expect(result.code, result.stderr).toBe(0);
    const cut = result.stdout.lastIndexOf('\n');
    status = Number(result.stdout.slice(cut + 1));
    text = result.stdout.slice(0, cut);
  } else {
    const response = await fetch(url, {
      method: example.method,
      headers: { 'content-type': 'application/json', 'x-auth-token': METAL_FAKE_TOKEN },
      ...(body === undefined ? {} : { body }),
    });
    status = response.status;
    text = await response.text();
  }
  return { status, body: text === '' ? undefined : JSON.parse(text) };
}

describe(`the documentation's cURL examples, sent with ${curl === undefined ? 'fetch (curl is not installed)' : curl.version.split(' ').slice(0, 2).join(' ')}`, () => {
  it('work against the emulator, one after another, as a reader would try them', {
    timeout: 120_000,
  }, async () => {
    const expectStatus = async (example: Example, status: number) => {
      const result = await send(example);
      expect(result.status, `${example.name}: ${JSON.stringify(result.body)}`).toBe(status);
      return result.body as Record<string, unknown>;
    };
    const plans = await expectStatus({ name: 'list plans', method: 'GET', path: '/plans' }, 200);
    expect((plans.plans as Array<{ slug: string }>).map((plan) => plan.slug)).toContain('c3.small.x86');
    await expectStatus({ name: 'list metros', method: 'GET', path: '/locations/metros' }, 200);
    await expectStatus({ name: 'list operating systems', method: 'GET', path: '/operating-systems' }, 200);
    await expectStatus({ name: 'capacity report', method: 'GET', path: '/capacity/metros' }, 200);
    const check = await expectStatus(
      {
        name: 'check capacity',
        method: 'POST',
        path: '/capacity/metros',
        json: { servers: [{ metro: 'da', plan: 'c3.small.x86', quantity: '1' }] },
      },
      200,
    );
    expect(check.servers).toEqual([{ metro: 'da', plan: 'c3.small.x86', quantity: '1', available: true }]);
    await expectStatus({ name: 'get project', method: 'GET', path: PROJECT }, 200);

    const created = await expectStatus(
      {
        name: 'deploy on demand',
        method: 'POST',
        path: `${PROJECT}/devices`,
        json: { metro: 'da', plan: 'c3.small.x86', operating_system: 'ubuntu_24_04', hostname: 'curl-1' },
      },
      201,
    );
    expect(created).toMatchObject({ hostname: 'curl-1', state: 'queued', metro: { code: 'da' } });
    const id = created.id as string;
    let state = '';
    for (let read = 0; read < 10 && state !== 'active'; read++)
      state = (await expectStatus({ name: 'get device', method: 'GET', path: `/devices/${id}` }, 200))
        .state as string;
    expect(state).toBe('active');
    const listed = await expectStatus(
      { name: 'list devices', method: 'GET', path: `${PROJECT}/devices` },
      200,
    );
    expect((listed.devices as Array<{ id: string }>).map((device) => device.id)).toEqual([id]);
    for (const type of ['power_off', 'power_on', 'reboot'])
      await expectStatus(
        { name: `action ${type}`, method: 'POST', path: `/devices/${id}/actions`, json: { type } },
        202,
      );
    await expectStatus({ name: 'delete device', method: 'DELETE', path: `/devices/${id}` }, 204);
    const leaving = await expectStatus({ name: 'get device', method: 'GET', path: `/devices/${id}` }, 200);
    expect(leaving.state).toBe('deprovisioning');
    let gone = 200;
    for (let read = 0; read < 10 && gone === 200; read++)
      gone = (await send({ name: 'get device', method: 'GET', path: `/devices/${id}` })).status;
    expect(gone).toBe(404);
    expect(fake().leftovers()).toEqual([]);
  });

  it('get the documented error shape: a wrong token, an unknown plan', { timeout: 60_000 }, async () => {
    const bad = await send({
      name: 'deploy an unknown plan',
      method: 'POST',
      path: `${PROJECT}/devices`,
      json: { metro: 'da', plan: 'x9.huge.x86', operating_system: 'ubuntu_24_04', hostname: 'curl-2' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ errors: [expect.stringMatching(/plan/i)] });
    const response = await fetch(`${emulator.url}/equinix-metal/metal/v1/plans`, {
      headers: { 'x-auth-token': 'W'.repeat(32) },
    });
    expect([response.status, await response.json()]).toEqual([
      401,
      { errors: ['Invalid authentication token'] },
    ]);
  });
});
