import { definePlugin, type PluginManifest } from '@provision/core';
import { ovhCatalog } from './ovh-catalog.js';
import { readOvhConfig } from './ovh-config-file.js';
import { instanceTagMap, nameTags } from './ovh-names.js';
import { DEFAULT_ENDPOINT_NAME, OVH_ENV, type OvhSettings, ovhSettingsSchema } from './ovh-settings.js';
import { VERSION } from './version.js';

const KEYS = [
  [OVH_ENV.applicationKey, 'application_key'],
  [OVH_ENV.applicationSecret, 'application_secret'],
  [OVH_ENV.consumerKey, 'consumer_key'],
] as const;

/** Whether each of the three keys comes from its variable or the ovh.conf section of the endpoint. */
function hasKeys(env: Readonly<Record<string, string | undefined>>): boolean {
  if (KEYS.every(([variable]) => (env[variable] ?? '').trim() !== '')) return true;
  const config = readOvhConfig(env);
  const section = config[env[OVH_ENV.endpoint] || config.default?.endpoint || DEFAULT_ENDPOINT_NAME] ?? {};
  return KEYS.every(([variable, key]) => (env[variable] || section[key] || '') !== '');
}

/**
 * The OVHcloud plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const ovhPlugin: PluginManifest<OvhSettings> = definePlugin({
  id: 'ovh',
  displayName: 'OVHcloud Public Cloud',
  specificationVersion: 'v1',
  packageName: '@provision/provider-ovh',
  version: VERSION,
  maintainers: ['@provision/ovh-maintainers'],
  settings: ovhSettingsSchema,
  secretSettings: ['applicationSecret', 'consumerKey'],
  // The project id is no secret (it is in every host id), so it is an optional variable: the CLI
  // hides the values of required ones. `hasCredentials` still asks for it.
  env: {
    required: [OVH_ENV.applicationKey, OVH_ENV.applicationSecret, OVH_ENV.consumerKey],
    optional: [OVH_ENV.endpoint, OVH_ENV.project],
  },
  hasCredentials: (env) => (env[OVH_ENV.project] ?? '').trim() !== '' && hasKeys(env),
  // The three keys may also come from ovh.conf, in the order python-ovh reads it.
  credentials: {
    variables: [{ set: [OVH_ENV.project, ...KEYS.map(([variable]) => variable)] }],
    consult: { files: [['/etc/ovh.conf'], ['~/.ovh.conf'], ['ovh.conf']] },
  },
  credentialsHelp:
    'OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY (or ovh.conf), and OVH_CLOUD_PROJECT_SERVICE',
  // GRA11 (Gravelines): the Discovery flavor d2-2, the cheapest with a public IPv4, is sold there.
  defaults: { region: 'GRA11', plan: 'd2-2', os: 'ubuntu-24.04' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    plans: true,
    regions: true,
    verifyCredentials: true,
    quota: true,
    // The /cloud API has no security groups or per-instance rules (see docs/providers/ovh.md).
    inbound: false,
    deleteByIp: true,
  },
  notes: [
    'No inbound rules are applied: OVH Public Cloud instances have no per-host firewall in the /cloud API, so every port is open on Ext-Net and `inbound` is refused; filter traffic on the host itself.',
  ],
  limits: {
    ids: {
      // OpenStack region names, upper case: GRA11, SBG5, BHS5, RBX-A, DE1.
      region: { pattern: /^[A-Z]{2,4}(-[A-Z])?\d*$/, description: 'a region like "GRA11"' },
      plan: { pattern: /^[a-z0-9]+(-[a-z0-9]+)+$/, description: 'a flavor name like "d2-2"' },
    },
    // Nova keeps user data up to 65535 bytes base64-encoded: 49149 bytes before encoding.
    userDataBytes: 49_149,
    tags: {
      maxCount: 10,
      keyPattern: /^[A-Za-z0-9_.-]+$/,
      valuePattern: /^[\x20-\x7e]*$/,
      maxKeyLength: 32,
      maxValueLength: 64,
      storage: nameTags.storage,
    },
    maxInboundRules: 0,
  },
  // provision: the listing for the name, the flavor and the image of the region, the create and
  // the listing after it (no idempotency token). delete: a GET and a DELETE per call. list: one
  // request (OVH answers whole arrays, never pages). plans: the flavors and the public catalog.
  callBudget: {
    provision: 5,
    provisionWithInbound: 5,
    status: 1,
    delete: 2,
    list: 1,
    plans: 2,
  },
  catalog: ovhCatalog,
  hostTags: instanceTagMap,
  load: () => import('./ovh-provisioner.js'),
});
