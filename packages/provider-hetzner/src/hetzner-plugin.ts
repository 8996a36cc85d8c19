import { definePlugin, type PluginManifest } from '@provision/core';
import { hetznerCatalog } from './hetzner-catalog.js';
import { HCLOUD_CONFIG_ENV, HCLOUD_CONTEXT_ENV, hcloudContextToken } from './hetzner-cli-config.js';
import { HETZNER_LABEL_STORAGE, serverLabels } from './hetzner-labels.js';
import {
  HCLOUD_ENDPOINT_ENV,
  HCLOUD_TOKEN_ENV,
  type HetznerSettings,
  hetznerSettingsSchema,
} from './hetzner-settings.js';
import { VERSION } from './version.js';

/**
 * The Hetzner Cloud plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const hetznerPlugin: PluginManifest<HetznerSettings> = definePlugin({
  id: 'hetzner',
  displayName: 'Hetzner Cloud',
  specificationVersion: 'v1',
  packageName: '@provision/provider-hetzner',
  version: VERSION,
  maintainers: ['@provision/hetzner-maintainers'],
  settings: hetznerSettingsSchema,
  secretSettings: ['token'],
  env: {
    required: [HCLOUD_TOKEN_ENV],
    optional: [HCLOUD_ENDPOINT_ENV, HCLOUD_CONFIG_ENV, HCLOUD_CONTEXT_ENV],
  },
  hasCredentials: (env) =>
    (env[HCLOUD_TOKEN_ENV] ?? '').trim() !== '' || hcloudContextToken(env) !== undefined,
  credentials: {
    variables: [{ set: [HCLOUD_TOKEN_ENV] }],
    consult: { files: [[`$${HCLOUD_CONFIG_ENV}`, '~/.config/hcloud/cli.toml']] },
  },
  credentialsHelp: 'HCLOUD_TOKEN, or the active context of the hcloud CLI (~/.config/hcloud/cli.toml)',
  // cx23: the cheapest x86 shared-vCPU type, sold in the EU locations; fsn1 is one of them.
  // The Arm type cax11 costs a little more there (docs/providers/hetzner.md).
  defaults: { region: 'fsn1', plan: 'cx23', os: 'ubuntu-26.04' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    plans: true,
    regions: true,
    verifyCredentials: true,
    quota: true,
    orphans: true,
    inbound: true,
    inboundRules: true,
    deleteByIp: true,
  },
  limits: {
    // Location and server type names as the API lists them.
    ids: {
      region: { pattern: /^[a-z]{3}\d?$/, description: 'a location name like "fsn1" or "ash"' },
      plan: { pattern: /^[a-z]+\d+[a-z]*$/, description: 'a server type name like "cx23"' },
    },
    // https://docs.hetzner.cloud/reference/cloud#servers-create-a-server (user_data: 32 KiB)
    userDataBytes: 32 * 1024,
    tags: {
      maxCount: 40,
      keyPattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/,
      valuePattern: /^$|^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/,
      maxKeyLength: 63,
      maxValueLength: 63,
      storage: HETZNER_LABEL_STORAGE,
    },
    // A firewall holds at most 50 rules; `inbound: 'all'` takes two (tcp and udp).
    // https://docs.hetzner.com/cloud/firewalls/overview
    maxInboundRules: 50,
  },
  // provision: the create; with inbound, the firewall's create first. Server names are unique
  // per project, so a repeat answers `uniqueness_error` and costs the lookup by name instead;
  // with inbound, the firewall's create answers so first and its lookup finds it, then the lookup
  // of the server by name finds the host (3).
  // status: the server, and while it is off its failed actions (a failed create leaves it off).
  // delete: the server's GET and DELETE; once it is gone, the firewall's GET and DELETE.
  // list: a page of servers; plans: server types and pricing; orphans: the managed firewalls.
  // inboundRules: the server, then one GET per firewall applied to it (one for a provision-made host).
  callBudget: {
    provision: 2,
    provisionWithInbound: 3,
    status: 2,
    delete: 3,
    list: 1,
    plans: 2,
    orphans: 1,
    inboundRules: 2,
  },
  catalog: hetznerCatalog,
  hostTags: serverLabels,
  load: () => import('./hetzner-provisioner.js'),
});
