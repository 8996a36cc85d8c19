import { definePlugin, type PluginManifest } from '@provision/core';
import { digitaloceanCatalog } from './digitalocean-catalog.js';
import {
  DIGITALOCEAN_ENDPOINT_ENV,
  DIGITALOCEAN_TOKEN_ENV,
  type DigitalOceanSettings,
  digitaloceanSettingsSchema,
} from './digitalocean-settings.js';
import { VERSION } from './version.js';

/**
 * The DigitalOcean plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const digitaloceanPlugin: PluginManifest<DigitalOceanSettings> = definePlugin({
  id: 'digitalocean',
  displayName: 'DigitalOcean',
  specificationVersion: 'v1',
  packageName: '@provision/provider-digitalocean',
  version: VERSION,
  maintainers: ['@provision/digitalocean-maintainers'],
  settings: digitaloceanSettingsSchema,
  secretSettings: ['token'],
  env: { required: [...DIGITALOCEAN_TOKEN_ENV], optional: [DIGITALOCEAN_ENDPOINT_ENV] },
  hasCredentials: (env) => DIGITALOCEAN_TOKEN_ENV.some((name) => (env[name] ?? '').trim() !== ''),
  credentialsHelp: 'DIGITALOCEAN_TOKEN (or DIGITALOCEAN_ACCESS_TOKEN)',
  // nyc1: a US region where the cheapest size (s-1vcpu-512mb-10gb, $4/month) is sold. Elsewhere
  // core picks the cheapest size the catalog lists for the region asked for.
  defaults: { region: 'nyc1', plan: 's-1vcpu-512mb-10gb', os: 'ubuntu-26.04' },
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
    deleteByIp: true,
  },
  limits: {
    // https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_create (user_data: 64 KiB)
    userDataBytes: 64 * 1024,
    // Tags are plain strings of letters, digits, ":", "-" and "_", at most 255 characters; user
    // tags are stored as "key:value" with other characters escaped, so the lengths leave room.
    tags: {
      maxCount: 20,
      keyPattern: /^[\x21-\x7e]+$/,
      valuePattern: /^[\x20-\x7e]*$/,
      maxKeyLength: 40,
      maxValueLength: 64,
    },
    // A firewall holds at most 50 rules, inbound and outbound together; we add one per port
    // rule and three outbound ones (tcp, udp, icmp).
    // https://docs.digitalocean.com/products/networking/firewalls/details/limits/
    maxInboundRules: 47,
  },
  callBudget: { provision: 2, provisionWithInbound: 3, status: 1, delete: 2 },
  catalog: digitaloceanCatalog,
  load: () => import('./digitalocean-provisioner.js'),
});
