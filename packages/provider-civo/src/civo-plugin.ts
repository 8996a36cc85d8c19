import { definePlugin, type PluginManifest } from '@provision/core';
import { civoCatalog } from './civo-catalog.js';
import {
  CIVO_CONFIG_ENV,
  CIVO_ENDPOINT_ENV,
  CIVO_TOKEN_ENV,
  type CivoSettings,
  civoSettingsSchema,
  tokenFromCliConfig,
} from './civo-settings.js';
import { civoTags, instanceTagMap } from './civo-tags.js';
import { VERSION } from './version.js';

/**
 * The Civo plugin manifest. Importing it costs nothing: the implementation is loaded by `load()`
 * on the first call that needs the API.
 */
export const civoPlugin: PluginManifest<CivoSettings> = definePlugin({
  id: 'civo',
  displayName: 'Civo',
  specificationVersion: 'v1',
  packageName: '@provision/provider-civo',
  version: VERSION,
  maintainers: ['@provision/civo-maintainers'],
  settings: civoSettingsSchema,
  secretSettings: ['token'],
  env: { required: [CIVO_TOKEN_ENV], optional: [CIVO_ENDPOINT_ENV, CIVO_CONFIG_ENV] },
  hasCredentials: (env) => (env[CIVO_TOKEN_ENV] ?? '').trim() !== '' || tokenFromCliConfig(env) !== undefined,
  credentials: {
    variables: [{ set: [CIVO_TOKEN_ENV] }],
    consult: { files: [[`$${CIVO_CONFIG_ENV}`, '~/.civo.json']] },
  },
  credentialsHelp: "CIVO_TOKEN (or the civo CLI's current API key in ~/.civo.json)",
  // LON1 (London): the civo CLI's default region, where the cheapest size (g3.xsmall) is sold.
  defaults: { region: 'LON1', plan: 'g3.xsmall', os: 'ubuntu-24.04' },
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
    // Region codes are upper case ("LON1"), sizes dotted ("g3.xsmall"): https://www.civo.com/api/regions
    ids: {
      region: { pattern: /^[A-Z]{2,8}[0-9]{1,2}$/, description: 'a region code like "LON1"' },
      plan: { pattern: /^[a-z0-9]+(\.[a-z0-9]+)+$/, description: 'a size like "g3.xsmall"' },
    },
    // The hostname `<name>.<owner>` is at most 63 characters; 55 leave room for ".default" (a
    // longer owner is checked before the create).
    name: {
      pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
      maxLength: 55,
      description:
        'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 55 characters',
    },
    // The reference sets no size for `script`; 64 KiB is ours (see docs/providers/civo.md).
    userDataBytes: 64 * 1024,
    tags: {
      maxCount: 20,
      keyPattern: /^[\x21-\x7e]+$/,
      valuePattern: /^[\x20-\x7e]*$/,
      maxKeyLength: 100,
      maxValueLength: 100,
      storage: civoTags.storage,
    },
    // One rule per port range, in the firewall's create; the account's rule quota is shared.
    maxInboundRules: 20,
  },
  // provision: the identity lookup, the region's default network and disk images (read at once,
  // kept for later creates), the create; with inbound the firewall (its rules in the same request).
  // delete: a GET and a DELETE per call. list and orphans: one listing per catalog region (4).
  // plans: the sizes. inboundRules: the instance and its firewall's rules.
  callBudget: {
    provision: 4,
    provisionWithInbound: 5,
    status: 1,
    delete: 2,
    list: 4,
    plans: 1,
    orphans: 4,
    inboundRules: 2,
  },
  catalog: civoCatalog,
  hostTags: (spec, now) => instanceTagMap(spec, now),
  load: () => import('./civo-provisioner.js'),
});
