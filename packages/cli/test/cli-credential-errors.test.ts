import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { runCli } from './run-cli.js';

// Wrong credentials the user can recognise: no output may hold them, whole or in part.
const SENTINEL = 'wrong-secret-sentinel-9e4b';
// Well-formed but unknown to the cloud, so the request is sent and refused.
const HEX64 = 'feedc0de'.repeat(8);

function expectAbsent(output: string, secret: string): void {
  expect(output).not.toContain(secret);
  expect(output).not.toContain(secret.slice(0, 12));
  expect(output).not.toContain(secret.slice(-8));
}

let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  const started = await startTestEmulator();
  emulator = started.emulator;
  env = started.env;
});

afterAll(async () => {
  await emulator.close();
});

describe('a wrong credential is never echoed', () => {
  // Malformed: a usage error (exit 2) naming the variable. Refused by the cloud: exit 1, saying so.
  it.each([
    ['hetzner', 'HCLOUD_TOKEN', SENTINEL, 2],
    ['digitalocean', 'DIGITALOCEAN_TOKEN', SENTINEL, 2],
    ['linode', 'LINODE_TOKEN', SENTINEL, 2],
    ['vultr', 'VULTR_API_KEY', SENTINEL, 2],
    ['civo', 'CIVO_TOKEN', SENTINEL, 2],
    ['scaleway', 'SCW_SECRET_KEY', SENTINEL, 2],
    ['aws', 'AWS_SECRET_ACCESS_KEY', SENTINEL, 2],
    ['ovh', 'OVH_APPLICATION_SECRET', SENTINEL, 2],
    ['ovh', 'OVH_CONSUMER_KEY', SENTINEL, 2],
    ['hetzner', 'HCLOUD_TOKEN', HEX64, 1],
    ['digitalocean', 'DIGITALOCEAN_TOKEN', `dop_v1_${HEX64}`, 1],
    ['linode', 'LINODE_TOKEN', HEX64, 1],
    ['gcp', 'GOOGLE_OAUTH_ACCESS_TOKEN', SENTINEL, 1],
    ['azure', 'AZURE_CLIENT_SECRET', SENTINEL, 1],
    ['equinix-metal', 'METAL_AUTH_TOKEN', SENTINEL, 1],
    ['openstack', 'OS_PASSWORD', SENTINEL, 1],
  ] as const)('%s with a wrong %s (%s)', async (provider, variable, secret, code) => {
    const result = await runCli(['list', '--provider', provider], { env: { ...env, [variable]: secret } });
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toContain(code === 2 ? variable : 'rejected the credentials (');
    expectAbsent(result.stdout + result.stderr, secret);
  });
});
