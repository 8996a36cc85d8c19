import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  emulated,
  FAKE_FLAVORS,
  FAKE_IMAGES,
  OVH_FAKE_CREDENTIALS,
  OVH_FAKE_PROJECT,
  type OvhFake,
} from '@provision/provider-ovh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENTS_REQUIRED,
  type FoundClient,
  findCurl,
  isolatedEnv,
  run,
} from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Clients other people wrote against OVHcloud's API, pointed at the emulator: requests signed by
// hand with sha1sum and sent with curl, as OVH's "First steps" guide shows, and Apache Libcloud's
// `ovh` driver, which signs its own way. What they send must pass the fake's signature check, and
// what they asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;
const { applicationKey, applicationSecret, consumerKey } = OVH_FAKE_CREDENTIALS;
const KEYS = {
  OVH_APPLICATION_KEY: applicationKey,
  OVH_APPLICATION_SECRET: applicationSecret,
  OVH_CONSUMER_KEY: consumerKey,
  OVH_CLOUD_PROJECT_SERVICE: OVH_FAKE_PROJECT,
};

function findLibcloud(): FoundClient | undefined {
  const probe = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import libcloud, sys; print("libcloud", libcloud.__version__, "on Python", sys.version.split()[0])',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return probe.status === 0 ? { command: '/usr/bin/python3', version: probe.stdout.trim() } : undefined;
}

function withClient(
  label: string,
  client: FoundClient | undefined,
  install: string,
  body: (client: FoundClient) => void,
  required = CLIENTS_REQUIRED,
) {
  if (client !== undefined) describe(`${label} (${client.version})`, () => body(client));
  else if (required)
    describe(label, () => {
      it(`is installed (CI=true: ${install})`, () =>
        expect.fail(`${label} is not installed on this CI machine (${install}).`));
    });
  else
    describe.skip(`${label} (skipped: not installed here; ${install})`, () => {
      it('runs against the emulator', () => {});
    });
}

let plain: RunningEmulator;
let secure: RunningEmulator;
beforeAll(async () => {
  plain = await startEmulator({ clouds: [emulated] });
  // Libcloud speaks only https://<host>/1.0 on port 443: TLS, and the fake on a port of its own.
  secure = await startEmulator({ clouds: [emulated], tls: true, cloudPorts: true });
});
afterAll(async () => {
  await plain?.close();
  await secure?.close();
});

describe('OVH clients we did not write, against the emulator', () => {
  withClient(
    'curl with requests signed by sha1sum',
    findCurl(),
    'apt-get install -y curl',
    (curl) => {
      const emulator = () => plain;
      const fake = () => plain.fake('ovh') as OvhFake;

      // The guide's recipe: the time from /auth/time, then "$1$" + sha1(AS+CK+METHOD+URL+BODY+TS).
      const SCRIPT = `set -eu
method=$1; url=$2; body=\${3:-}; secret=\${4:-$AS}
ts=$(curl -s "$BASE/auth/time")
sig='$1$'$(printf '%s' "$secret+$CK+$method+$url+$body+$ts" | sha1sum | cut -d' ' -f1)
curl -s -X "$method" -H 'Content-Type: application/json' -H "X-Ovh-Application: $AK" \\
  -H "X-Ovh-Consumer: $CK" -H "X-Ovh-Timestamp: $ts" -H "X-Ovh-Signature: $sig" \\
  \${body:+--data "$body"} --write-out '\\n%{http_code}' "$url"`;

      async function send(method: string, path: string, body = '', secret?: string) {
        const base = `${emulator().url}/ovh/1.0`;
        const env = isolatedEnv({ BASE: base, AK: applicationKey, AS: applicationSecret, CK: consumerKey });
        const args = [
          '-c',
          SCRIPT,
          'ovh-curl',
          method,
          `${base}${path}`,
          body,
          ...(secret === undefined ? [] : [secret]),
        ];
        const result = await run('bash', args, {
          ...env,
          PATH: `${curl.command.replace(/\/curl$/, '')}:${env.PATH ?? ''}`,
        });
        expect(result.code, result.stderr).toBe(0);
        const cut = result.stdout.lastIndexOf('\n');
        const text = result.stdout.slice(0, cut);
        return {
          status: Number(result.stdout.slice(cut + 1)),
          body: text === '' ? undefined : JSON.parse(text),
        };
      }

      it('lists flavors and images, creates, reads, stops and deletes an instance', {
        timeout: CLIENT_TIMEOUT,
      }, async () => {
        const project = `/cloud/project/${OVH_FAKE_PROJECT}`;
        const flavors = await send('GET', `${project}/flavor?region=GRA11`);
        expect(flavors.status).toBe(200);
        const flavor = (flavors.body as Array<{ id: string; name: string }>).find(
          (item) => item.name === 'd2-2',
        );
        const images = await send('GET', `${project}/image?region=GRA11&osType=linux`);
        const image = (images.body as Array<{ id: string; name: string; visibility: string }>).find(
          (item) => item.name === 'Ubuntu 24.04' && item.visibility === 'public',
        );
        const body = JSON.stringify({
          name: 'curl-1',
          region: 'GRA11',
          flavorId: flavor?.id,
          imageId: image?.id,
          monthlyBilling: false,
          userData: '#!/bin/sh\necho curl\n',
        });
        const created = await send('POST', `${project}/instance`, body);
        expect(created.status, JSON.stringify(created.body)).toBe(200);
        const id = (created.body as { id: string }).id;
        expect(
          fake()
            .instances()
            .map((item) => [item.name, item.flavorId, item.imageId, item.userData]),
        ).toEqual([
          [
            'curl-1',
            FAKE_FLAVORS.find((item) => item.region === 'GRA11' && item.name === 'd2-2')?.id,
            image?.id,
            '#!/bin/sh\necho curl\n',
          ],
        ]);
        expect((await send('GET', `${project}/instance/${id}`)).status).toBe(200);
        expect((await send('POST', `${project}/instance/${id}/stop`)).status).toBe(200);
        expect((await send('DELETE', `${project}/instance/${id}`)).status).toBe(200);
        expect((await send('GET', `${project}/instance/${id}`)).status).toBe(404);
        expect(fake().leftovers()).toEqual([]);
      });

      it('is refused with INVALID_SIGNATURE when signed with another secret', {
        timeout: CLIENT_TIMEOUT,
      }, async () => {
        const refused = await send(
          'GET',
          `/cloud/project/${OVH_FAKE_PROJECT}/instance`,
          '',
          'WrongOvhApplicationSecret0000032',
        );
        expect(refused).toEqual({
          status: 400,
          body: { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' },
        });
      });
      // Not required on CI: scripts/setup.sh does not install curl (most images carry it).
    },
    false,
  );

  withClient(
    'Apache Libcloud, ovh driver',
    findLibcloud(),
    'apt-get install -y python3-libcloud, done by scripts/setup.sh as root',
    (python) => {
      const emulator = () => secure;
      const fake = () => secure.fake('ovh') as OvhFake;

      it('lists regions, flavors and images, creates, reads, lists and destroys a node; a wrong secret is refused', {
        timeout: CLIENT_TIMEOUT,
      }, async () => {
        const own = emulator().endpoints.find((endpoint) => endpoint.provider === 'ovh')?.baseUrl ?? '';
        const port = new URL(own).port;
        const script = fileURLToPath(new URL('./__fixtures__/libcloud-ovh-lifecycle.py', import.meta.url));
        const ca = emulator().caFile ?? '';
        const mark = fake().mark();
        const result = await run(
          python.command,
          [script],
          isolatedEnv({ ...KEYS, OVH_EMULATOR_PORT: port, SSL_CERT_FILE: ca, REQUESTS_CA_BUNDLE: ca }),
        );
        expect(result.code, result.stderr).toBe(0);
        const seen = JSON.parse(result.stdout) as {
          locations: string[];
          sizes: string[];
          image: string;
          node: { id: string; name: string; region: string };
          listed: string[];
          destroyed: boolean;
          refused: string | null;
        };
        expect(seen.locations).toEqual(['BHS5', 'GRA11', 'SBG5']);
        expect(seen.sizes).toContain('d2-2');
        expect(seen.image).toBe(
          FAKE_IMAGES.find((image) => image.region === 'GRA11' && image.name === 'Ubuntu 24.04')?.id,
        );
        expect(seen.node).toMatchObject({ name: 'libcloud-1', region: 'GRA11' });
        expect(seen.listed).toEqual(['libcloud-1']);
        expect(seen.destroyed).toBe(true);
        expect(seen.refused).toBe('InvalidCredsError');
        const operations = fake()
          .since(mark)
          .map((entry) => `${entry.operation} ${entry.status}`);
        expect(operations).toContain('create-instance 200');
        expect(operations).toContain('delete-instance 200');
        // Libcloud's own signature passed the check; the wrong secret's did not.
        expect(operations.filter((entry) => entry.endsWith(' 400'))).toEqual(['list-instances 400']);
        expect(fake().leftovers()).toEqual([]);
      });
    },
  );
});
