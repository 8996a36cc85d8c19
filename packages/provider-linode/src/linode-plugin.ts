import { definePlugin, type PluginManifest } from '@provision/core';
import { linodeCatalog } from './linode-catalog.js';
import {
  LINODE_ENDPOINT_ENV,
  LINODE_TOKEN_ENV,
  type LinodeSettings,
  linodeCliToken,
  linodeSettingsSchema,
} from './linode-settings.js';
import { linodeTagMap, linodeTags } from './linode-tags.js';
import { VERSION } from './version.js';

/**
 * The Linode (Akamai Cloud) plugin manifest. Importing it costs nothing: the implementation is
 * loaded by `load()` on the first call that needs the API.
 */
export const linodePlugin: PluginManifest<LinodeSettings> = definePlugin({
  id: 'linode',
  displayName: 'Linode',
  specificationVersion: 'v1',
  packageName: '@provision/provider-linode',
  version: VERSION,
  maintainers: ['@provision/linode-maintainers'],
  settings: linodeSettingsSchema,
  secretSettings: ['token'],
  env: { required: [...LINODE_TOKEN_ENV], optional: [LINODE_ENDPOINT_ENV] },
  hasCredentials: (env) =>
    LINODE_TOKEN_ENV.some((name) => (env[name] ?? '').trim() !== '') || linodeCliToken(env) !== undefined,
  credentials: {
    variables: [{ set: [LINODE_TOKEN_ENV] }],
    consult: { files: [['$XDG_CONFIG_HOME/linode-cli', '~/.config/linode-cli']] },
  },
  credentialsHelp: "LINODE_TOKEN (or LINODE_CLI_TOKEN, or linode-cli's configured default user)",
  // us-ord (Chicago): a core region with the Metadata service, where the Nanode costs the
  // default price ($5/month). The catalog holds only regions with Metadata, so core refuses any
  // other before a request: user-data could not reach a host there.
  defaults: { region: 'us-ord', plan: 'g6-nanode-1', os: 'ubuntu-26.04' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    plans: true,
    regions: true,
    verifyCredentials: true,
    orphans: true,
    inbound: true,
    inboundRules: true,
    deleteByIp: true,
  },
  limits: {
    // Region and type ids as the API lists them (`us-ord`, `de-fra-2`; `g6-nanode-1`).
    ids: {
      region: { pattern: /^[a-z]{2}-[a-z]+(-\d+)?$/, description: 'a region id like "us-ord"' },
      plan: { pattern: /^g\d+-[a-z0-9]+(-[a-z0-9]+)*$/, description: 'a type id like "g6-nanode-1"' },
    },
    // The label `<name>.<owner>` must begin with a letter and hold no "--"; 56 characters leave
    // room for ".default" within the label's 64 (a longer owner is checked before the create).
    // https://techdocs.akamai.com/linode-api/reference/post-linode-instance (label)
    name: {
      pattern: /^[a-z](?:-?[a-z0-9])*$/,
      maxLength: 56,
      description:
        'lowercase letters, digits and single "-", starting with a letter and ending with a letter or digit, at most 56 characters',
    },
    // metadata.user_data: "Unencoded data must not exceed 65535 bytes".
    userDataBytes: 65535,
    // Tags are strings of 3 to 50 characters; `storage` checks every stored tag, managed ones
    // included, so the user-tag lengths here are only bounds. Linode sets no count; 20 is ours.
    tags: {
      maxCount: 20,
      keyPattern: /^[\x21-\x7e]+$/,
      valuePattern: /^[\x20-\x7e]*$/,
      maxKeyLength: 46,
      maxValueLength: 46,
      storage: linodeTags.storage,
    },
    // A Cloud Firewall holds at most 25 rules; ports are batched per protocol, so this always fits.
    // https://techdocs.akamai.com/cloud-computing/docs/cloud-firewall
    maxInboundRules: 25,
  },
  // provision: the label lookup and the create, with inbound the firewall's create before it.
  // delete: the Linode's GET and DELETE; once it is gone, its GET and the firewall's DELETE.
  // list: a page of Linodes; plans: one page of types; orphans: firewalls and Linodes, one page each.
  // inboundRules: the Linode's GET and a page of its firewalls.
  callBudget: {
    provision: 2,
    provisionWithInbound: 3,
    status: 1,
    delete: 2,
    list: 1,
    plans: 1,
    orphans: 2,
    inboundRules: 2,
  },
  catalog: linodeCatalog,
  hostTags: (spec, now) => linodeTagMap(spec, now),
  load: () => import('./linode-provisioner.js'),
});
