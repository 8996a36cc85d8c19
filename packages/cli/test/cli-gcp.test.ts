import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GCP_FAKE_ACCESS_TOKEN,
  type GcpFake,
  gcpFakeServiceAccountKey,
} from '@provision/provider-gcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCliLifecycle, FAST } from './cli-provider-lifecycle.js';
import { parseJson } from './run-cli.js';

// The Compute Engine plugin, driven by the CLI, talking real HTTP to the emulator's fake Compute
// API: the whole lifecycle of a firewalled host, then one made with a service-account key file
// whose token exchange the emulator's token endpoint answers.
const cli = describeCliLifecycle<GcpFake>({
  provider: 'gcp',
  displayName: 'Compute Engine',
  secrets: [GCP_FAKE_ACCESS_TOKEN, 'PRIVATE KEY', 'ya29.fake-issued'],
  endpoints: { CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: /^http:\/\/127\.0\.0\.1:\d+\/gcp$/ },
  name: 'cli-gcp',
  owner: 'ci',
  ports: ['443'],
  host: { name: 'cli-gcp', owner: 'ci', firewalled: true },
  ref: /projects\/provision-fake\/zones\/us-central1-a\/instances\/cli-gcp--ci/,
  afterCreate: (host, cli) => {
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const rules = cli.fake().firewalls();
    expect(rules.map((rule) => [rule.priority, rule.allowed ?? rule.denied])).toEqual([
      [1000, [{ IPProtocol: 'tcp', ports: ['443'] }]],
      [1001, [{ IPProtocol: 'all' }]],
    ]);
  },
  status: true,
  power: true,
  // The instance (its boot disk and ephemeral address go with it) and both rules: all gone.
  deleteBy: 'ref',
  deleteByIp: { ports: ['22'] },
});

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'provision-cli-gcp-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the CLI on Compute Engine with a service-account key file', () => {
  it('a service-account key file (GOOGLE_APPLICATION_CREDENTIALS) gets its token from the emulator', async () => {
    const keyFile = join(folder, 'key.json');
    writeFileSync(keyFile, gcpFakeServiceAccountKey(cli.fake().tokenUri));
    const { GOOGLE_OAUTH_ACCESS_TOKEN: _token, GOOGLE_CLOUD_PROJECT: _project, ...rest } = cli.env;
    const keyEnv = { ...rest, GOOGLE_APPLICATION_CREDENTIALS: keyFile };
    const before = cli.fake().count('oauth2.token');
    const created = await cli.run(
      ['create', '--provider', 'gcp', '--name', 'by-key', '--wait', ...FAST, '--output', 'json'],
      { env: keyEnv },
    );
    expect(created.code, created.stderr).toBe(0);
    const { host } = parseJson<{ host: { ref: string } }>(created);
    // The project came from the key file; one exchange served every request of the process.
    expect(host.ref).toContain('projects/provision-fake/');
    expect(cli.fake().count('oauth2.token') - before).toBe(1);
    const deleted = await cli.run(['delete', host.ref, '--wait', ...FAST, '--output', 'json'], {
      env: keyEnv,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(cli.fake().leftovers()).toEqual([]);
  });
});
