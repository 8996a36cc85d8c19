import { definePlugin, type PluginManifest } from '@provision/core';
import { scalewayCatalog } from './scaleway-catalog.js';
import { scwProfile } from './scaleway-cli-config.js';
import {
  SCW_ACCESS_KEY_ENV,
  SCW_API_URL_ENV,
  SCW_CONFIG_PATH_ENV,
  SCW_PROFILE_ENV,
  SCW_PROJECT_ENV,
  SCW_SECRET_KEY_ENV,
  SCW_ZONE_ENV,
  type ScalewaySettings,
  scalewaySettingsSchema,
} from './scaleway-settings.js';
import { scalewayTags, serverTagMap } from './scaleway-tags.js';
import { VERSION } from './version.js';

/**
 * The Scaleway plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const scalewayPlugin: PluginManifest<ScalewaySettings> = definePlugin({
  id: 'scaleway',
  displayName: 'Scaleway',
  specificationVersion: 'v1',
  packageName: '@provision/provider-scaleway',
  version: VERSION,
  maintainers: ['@provision/scaleway-maintainers'],
  settings: scalewaySettingsSchema,
  secretSettings: ['secretKey'],
  env: {
    required: [SCW_SECRET_KEY_ENV, SCW_PROJECT_ENV],
    optional: [SCW_ACCESS_KEY_ENV, SCW_ZONE_ENV, SCW_API_URL_ENV, SCW_CONFIG_PATH_ENV, SCW_PROFILE_ENV],
  },
  hasCredentials: (env) =>
    (env[SCW_SECRET_KEY_ENV] ?? '').trim() !== '' || scwProfile(env)?.secret_key !== undefined,
  credentials: {
    variables: [{ set: [SCW_SECRET_KEY_ENV] }],
    consult: { files: [[`$${SCW_CONFIG_PATH_ENV}`, '~/.config/scw/config.yaml']] },
  },
  credentialsHelp:
    'SCW_SECRET_KEY and SCW_DEFAULT_PROJECT_ID, or the active profile of the scw CLI (~/.config/scw/config.yaml)',
  // DEV1-S in fr-par-1: the cheapest type on a local volume sold in every Paris zone (STARDUST1-S
  // costs less but is sold in few zones and often out of stock; docs/providers/scaleway.md).
  defaults: { region: 'fr-par-1', plan: 'DEV1-S', os: 'ubuntu-24.04' },
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
    // Zones like "fr-par-1", Instance types upper-case like "DEV1-S", "PLAY2-PICO", "GP1-XS".
    ids: {
      region: { pattern: /^[a-z]{2}-[a-z]{3}-\d$/, description: 'a zone like "fr-par-1"' },
      plan: { pattern: /^[A-Z0-9]+(-[A-Z0-9]+)*$/, description: 'an Instance type like "DEV1-S"' },
    },
    // The cloud-init key of an Instance's user-data holds at most 1 MB.
    // https://www.scaleway.com/en/docs/instances/how-to/use-boot-modes/#how-to-use-cloud-init
    userDataBytes: 1024 * 1024,
    tags: {
      maxCount: 20,
      keyPattern: /^[\x21-\x7e]+$/,
      valuePattern: /^[\x20-\x7e]*$/,
      maxKeyLength: 100,
      maxValueLength: 100,
      storage: scalewayTags.storage,
    },
    // Each port takes two rules (IPv4 and IPv6).
    maxInboundRules: 25,
  },
  // provision: the identity lookup, the create, the lookup after it (no idempotency token), the
  // user-data and the power-on; with inbound the group listing, the group and its rules (one
  // request). status: one GET. delete: a GET and one action (or the DELETE of a never-booted
  // server and its volume) per call. list: one page per zone, nine zones in parallel; orphans: the
  // groups and the volumes of every zone.
  // inboundRules: the server, then its group and the group's rules.
  callBudget: {
    provision: 5,
    provisionWithInbound: 8,
    status: 1,
    delete: 3,
    list: 9,
    plans: 1,
    orphans: 18,
    inboundRules: 3,
  },
  catalog: scalewayCatalog,
  hostTags: serverTagMap,
  load: () => import('./scaleway-provisioner.js'),
});
