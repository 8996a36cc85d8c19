import { definePlugin, type PluginManifest } from '@provision/core';
import { gcpCatalog } from './gcp-catalog.js';
import { gcpHasCredentials } from './gcp-has-credentials.js';
import { GCP_LABEL_STORAGE, HOST_NAME_RULE, instanceLabels } from './gcp-names.js';
import {
  CLOUDSDK_CONFIG_ENV,
  GCP_ENDPOINT_ENV,
  GCP_PROJECT_ENV,
  type GcpSettings,
  GOOGLE_APPLICATION_CREDENTIALS_ENV,
  GOOGLE_OAUTH_ACCESS_TOKEN_ENV,
  gcpSettingsSchema,
} from './gcp-settings.js';
import { VERSION } from './version.js';

/**
 * The Compute Engine plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const gcpPlugin: PluginManifest<GcpSettings> = definePlugin({
  id: 'gcp',
  displayName: 'Google Compute Engine',
  specificationVersion: 'v1',
  packageName: '@provision/provider-gcp',
  version: VERSION,
  maintainers: ['@provision/gcp-maintainers'],
  settings: gcpSettingsSchema,
  secretSettings: ['credentials', 'accessToken'],
  env: {
    required: [GOOGLE_APPLICATION_CREDENTIALS_ENV],
    optional: [GOOGLE_OAUTH_ACCESS_TOKEN_ENV, ...GCP_PROJECT_ENV, CLOUDSDK_CONFIG_ENV, GCP_ENDPOINT_ENV],
  },
  hasCredentials: gcpHasCredentials,
  // A token or a key file named in the environment, else whether gcloud's ADC file exists.
  credentials: {
    variables: [{ set: [GOOGLE_OAUTH_ACCESS_TOKEN_ENV] }, { set: [GOOGLE_APPLICATION_CREDENTIALS_ENV] }],
    files: [
      [
        `$${CLOUDSDK_CONFIG_ENV}/application_default_credentials.json`,
        '~/.config/gcloud/application_default_credentials.json',
      ],
    ],
  },
  credentialsHelp:
    'GOOGLE_APPLICATION_CREDENTIALS (a service-account key file) or `gcloud auth application-default login`, and GOOGLE_CLOUD_PROJECT',
  // e2-micro: the cheapest shared-core type; us-central1 is one of the free-tier regions
  // (docs/providers/gcp.md has the monthly cost with the external IPv4).
  defaults: { region: 'us-central1-a', plan: 'e2-micro', os: 'ubuntu-24.04' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    regions: true,
    verifyCredentials: true,
    quota: true,
    orphans: true,
    inbound: true,
    inboundRules: true,
    deleteByIp: true,
  },
  limits: {
    name: HOST_NAME_RULE,
    ids: {
      region: { pattern: /^[a-z]+-[a-z]+\d+-[a-z]$/, description: 'a zone like "us-central1-a"' },
      plan: { pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/, description: 'a machine type like "e2-micro"' },
    },
    // A metadata value holds at most 256 KB. https://cloud.google.com/compute/docs/metadata/setting-custom-metadata#limitations
    userDataBytes: 256 * 1024,
    tags: {
      maxCount: 59,
      keyPattern: /^[a-z][a-z0-9_-]{0,62}$/,
      valuePattern: /^[a-z0-9_-]{0,63}$/,
      maxKeyLength: 63,
      maxValueLength: 63,
      storage: GCP_LABEL_STORAGE,
    },
    // One allow rule holds every port: `allowed[].ports` takes up to 100 entries per protocol.
    maxInboundRules: 100,
  },
  // provision: the insert, with inbound the allow and deny rules (in parallel); a repeat answers
  // `alreadyExists` and costs the instance's GET. status: the instance, and when it is gone the
  // newest insert operation that targeted it. delete: the instance's GET and DELETE; once it is
  // gone the two rules' DELETEs; by IP, the managed instances' listing, then the allow rule's mark
  // and the instance's DELETE, or once it is gone the marked rules' listing and their two DELETEs.
  // list: a page of the aggregated instances; orphans: the rules and the instances carrying their tags;
  // inboundRules: the instance, then one listing of its two rules. (quota: the default region, 1.)
  callBudget: {
    provision: 2,
    provisionWithInbound: 3,
    status: 2,
    delete: 4,
    list: 1,
    orphans: 2,
    inboundRules: 2,
  },
  catalog: gcpCatalog,
  hostTags: instanceLabels,
  load: () => import('./gcp-provisioner.js'),
});
