import { createRequire } from 'node:module';
import {
  emulated,
  GCP_FAKE_ACCESS_TOKEN,
  GCP_FAKE_PROJECT,
  type GcpFake,
} from '@provision/provider-gcp/testing';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Google's own Node.js client, @google-cloud/compute (REST transport), against the emulator's
// fake Compute Engine on a port of its own: `apiEndpoint` is a host, so the API must answer at
// /compute/v1 under it, as compute.googleapis.com does. Only the v1 clients are loaded (the package
// index costs about a second), an auth client is always passed (no metadata-server probe), and
// the SDK's retries are off: one request per call. Operations are read, never awaited.
const require = createRequire(import.meta.url);
type Call = (request: object, options?: object) => Promise<[Record<string, unknown>]>;
/** The methods these tests call (each v1 client has them). */
interface Client {
  readonly insert: Call;
  readonly get: Call;
  readonly delete: Call;
}
type ClientClass = new (options: object) => Client;
const load = (name: string) =>
  Object.values(
    require(`@google-cloud/compute/build/src/v1/${name}_client.js`) as Record<string, ClientClass>,
  )[0] as ClientClass;

let emulator: RunningEmulator;
let clients: { instances: Client; firewalls: Client; operations: Client };
const fake = () => emulator.fake('gcp') as GcpFake;
const NO_RETRY = { maxRetries: 0 };
const at = { project: GCP_FAKE_PROJECT, zone: 'us-central1-a' };

beforeAll(async () => {
  process.env.METADATA_SERVER_DETECTION = 'none';
  emulator = await startEmulator({ clouds: [emulated], cloudPorts: { gcp: 0 } });
  const url = new URL(emulator.endpoints.find((endpoint) => endpoint.provider === 'gcp')?.baseUrl ?? '');
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: GCP_FAKE_ACCESS_TOKEN, expiry_date: Date.now() + 3_600_000 });
  const options = {
    apiEndpoint: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    fallback: true,
    authClient,
    projectId: GCP_FAKE_PROJECT,
  };
  clients = {
    instances: new (load('instances'))(options),
    firewalls: new (load('firewalls'))(options),
    operations: new (load('zone_operations'))(options),
  };
});
afterAll(() => emulator.close());

describe('@google-cloud/compute against the emulator', () => {
  it('insert (a repeated requestId answers the same operation), read until RUNNING, a rule, delete, then 404 as code 5', async () => {
    const instanceResource = {
      name: 'sdk-vm',
      machineType: 'zones/us-central1-a/machineTypes/e2-micro',
      labels: { 'made-by': 'sdk' },
      disks: [
        {
          boot: true,
          autoDelete: true,
          initializeParams: {
            sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
          },
        },
      ],
      networkInterfaces: [
        {
          network: 'global/networks/default',
          accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }],
        },
      ],
    };
    const requestId = '0b6f6c1e-2d1a-4c55-9d51-2f1d6a0f9c03';
    const [first] = await clients.instances.insert({ ...at, requestId, instanceResource }, NO_RETRY);
    const [again] = await clients.instances.insert({ ...at, requestId, instanceResource }, NO_RETRY);
    const operationName = (first.latestResponse as { name: string }).name;
    expect((again.latestResponse as { name: string }).name).toBe(operationName);
    expect(fake().instances()).toHaveLength(1);
    let status = '';
    for (let read = 0; read < 10 && status !== 'RUNNING'; read++)
      status = String((await clients.instances.get({ ...at, instance: 'sdk-vm' }, NO_RETRY))[0].status);
    expect(status).toBe('RUNNING');
    const [operation] = await clients.operations.get({ ...at, operation: operationName }, NO_RETRY);
    expect(operation.status).toBe('DONE');

    await clients.firewalls.insert(
      {
        project: GCP_FAKE_PROJECT,
        firewallResource: {
          name: 'sdk-web',
          network: 'global/networks/default',
          targetTags: ['sdk'],
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
        },
      },
      NO_RETRY,
    );
    expect(
      fake()
        .firewalls()
        .map((rule) => [rule.name, rule.allowed]),
    ).toEqual([['sdk-web', [{ IPProtocol: 'tcp', ports: ['443'] }]]]);
    await clients.firewalls.delete({ project: GCP_FAKE_PROJECT, firewall: 'sdk-web' }, NO_RETRY);

    await clients.instances.delete({ ...at, instance: 'sdk-vm' }, NO_RETRY);
    for (let read = 0; read < 5 && fake().instances().length > 0; read++)
      await clients.instances.get({ ...at, instance: 'sdk-vm' }, NO_RETRY).catch(() => undefined);
    const missing = await clients.instances
      .get({ ...at, instance: 'sdk-vm' }, NO_RETRY)
      .catch((error: unknown) => error);
    expect((missing as { code?: number }).code).toBe(5);
    expect(fake().leftovers()).toEqual([]);
  });
});
