import {
  emulated,
  SCALEWAY_FAKE_PROJECT_ID,
  SCALEWAY_FAKE_SECRET_KEY,
  type ScalewayFake,
} from '@provision/provider-scaleway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCurl, isolatedEnv, run } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// The requests of Scaleway's Instance API reference (https://www.scaleway.com/en/developers/api/instance/:
// its quickstart's cURL lines for creating, listing and deleting an Instance, and the reference's
// user-data, action and security-group calls), sent as given: `X-Auth-Token`, a JSON content type
// (text/plain for the user-data) and the same bodies, to the emulator instead of
// https://api.scaleway.com. Replaced: the Project id and image (a marketplace label, which the
// API takes in place of an image id) by the fake's, and the quickstart's GP1-S by DEV1-S, a type
// the fake sells. The quickstart lists with a trailing slash (`.../servers/`); sent without it.
// libcloud's Scaleway driver (python3-libcloud 3.4.1) speaks the retired compute API
// (cp-par1.scaleway.com, no zones), not the Instance API v1, so it cannot be driven here.
// Sent with real curl when it is installed, else with fetch.

interface Example {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
}

const curl = findCurl();
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());
const fake = () => emulator.fake('scaleway') as ScalewayFake;
const ZONE = '/instance/v1/zones/fr-par-1';

/** Sends one example as the reference's cURL line does; returns status and parsed body. */
async function send(
  example: Example,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const url = `${emulator.url}/scaleway${example.path}`;
  const headers = [
    `X-Auth-Token: ${SCALEWAY_FAKE_SECRET_KEY}`,
    `Content-Type: ${example.contentType ?? 'application/json'}`,
  ];
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
    if (example.body !== undefined) args.push('--data-binary', example.body);
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
  return { status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

const CLOUD_INIT = '#cloud-config\nruncmd:\n  - touch /test.txt\n';

describe(`the Instance API reference's cURL examples, sent with ${curl === undefined ? 'fetch (curl is not installed)' : curl.version.split(' ').slice(0, 2).join(' ')}`, () => {
  it('work against the emulator, one after another, as a reader would try them', {
    timeout: 120_000,
  }, async () => {
    const expectStatus = async (example: Example, status: number) => {
      const result = await send(example);
      expect(result.status, `${example.name}: ${JSON.stringify(result.body)}`).toBe(status);
      return result.body as Record<string, unknown>;
    };
    await expectStatus({ name: 'list Instance types', method: 'GET', path: `${ZONE}/products/servers` }, 200);
    const created = await expectStatus(
      {
        name: 'create an Instance',
        method: 'POST',
        path: `${ZONE}/servers`,
        body: `{"name": "my-new-instance", "project": "${SCALEWAY_FAKE_PROJECT_ID}", "commercial_type": "DEV1-S", "image": "ubuntu_noble", "enable_ipv6": true, "volumes": {"0": {"name": "my-volume", "size": 20000000000, "volume_type": "l_ssd"}}}`,
      },
      201,
    );
    const server = created.server as { id: string; state: string };
    expect(server.state).toBe('stopped');
    await expectStatus(
      {
        name: 'set user data',
        method: 'PATCH',
        path: `${ZONE}/servers/${server.id}/user_data/cloud-init`,
        body: CLOUD_INIT,
        contentType: 'text/plain',
      },
      204,
    );
    expect(fake().servers()[0]?.userData.get('cloud-init')).toBe(CLOUD_INIT);
    const keys = await expectStatus(
      { name: 'list user data', method: 'GET', path: `${ZONE}/servers/${server.id}/user_data` },
      200,
    );
    expect(keys.user_data).toEqual(['cloud-init']);
    await expectStatus(
      {
        name: 'power on',
        method: 'POST',
        path: `${ZONE}/servers/${server.id}/action`,
        body: '{"action": "poweron"}',
      },
      202,
    );
    let state = '';
    for (let read = 0; read < 5 && state !== 'running'; read++)
      state = (
        (
          await expectStatus(
            { name: 'get an Instance', method: 'GET', path: `${ZONE}/servers/${server.id}` },
            200,
          )
        ).server as { state: string }
      ).state;
    expect(state).toBe('running');
    const listed = await expectStatus(
      { name: 'list Instances', method: 'GET', path: `${ZONE}/servers` },
      200,
    );
    expect((listed.servers as unknown[]).length).toBe(1);

    const group = (
      await expectStatus(
        {
          name: 'create a security group',
          method: 'POST',
          path: `${ZONE}/security_groups`,
          body: `{"name": "my-security-group", "description": "web", "project": "${SCALEWAY_FAKE_PROJECT_ID}", "stateful": true, "inbound_default_policy": "drop", "outbound_default_policy": "accept"}`,
        },
        201,
      )
    ).security_group as { id: string };
    await expectStatus(
      {
        name: 'update all the rules of a security group',
        method: 'PUT',
        path: `${ZONE}/security_groups/${group.id}/rules`,
        body: '{"rules": [{"action": "accept", "protocol": "TCP", "direction": "inbound", "ip_range": "0.0.0.0/0", "dest_port_from": 443, "dest_port_to": 443, "position": 1, "editable": true}]}',
      },
      200,
    );
    await expectStatus(
      { name: 'list rules', method: 'GET', path: `${ZONE}/security_groups/${group.id}/rules` },
      200,
    );
    await expectStatus(
      { name: 'delete a security group', method: 'DELETE', path: `${ZONE}/security_groups/${group.id}` },
      204,
    );

    // Deleting a running Instance: the API refuses, the terminate action takes it and its volume.
    await expectStatus(
      { name: 'delete an Instance', method: 'DELETE', path: `${ZONE}/servers/${server.id}` },
      400,
    );
    await expectStatus(
      {
        name: 'terminate',
        method: 'POST',
        path: `${ZONE}/servers/${server.id}/action`,
        body: '{"action": "terminate"}',
      },
      202,
    );
    let gone = 0;
    for (let read = 0; read < 5 && gone !== 404; read++)
      gone = (await send({ name: 'get an Instance', method: 'GET', path: `${ZONE}/servers/${server.id}` }))
        .status;
    expect(gone).toBe(404);
    expect(fake().leftovers()).toEqual([]);
  });
});
