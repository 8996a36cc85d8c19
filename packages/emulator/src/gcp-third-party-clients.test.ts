import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emulated,
  GCP_FAKE_ACCESS_TOKEN,
  GCP_FAKE_AUTHORIZED_USER,
  GCP_FAKE_PROJECT,
  type GcpFake,
  gcpFakeServiceAccountKey,
} from '@provision/provider-gcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENTS_REQUIRED,
  findCurl,
  findGoogleApiClient,
  isolatedEnv,
  run,
} from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Clients we did not write, against the emulator's fake Compute Engine: the curl requests of
// Google's REST reference ("Create a VM instance", "Checking the operation status", the token
// endpoint's refresh grant), and Google's own Python client (google-api-python-client, Debian's
// python3-googleapi) built from the discovery document with a service-account key whose
// token_uri is the emulator's token endpoint.
const DISCOVERY = new URL(
  '../../provider-gcp/test-fixtures/compute-v1.discovery.trimmed.json',
  import.meta.url,
).pathname;
const SCRIPT = new URL('./__fixtures__/googleapiclient-compute-lifecycle.py', import.meta.url).pathname;
const curl = findCurl();
const python = findGoogleApiClient();
let emulator: RunningEmulator;
const fake = () => emulator.fake('gcp') as GcpFake;
const compute = () => `${emulator.url}/gcp/projects/${GCP_FAKE_PROJECT}`;

beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());

/** One request as the reference's curl line sends it (curl when installed, else fetch). */
async function send(
  method: string,
  url: string,
  options: { body?: string; form?: string; token?: string } = {},
) {
  const headers =
    options.form === undefined
      ? [`Authorization: Bearer ${options.token ?? GCP_FAKE_ACCESS_TOKEN}`, 'Content-Type: application/json']
      : ['Content-Type: application/x-www-form-urlencoded'];
  const data = options.body ?? options.form;
  if (curl !== undefined) {
    const args = ['--silent', '--show-error', '-X', method, ...headers.flatMap((header) => ['-H', header])];
    if (data !== undefined) args.push('-d', data);
    args.push('--write-out', '\n%{http_code}', url);
    const result = await run(curl.command, args, isolatedEnv());
    expect(result.code, result.stderr).toBe(0);
    const cut = result.stdout.lastIndexOf('\n');
    return { status: Number(result.stdout.slice(cut + 1)), body: JSON.parse(result.stdout.slice(0, cut)) };
  }
  const response = await fetch(url, {
    method,
    headers: Object.fromEntries(headers.map((header) => header.split(': ') as [string, string])),
    ...(data === undefined ? {} : { body: data }),
  });
  return { status: response.status, body: await response.json() };
}

describe('curl requests from the Compute Engine REST reference, against the emulator', () => {
  it('create a VM, read its operation until DONE, get it RUNNING with an external IP, delete it', async () => {
    const created = await send('POST', `${compute()}/zones/us-central1-a/instances`, {
      body: JSON.stringify({
        name: 'curl-vm',
        machineType: 'zones/us-central1-a/machineTypes/e2-micro',
        disks: [
          {
            boot: true,
            autoDelete: true,
            initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
          },
        ],
        networkInterfaces: [
          {
            network: 'global/networks/default',
            accessConfigs: [{ name: 'External NAT', type: 'ONE_TO_ONE_NAT' }],
          },
        ],
      }),
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      kind: 'compute#operation',
      operationType: 'insert',
      status: 'PENDING',
    });
    let operation = created.body;
    for (let read = 0; read < 10 && operation.status !== 'DONE'; read++)
      operation = (await send('GET', `${compute()}/zones/us-central1-a/operations/${created.body.name}`))
        .body;
    expect(operation.status).toBe('DONE');
    const instance = await send('GET', `${compute()}/zones/us-central1-a/instances/curl-vm`);
    expect(instance.body.status).toBe('RUNNING');
    expect(instance.body.networkInterfaces[0].accessConfigs[0].natIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const deleted = await send('DELETE', `${compute()}/zones/us-central1-a/instances/curl-vm`);
    expect(deleted.body).toMatchObject({ operationType: 'delete' });
    for (let read = 0; read < 5 && fake().instances().length > 0; read++)
      await send('GET', `${compute()}/zones/us-central1-a/instances/curl-vm`);
    expect(fake().leftovers()).toEqual([]);
  });

  it("errors in Google's shape: a wrong token is 401 authError, a missing instance 404 notFound", async () => {
    const wrong = await send('GET', `${compute()}/zones`, { token: 'ya29.wrong' });
    expect([wrong.status, wrong.body.error.errors[0].reason]).toEqual([401, 'authError']);
    const missing = await send('GET', `${compute()}/zones/us-central1-a/instances/nothing`);
    expect([missing.status, missing.body.error.code, missing.body.error.errors[0].reason]).toEqual([
      404,
      404,
      'notFound',
    ]);
  });

  it('the token endpoint answers the refresh grant of an ADC file, and refuses a wrong one', async () => {
    const user = GCP_FAKE_AUTHORIZED_USER;
    const form = (refresh: string) =>
      `client_id=${user.client_id}&client_secret=${user.client_secret}&refresh_token=${refresh}&grant_type=refresh_token`;
    const granted = await send('POST', fake().tokenUri, { form: form(user.refresh_token) });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const zones = await send('GET', `${compute()}/zones`, { token: granted.body.access_token });
    expect(zones.status).toBe(200);
    const refused = await send('POST', fake().tokenUri, { form: form('stale') });
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_grant']);
  });
});

describe.skipIf(python === undefined && !CLIENTS_REQUIRED)(
  `google-api-python-client on the emulator's own ports, the discovery document's rootUrl and servicePath as Google's (${python?.version ?? 'skipped: python3-googleapi is not installed'})`,
  () => {
    it('reaches the API at /compute/v1 under the host, as it would compute.googleapis.com', async () => {
      expect(python, 'python3-googleapi must be installed (scripts/setup.sh installs it)').toBeDefined();
      const own = await startEmulator({ clouds: [emulated], cloudPorts: { gcp: 0, 'gcp.oauth2': 0 } });
      try {
        const endpoint = own.endpoints.find((entry) => entry.provider === 'gcp');
        expect(endpoint?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(own.env.CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE).toBe(`${endpoint?.baseUrl}/compute/v1`);
        const ownFake = own.fake('gcp') as GcpFake;
        const folder = mkdtempSync(join(tmpdir(), 'provision-gcp-python-'));
        const keyFile = join(folder, 'key.json');
        writeFileSync(keyFile, gcpFakeServiceAccountKey(ownFake.tokenUri));
        const result = await run(
          python?.command as string,
          [SCRIPT, DISCOVERY, `${endpoint?.baseUrl}/`, keyFile, GCP_FAKE_PROJECT, 'compute/v1/'],
          isolatedEnv(),
        );
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('"step": "gone", "status": 404');
        expect(ownFake.leftovers()).toEqual([]);
      } finally {
        await own.close();
      }
    });
  },
);

describe.skipIf(python === undefined && !CLIENTS_REQUIRED)(
  `google-api-python-client with a service-account key (${python?.version ?? 'skipped: python3-googleapi is not installed'})`,
  () => {
    it('builds from the discovery document, signs its JWT at the emulator and runs a lifecycle', async () => {
      expect(python, 'python3-googleapi must be installed (scripts/setup.sh installs it)').toBeDefined();
      const folder = mkdtempSync(join(tmpdir(), 'provision-gcp-python-'));
      const keyFile = join(folder, 'key.json');
      writeFileSync(keyFile, gcpFakeServiceAccountKey(fake().tokenUri));
      const tokensBefore = fake().count('oauth2.token');
      const result = await run(
        python?.command as string,
        [SCRIPT, DISCOVERY, `${emulator.url}/gcp/`, keyFile, GCP_FAKE_PROJECT],
        isolatedEnv(),
      );
      expect(result.code, result.stderr).toBe(0);
      const steps = Object.fromEntries(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { step: string })
          .map((step) => [step.step, step]),
      );
      expect(steps.image).toMatchObject({ family: 'ubuntu-2404-lts-amd64' });
      expect(steps.machineType).toMatchObject({ name: 'e2-micro', cpus: 2 });
      const insert = steps.insert as unknown as { operation: string; repeat: string; status: string };
      expect(insert.repeat).toBe(insert.operation);
      expect(insert.status).toBe('DONE');
      expect(steps.get).toMatchObject({
        status: 'RUNNING',
        natIP: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      });
      expect(steps.firewalls).toMatchObject({ names: ['py-web'] });
      expect(steps.aggregatedList).toMatchObject({ names: ['py-client'] });
      expect(steps.stop).toMatchObject({ status: 'DONE', instance: 'TERMINATED' });
      expect(steps.gone).toMatchObject({ status: 404, reason: 'notFound' });
      expect(fake().count('oauth2.token') - tokensBefore).toBeGreaterThanOrEqual(1);
      expect(`${result.stdout}${result.stderr}`).not.toContain('PRIVATE KEY');
      expect(fake().leftovers()).toEqual([]);
    });
  },
);
