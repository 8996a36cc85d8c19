import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { FAKE_PROJECT_ID as METAL_FAKE_PROJECT } from '@provision/provider-equinix-metal/testing';
import { GCP_FAKE_PROJECT } from '@provision/provider-gcp/testing';
import { OVH_FAKE_PROJECT } from '@provision/provider-ovh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoingProxy, type SeenRequest, startEchoingProxy } from './echoing-proxy.js';
import { startTestEmulator } from './emulator.js';
import { type CliRun, parseJson, runCli } from './run-cli.js';

// Sentinels: the emulator's own credentials (the only ones it accepts, so requests get through)
// and a user-data script with a marker. None may appear in any output, whatever a cloud echoes.
const USER_DATA = '#!/bin/sh\necho secret-user-data-sentinel-5c1d > /etc/motd\n';

let emulator: RunningEmulator;
let proxy: EchoingProxy;
let env: Record<string, string>;
let userDataFile: string;
let sentinels: string[];
const leaks: Array<{ args: string; sentinel: string }> = [];
// Set to another build of the CLI to count what it leaks (the assertions then fail with the list).
const bin = process.env.PROVISION_CLI_BIN;
let runs = 0;

beforeAll(async () => {
  const started = await startTestEmulator();
  emulator = started.emulator;
  proxy = await startEchoingProxy(emulator.url);
  env = {
    ...started.env,
    DIGITALOCEAN_API_URL: `${proxy.url}/digitalocean`,
    AWS_ENDPOINT_URL_EC2: `${proxy.url}/aws`,
    HCLOUD_ENDPOINT: `${proxy.url}/hetzner`,
    LINODE_URL: `${proxy.url}/linode`,
    VULTR_API_URL: `${proxy.url}/vultr`,
    CIVO_API_URL: `${proxy.url}/civo`,
    OVH_ENDPOINT: `${proxy.url}/ovh/1.0`,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `${proxy.url}/gcp`,
    AZURE_RESOURCE_MANAGER_ENDPOINT: `${proxy.url}/azure`,
    SCW_API_URL: `${proxy.url}/scaleway`,
    METAL_API_URL: `${proxy.url}/equinix-metal/metal/v1`,
    // Keystone's catalog names Nova, Neutron and Glance; the proxy rewrites it to point at itself.
    OS_AUTH_URL: `${proxy.url}/openstack/identity/v3`,
  };
  const base64 = Buffer.from(USER_DATA).toString('base64');
  sentinels = [
    started.env.DIGITALOCEAN_TOKEN as string,
    started.env.AWS_ACCESS_KEY_ID as string,
    started.env.AWS_SECRET_ACCESS_KEY as string,
    started.env.HCLOUD_TOKEN as string,
    started.env.LINODE_TOKEN as string,
    started.env.VULTR_API_KEY as string,
    started.env.CIVO_TOKEN as string,
    started.env.OVH_APPLICATION_SECRET as string,
    started.env.OVH_CONSUMER_KEY as string,
    started.env.GOOGLE_OAUTH_ACCESS_TOKEN as string,
    started.env.AZURE_CLIENT_SECRET as string,
    started.env.SCW_SECRET_KEY as string,
    started.env.METAL_AUTH_TOKEN as string,
    started.env.OS_PASSWORD as string,
    'secret-user-data-sentinel-5c1d',
    base64.slice(0, 24),
    encodeURIComponent(base64).slice(0, 24),
  ];
  userDataFile = join(mkdtempSync(join(tmpdir(), 'provision-secrets-')), 'user-data.sh');
  writeFileSync(userDataFile, USER_DATA);
});

afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
});

/** Runs the CLI and records every sentinel found in what it printed. */
async function run(args: string[], echo: (request: SeenRequest) => boolean): Promise<CliRun> {
  proxy.echo = echo;
  const result = await runCli(args, { env, ...(bin === undefined ? {} : { bin }) });
  proxy.echo = () => false;
  runs++;
  for (const sentinel of sentinels) {
    if (`${result.stdout}\n${result.stderr}`.includes(sentinel))
      leaks.push({ args: args.join(' '), sentinel });
  }
  return result;
}

const everything = () => true;
// Every provider the CLI ships, each reached through the proxy.
const PROVIDERS = [
  'digitalocean',
  'aws',
  'hetzner',
  'linode',
  'vultr',
  'civo',
  'ovh',
  'gcp',
  'azure',
  'scaleway',
  'equinix-metal',
  'openstack',
];
const CREATE_PATHS = [
  '/digitalocean/v2/droplets',
  '/hetzner/servers',
  '/linode/v4/linode/instances',
  '/vultr/v2/instances',
  '/civo/v2/instances',
  `/ovh/1.0/cloud/project/${OVH_FAKE_PROJECT}/instance`,
  `/gcp/projects/${GCP_FAKE_PROJECT}/zones/us-central1-a/instances`,
  '/scaleway/instance/v1/zones/fr-par-1/servers',
  `/equinix-metal/metal/v1/projects/${METAL_FAKE_PROJECT}/devices`,
  '/openstack/compute/RegionOne/v2.1/servers',
];
const creates = (request: SeenRequest) =>
  (request.method === 'POST' && CREATE_PATHS.includes(request.path.split('?')[0] ?? '')) ||
  // Azure creates a host with one template deployment.
  (request.method === 'PUT' &&
    /^\/azure\/.*\/providers\/Microsoft\.Resources\/deployments\//i.test(request.path)) ||
  request.body.includes('Action=RunInstances');

async function createHost(provider: string, name: string): Promise<{ ref: string; ipv4: string }> {
  const created = await run(
    ['create', '--provider', provider, '--name', name, '--wait', '--interval', '50ms', '--output', 'json'],
    () => false,
  );
  expect(created.code, created.stderr).toBe(0);
  return parseJson<{ host: { ref: string; ipv4: string } }>(created).host;
}

describe('no output ever holds a credential or the user-data, whatever the cloud echoes', () => {
  // One test per provider (and per command below): each runs a few CLI processes, so no test's
  // time grows with the number of providers.
  it.each(PROVIDERS)(
    'create with user-data on %s, when the create request is answered with an echo of itself',
    async (provider) => {
      for (const extra of [[], ['--output', 'json'], ['--debug'], ['--wait', '--interval', '50ms']]) {
        const result = await run(
          ['create', '--provider', provider, '--name', 'echoed', '--user-data', userDataFile, ...extra],
          creates,
        );
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/\[redacted\]/);
        expect(result.stderr).toContain('Repeating the same `provision create` is safe');
      }
      expect(leaks).toEqual([]);
    },
  );

  it.each(
    [
      ['list'],
      ['list', '--output', 'json'],
      ['list', '--debug'],
      ['gc'],
      ['gc', '--dry-run', '--output', 'json'],
      ['list', '--provider', 'digitalocean'],
      ['list', '--provider', 'aws', '--output', 'json'],
      ['gc', '--provider', 'aws', '--debug'],
      ['plans', '--live', '--provider', 'digitalocean'],
      ['regions', '--live', '--provider', 'aws', '--output', 'json'],
      ['list', '--provider', 'hetzner'],
      ['gc', '--provider', 'linode', '--debug'],
      ['plans', '--live', '--provider', 'vultr', '--output', 'json'],
      ['regions', '--live', '--provider', 'hetzner'],
      ['list', '--provider', 'openstack', '--debug'],
      ['regions', '--live', '--provider', 'openstack', '--output', 'json'],
    ].map((args) => [args.join(' '), args] as const),
  )('`provision %s`, when every answer echoes the request', async (_command, args) => {
    const result = await run(args, everything);
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(1);
    // The echo did arrive, and what it held was taken out.
    expect(result.stderr).toContain('[redacted]');
    expect(leaks).toEqual([]);
  });

  it.each(PROVIDERS)(
    'status, power actions and delete (by id and by address) of an existing %s host',
    async (provider) => {
      const host = await createHost(provider, `kept-${provider}`);
      for (const args of [
        ['status', host.ref],
        ['status', host.ref, '--output', 'json', '--debug'],
        ['stop', host.ref],
        ['start', host.ref, '--output', 'json'],
        ['reboot', host.ref],
        ['delete', host.ref, '--debug'],
        ['delete', '--ip', host.ipv4, '--provider', provider, '--output', 'json'],
      ]) {
        const result = await run(args, everything);
        expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(1);
        expect(result.stderr).toContain('[redacted]');
      }
      expect(leaks).toEqual([]);
    },
  );

  it('dry runs and listings that need no request', async () => {
    for (const args of [
      ['create', '--provider', 'aws', '--name', 'dry', '--user-data', userDataFile, '--dry-run'],
      [
        'create',
        '--provider',
        'digitalocean',
        '--name',
        'dry',
        '--user-data',
        userDataFile,
        '--dry-run',
        '--output',
        'json',
      ],
      ['providers'],
      ['providers', '--output', 'json'],
    ]) {
      const result = await run(args, everything);
      expect(result.code, result.stderr).toBe(0);
    }
    expect(leaks).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(150);
  });
});
