import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, MissingCredentialsError } from '@provision/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGcp } from './create-gcp.js';
import { gcpHasCredentials } from './gcp-has-credentials.js';
import {
  GCP_FAKE_ACCESS_TOKEN,
  GCP_FAKE_PROJECT,
  GcpFake,
  gcpFakeAdcFile,
  gcpFakeServiceAccountKey,
} from './testing/index.js';

// Application Default Credentials end to end: the key or ADC file is read at the first request,
// its token is exchanged at the fake's token endpoint (the key's `token_uri`), and kept.
let fake: GcpFake;
let folder: string;
const fetchFake: typeof fetch = async (input, init) => {
  const answer = await fake.handle(new Request(input, init));
  if (!(answer instanceof Response)) throw new TypeError('fetch failed');
  return answer;
};
const NO_GCLOUD = { HOME: '/nonexistent', CLOUDSDK_CONFIG: '/nonexistent/gcloud' };

beforeEach(() => {
  fake = new GcpFake({ readsUntilActive: 1 });
  folder = mkdtempSync(join(tmpdir(), 'provision-gcp-credentials-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('Google credentials', () => {
  it('a service-account key in GOOGLE_APPLICATION_CREDENTIALS: one JWT exchange, the project from the key, the token kept', async () => {
    const keyFile = join(folder, 'key.json');
    writeFileSync(keyFile, gcpFakeServiceAccountKey(fake.tokenUri));
    const cloud = createGcp(
      { endpoint: fake.baseUrl, fetch: fetchFake },
      { env: { ...NO_GCLOUD, GOOGLE_APPLICATION_CREDENTIALS: keyFile } },
    );
    const host = await cloud.provision({ name: 'by-key' });
    expect(host.id).toBe(`projects/${GCP_FAKE_PROJECT}/zones/us-central1-a/instances/by-key`);
    await cloud.status(host.id);
    await cloud.list?.();
    expect(fake.count('oauth2.token')).toBe(1);
    const exchange = fake.requests.find((entry) => entry.operation === 'oauth2.token');
    expect(exchange?.status).toBe(200);
  });

  it('a token that expired early (401) is exchanged again once, and the call goes through', async () => {
    const keyFile = join(folder, 'key.json');
    writeFileSync(keyFile, gcpFakeServiceAccountKey(fake.tokenUri));
    const cloud = createGcp(
      { endpoint: fake.baseUrl, fetch: fetchFake },
      { env: { ...NO_GCLOUD, GOOGLE_APPLICATION_CREDENTIALS: keyFile } },
    );
    await cloud.verifyCredentials?.();
    fake.expireIssuedTokens();
    await cloud.verifyCredentials?.();
    expect(fake.requests.map((entry) => [entry.operation, entry.status])).toEqual([
      ['oauth2.token', 200],
      ['compute.zones.list', 200],
      ['compute.zones.list', 401],
      ['oauth2.token', 200],
      ['compute.zones.list', 200],
    ]);
  });

  it('a gcloud ADC file (authorized_user) under CLOUDSDK_CONFIG: the refresh-token grant', async () => {
    writeFileSync(join(folder, 'application_default_credentials.json'), gcpFakeAdcFile(fake.tokenUri));
    const cloud = createGcp(
      { endpoint: fake.baseUrl, fetch: fetchFake },
      { env: { CLOUDSDK_CONFIG: folder, GOOGLE_CLOUD_PROJECT: GCP_FAKE_PROJECT } },
    );
    await cloud.verifyCredentials?.();
    expect(fake.count('oauth2.token')).toBe(1);
    expect(fake.count('compute.zones.list')).toBe(1);
  });

  it("the project of gcloud's active configuration, when nothing else names one", async () => {
    writeFileSync(join(folder, 'application_default_credentials.json'), gcpFakeAdcFile(fake.tokenUri));
    mkdirSync(join(folder, 'configurations'));
    writeFileSync(join(folder, 'active_config'), 'work\n');
    writeFileSync(
      join(folder, 'configurations', 'config_work'),
      `[compute]\nzone = us-east1-b\n\n[core]\naccount = someone@example.com\nproject = ${GCP_FAKE_PROJECT}\n`,
    );
    const cloud = createGcp(
      { endpoint: fake.baseUrl, fetch: fetchFake },
      { env: { CLOUDSDK_CONFIG: folder } },
    );
    const host = await cloud.provision({ name: 'from-gcloud' });
    expect(host.id).toBe(`projects/${GCP_FAKE_PROJECT}/zones/us-central1-a/instances/from-gcloud`);
    expect(gcpHasCredentials({ CLOUDSDK_CONFIG: folder })).toBe(true);
    expect(gcpHasCredentials(NO_GCLOUD)).toBe(false);
    expect(gcpHasCredentials({ ...NO_GCLOUD, GOOGLE_APPLICATION_CREDENTIALS: '/some/key.json' })).toBe(true);
  });

  it('a key the token endpoint refuses is an AuthenticationError that shows neither key nor assertion', async () => {
    const other = JSON.parse(gcpFakeServiceAccountKey(fake.tokenUri)) as Record<string, string>;
    const wrong = JSON.stringify({ ...other, client_email: 'someone@else.iam.gserviceaccount.com' });
    const cloud = createGcp(
      { credentials: wrong, project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl, fetch: fetchFake },
      { env: NO_GCLOUD },
    );
    const error = await cloud.verifyCredentials?.().catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const shown = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(shown).not.toContain('PRIVATE KEY');
    expect(shown).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(fake.count('compute.zones.list')).toBe(0);
  });

  it('the options win over the environment, and a static token needs no exchange', async () => {
    const cloud = createGcp(
      {
        accessToken: GCP_FAKE_ACCESS_TOKEN,
        project: GCP_FAKE_PROJECT,
        endpoint: fake.baseUrl,
        fetch: fetchFake,
      },
      {
        env: {
          GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json',
          GOOGLE_CLOUD_PROJECT: 'some-other-project',
        },
      },
    );
    await cloud.verifyCredentials?.();
    expect(fake.count('oauth2.token')).toBe(0);
    expect(fake.requests[0]?.path).toContain(`/projects/${GCP_FAKE_PROJECT}/zones`);
  });

  it('no credentials anywhere, or no project: MissingCredentialsError naming the variables, before any request', async () => {
    const none = createGcp(
      { project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl, fetch: fetchFake },
      { env: NO_GCLOUD },
    );
    const missing = await none.provision({ name: 'x' }).catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    const noProject = createGcp(
      { accessToken: GCP_FAKE_ACCESS_TOKEN, endpoint: fake.baseUrl, fetch: fetchFake },
      { env: NO_GCLOUD },
    );
    const error = await noProject.provision({ name: 'x' }).catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('GOOGLE_CLOUD_PROJECT');
    expect(fake.requests).toEqual([]);
  });
});
