import { CIVO_FAKE_TOKEN, type CivoFake, emulated, fakeDiskImages } from '@provision/provider-civo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCurl, isolatedEnv, run } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// The requests of the cURL examples in Civo's API reference (civo.com/api: instances, firewall,
// networks, disk-images, sizes, regions, quota), sent as given: `-H "Authorization: bearer ..."`,
// bodies as `-d` form fields (so form-encoded, as curl sends them), to the emulator instead of
// https://api.civo.com. Replaced: the key, ids the examples invent (the fake's own instance,
// network and disk image ids), the example's retired size g2.xsmall (g3.xsmall), and the reboot
// example's `-x POST` (curl's proxy flag, a typo for `-X POST`). Civo publishes no
// machine-readable API description to draw them from. Sent with real curl when it is installed,
// else with fetch.

interface Example {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** The `-d` argument, form-encoded. */
  readonly form?: string;
}

const curl = findCurl();
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());
const fake = () => emulator.fake('civo') as CivoFake;

/** Sends one example as the reference's cURL line does; returns status and parsed body. */
async function send(example: Example): Promise<{ status: number; body: unknown }> {
  const url = `${emulator.url}/civo${example.path}`;
  const authorization = `Authorization: bearer ${CIVO_FAKE_TOKEN}`;
  let status: number;
  let text: string;
  if (curl !== undefined) {
    const args = ['--silent', '--show-error', '-H', authorization];
    if (example.method !== (example.form === undefined ? 'GET' : 'POST')) args.push('-X', example.method);
    if (example.form !== undefined) args.push('-d', example.form);
    args.push('--write-out', '\n%{http_code}', url);
    const result = await run(curl.command, args, isolatedEnv());
    expect(result.code, result.stderr).toBe(0);
    const cut = result.stdout.lastIndexOf('\n');
    status = Number(result.stdout.slice(cut + 1));
    text = result.stdout.slice(0, cut);
  } else {
    const response = await fetch(url, {
      method: example.method,
      headers: {
        authorization: `bearer ${CIVO_FAKE_TOKEN}`,
        ...(example.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(example.form === undefined ? {} : { body: example.form }),
    });
    status = response.status;
    text = await response.text();
  }
  return { status, body: text === '' ? undefined : JSON.parse(text) };
}

describe(`the API reference's cURL examples, sent with ${curl === undefined ? 'fetch (curl is not installed)' : curl.version.split(' ').slice(0, 2).join(' ')}`, () => {
  it('work against the emulator, one after another, as a reader would try them', {
    timeout: 120_000,
  }, async () => {
    const expectStatus = async (example: Example, status: number) => {
      const result = await send(example);
      expect(result.status, `${example.name}: ${JSON.stringify(result.body)}`).toBe(status);
      return result.body as Record<string, unknown> & unknown[];
    };
    await expectStatus({ name: 'quota', method: 'GET', path: '/v2/quota' }, 200);
    await expectStatus({ name: 'list regions', method: 'GET', path: '/v2/regions' }, 200);
    await expectStatus({ name: 'list sizes', method: 'GET', path: '/v2/sizes' }, 200);
    const networks = (await expectStatus(
      { name: 'list networks', method: 'GET', path: '/v2/networks' },
      200,
    )) as unknown as Array<{ id: string; default: boolean }>;
    const network = networks.find((entry) => entry.default)?.id as string;
    const images = (await expectStatus(
      { name: 'list disk images', method: 'GET', path: '/v2/disk_images' },
      200,
    )) as unknown as Array<{ id: string; name: string }>;
    expect(images.map((image) => image.name)).toContain('ubuntu-noble');

    // Create a firewall: the example's form, with the fake's network id.
    const firewall = await expectStatus(
      {
        name: 'create a firewall',
        method: 'POST',
        path: '/v2/firewalls',
        form: `name=test&network_id=${network}&region=LON1`,
      },
      200,
    );
    expect(firewall).toMatchObject({ result: 'success', name: 'test' });

    // Create an instance: the example's form (region in lower case, no network_id) with a current
    // size and the fake's disk image id.
    const template = fakeDiskImages('LON1')[0]?.id as string;
    const created = await expectStatus(
      {
        name: 'create an instance',
        method: 'POST',
        path: '/v2/instances',
        form: `hostname=server1.prod.example.com&size=g3.xsmall&region=lon1&public_ip=true&template_id=${template}&initial_user=example`,
      },
      200,
    );
    expect(created).toMatchObject({ hostname: 'server1.prod.example.com', status: 'BUILDING' });
    const id = created.id as string;
    await expectStatus({ name: 'list instances', method: 'GET', path: '/v2/instances?region=LON1' }, 200);
    // Reads until the instance is active, as the reference's lifecycle implies.
    let shown: Record<string, unknown> = {};
    for (let read = 0; read < 6 && shown.status !== 'ACTIVE'; read += 1)
      shown = await expectStatus(
        { name: 'retrieve an instance', method: 'GET', path: `/v2/instances/${id}?region=LON1` },
        200,
      );
    expect(shown).toMatchObject({ status: 'ACTIVE', public_ip: expect.any(String) });

    await expectStatus(
      { name: 'reboot', method: 'POST', path: `/v2/instances/${id}/reboots?region=LON1` },
      200,
    );
    await expectStatus(
      { name: 'shut down', method: 'PUT', path: `/v2/instances/${id}/stop?region=LON1` },
      200,
    );
    expect(
      (
        await expectStatus(
          { name: 'retrieve an instance', method: 'GET', path: `/v2/instances/${id}?region=LON1` },
          200,
        )
      ).status,
    ).toBe('SHUTOFF');
    await expectStatus({ name: 'start', method: 'PUT', path: `/v2/instances/${id}/start?region=LON1` }, 200);
    const deleted = await expectStatus(
      { name: 'delete an instance', method: 'DELETE', path: `/v2/instances/${id}?region=LON1` },
      200,
    );
    expect(deleted).toEqual({ result: 'success' });
    await expectStatus(
      { name: 'delete a firewall', method: 'DELETE', path: `/v2/firewalls/${firewall.id}?region=LON1` },
      200,
    );
    expect(fake().leftovers()).toEqual([]);
  });

  it('answers a wrong key with 401 in the error shape', async () => {
    const url = `${emulator.url}/civo/v2/quota`;
    const response = await fetch(url, { headers: { authorization: 'bearer 12345' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: 'authentication_invalid_key',
      reason: expect.any(String),
    });
  });
});
