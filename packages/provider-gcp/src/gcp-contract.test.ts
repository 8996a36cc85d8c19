import { describeProvisionerContract } from '@provision/testkit';
import { gcpPlugin } from './gcp-plugin.js';
import type { GcpSettings } from './gcp-settings.js';
import { GCP_FAKE_ACCESS_TOKEN, GCP_FAKE_PROJECT, GcpContractFake, type GcpFake } from './testing/index.js';

// Well-formed, but not a token the fake issued.
const WRONG_TOKEN = `ya29.${'w'.repeat(40)}`;

// No test may find the machine's own gcloud files: an empty configuration folder.
const ENV = { CLOUDSDK_CONFIG: '/nonexistent/provision-gcp-test', HOME: '/nonexistent' };

describeProvisionerContract<GcpSettings, GcpFake>({
  plugin: gcpPlugin,
  createFake: (options) => new GcpContractFake(options),
  settings: (fake) => ({
    accessToken: GCP_FAKE_ACCESS_TOKEN,
    project: GCP_FAKE_PROJECT,
    endpoint: fake.baseUrl,
  }),
  wrongCredentialSettings: (fake) => ({
    accessToken: WRONG_TOKEN,
    project: GCP_FAKE_PROJECT,
    endpoint: fake.baseUrl,
  }),
  env: ENV,
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl }) },
    {
      name: 'empty token',
      settings: (fake) => ({ accessToken: '', project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl }),
    },
    {
      name: 'token with a trailing newline',
      settings: (fake) => ({
        accessToken: `${GCP_FAKE_ACCESS_TOKEN}\n`,
        project: GCP_FAKE_PROJECT,
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'credentials that are not JSON',
      settings: (fake) => ({ credentials: '{not json', project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl }),
    },
    {
      name: 'a key file that does not exist',
      settings: (fake) => ({
        credentialsFile: '/nonexistent/key.json',
        project: GCP_FAKE_PROJECT,
        endpoint: fake.baseUrl,
      }),
    },
    {
      name: 'GOOGLE_APPLICATION_CREDENTIALS naming no file',
      settings: (fake) => ({ project: GCP_FAKE_PROJECT, endpoint: fake.baseUrl }),
      env: { ...ENV, GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json' },
    },
  ],
  malformedIds: [
    'abc',
    'projects/provision-fake/zones/us-central1-a',
    'projects/provision-fake/zones/us-central1-a/instances/',
    'projects/provision-fake/zones/us-central1-a/instances/Web',
    'projects/P/zones/us-central1-a/instances/web',
    'zones/us-central1-a/instances/web',
    'projects/provision-fake/zones/us-central1-a/instances/web/extra',
  ],
});
