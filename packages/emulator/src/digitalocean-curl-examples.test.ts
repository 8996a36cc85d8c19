import {
  DIGITALOCEAN_FAKE_TOKEN,
  type DigitalOceanFake,
  emulated,
} from '@provision/provider-digitalocean/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCurl, isolatedEnv, run } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// The requests of the DigitalOcean API reference's cURL examples
// (digitalocean/openapi, specification/resources/<resource>/examples/curl/<operationId>.yml), sent
// as given: the same method, headers (a JSON content type even on GET and DELETE) and body, to the
// emulator instead of https://api.digitalocean.com. Only ids the examples invent are replaced by
// the fake's own: the key, image and Droplet ids, and the image slug (the example's
// ubuntu-20-04-x64 is past its end of life; the fake offers current releases).
// Sent with real curl when it is installed, else with fetch.

interface Example {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

const curl = findCurl();
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());
const fake = () => emulator.fake('digitalocean') as DigitalOceanFake;

/** Sends one example as the reference's cURL line does; returns status and parsed body. */
async function send(example: Example): Promise<{ status: number; body: Record<string, never> | undefined }> {
  const url = `${emulator.url}/digitalocean${example.path}`;
  const headers = ['Content-Type: application/json', `Authorization: Bearer ${DIGITALOCEAN_FAKE_TOKEN}`];
  let status: number;
  let text: string;
  if (curl !== undefined) {
    const args = [
      '--silent',
      '--show-error',
      '-X',
      example.method,
      ...headers.flatMap((header) => ['-H', header]),
    ];
    if (example.body !== undefined) args.push('-d', example.body);
    args.push('--write-out', '\n%{http_code}', url);
    const result = await run(curl.command, args, isolatedEnv());
    expect(result.code, result.stderr).toBe(0);
    const cut = result.stdout.lastIndexOf('\n');
    status = Number(result.stdout.slice(cut + 1));
    text = result.stdout.slice(0, cut);
  } else {
    const response = await fetch(url, {
      method: example.method,
      headers: Object.fromEntries(headers.map((header) => header.split(': ') as [string, string])),
      ...(example.body === undefined ? {} : { body: example.body }),
    });
    status = response.status;
    text = await response.text();
  }
  return { status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, never>) };
}

const EXAMPLE_KEY =
  'ssh-rsa AEXAMPLEaC1yc2EAAAADAQABAAAAQQDDHr/jh2Jy4yALcK4JyWbVkPRaWmhck3IgCoeOO3z1e2dBowLh64QAM+Qb72pxekALga2oi4GvT+TlWNhzPH4V example';

describe(`the API reference's cURL examples, sent with ${curl === undefined ? 'fetch (curl is not installed)' : curl.version.split(' ').slice(0, 2).join(' ')}`, () => {
  it('work against the emulator, one after another, as a reader would try them', {
    timeout: 120_000,
  }, async () => {
    const sent: Array<[string, number]> = [];
    const expectStatus = async (example: Example, status: number) => {
      const result = await send(example);
      sent.push([example.operationId, result.status]);
      expect(result.status, `${example.operationId}: ${JSON.stringify(result.body)}`).toBe(status);
      return result.body as Record<string, unknown>;
    };
    await expectStatus({ operationId: 'account_get', method: 'GET', path: '/v2/account' }, 200);
    await expectStatus({ operationId: 'regions_list', method: 'GET', path: '/v2/regions' }, 200);
    await expectStatus({ operationId: 'sizes_list', method: 'GET', path: '/v2/sizes' }, 200);
    const images = await expectStatus(
      { operationId: 'images_list', method: 'GET', path: '/v2/images?page=1&per_page=1' },
      200,
    );
    const image = (images.images as Array<{ id: number; slug: string }>)[0] as { id: number; slug: string };
    await expectStatus({ operationId: 'images_get', method: 'GET', path: `/v2/images/${image.id}` }, 200);
    await expectStatus({ operationId: 'images_get', method: 'GET', path: `/v2/images/${image.slug}` }, 200);

    const key = (
      await expectStatus(
        {
          operationId: 'sshKeys_create',
          method: 'POST',
          path: '/v2/account/keys',
          body: JSON.stringify({ name: 'My SSH Public Key', public_key: EXAMPLE_KEY }),
        },
        201,
      )
    ).ssh_key as { id: number; fingerprint: string };
    await expectStatus({ operationId: 'sshKeys_list', method: 'GET', path: '/v2/account/keys' }, 200);
    await expectStatus(
      { operationId: 'sshKeys_get', method: 'GET', path: `/v2/account/keys/${key.id}` },
      200,
    );

    // droplets_create, the example's body with the fake's key id and fingerprint and a current image.
    const created = await expectStatus(
      {
        operationId: 'droplets_create',
        method: 'POST',
        path: '/v2/droplets',
        body: `{"name":"example.com","region":"nyc3","size":"s-1vcpu-1gb","image":"${image.slug}","ssh_keys":[${key.id},"${key.fingerprint}"],"backups":true,"ipv6":true,"monitoring":true,"tags":["env:prod","web"],"user_data":"#cloud-config\\nruncmd:\\n  - touch /test.txt\\n","vpc_uuid":"760e09ef-dc84-11e8-981e-3cfdfeaae000"}`,
      },
      202,
    );
    const droplet = created.droplet as { id: number };
    await expectStatus(
      { operationId: 'droplets_list', method: 'GET', path: '/v2/droplets?page=1&per_page=1' },
      200,
    );
    await expectStatus(
      { operationId: 'droplets_get', method: 'GET', path: `/v2/droplets/${droplet.id}` },
      200,
    );
    const actions = await expectStatus(
      { operationId: 'actions_list', method: 'GET', path: '/v2/actions?page=1&per_page=1' },
      200,
    );
    const action = (actions.actions as Array<{ id: number }>)[0] as { id: number };
    await expectStatus({ operationId: 'actions_get', method: 'GET', path: `/v2/actions/${action.id}` }, 200);
    // Reads until the Droplet is active, as the reference's lifecycle implies, then power it off.
    for (let read = 0; read < 3; read += 1)
      await send({ operationId: 'droplets_get', method: 'GET', path: `/v2/droplets/${droplet.id}` });
    await expectStatus(
      {
        operationId: 'dropletActions_post',
        method: 'POST',
        path: `/v2/droplets/${droplet.id}/actions`,
        body: '{"type":"power_off"}',
      },
      201,
    );
    await expectStatus({ operationId: 'firewalls_list', method: 'GET', path: '/v2/firewalls' }, 200);
    await expectStatus(
      { operationId: 'droplets_destroy_byTag', method: 'DELETE', path: '/v2/droplets?tag_name=web' },
      204,
    );
    await expectStatus(
      { operationId: 'sshKeys_delete', method: 'DELETE', path: `/v2/account/keys/${key.id}` },
      204,
    );

    // What the fake holds is what the examples asked for.
    const held = fake()
      .droplets()
      .find((candidate) => Number(candidate.id) === droplet.id);
    expect(held?.tags).toEqual(['env:prod', 'web']);
    expect(held?.userData).toBe('#cloud-config\nruncmd:\n  - touch /test.txt\n');
    expect(fake().sshKeys()).toEqual([]);
    expect(new Set(fake().requests.map((entry) => entry.operation))).toEqual(
      new Set(sent.map(([operation]) => operation)),
    );
  });

  it('a bad token gets 401 on any path, known or not', { timeout: 60_000 }, async () => {
    const response = await fetch(`${emulator.url}/digitalocean/v2/no-such-collection`, {
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer dop_v1_wrong' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      id: 'unauthorized',
      message: 'Unable to authenticate you.',
    });
  });
});
