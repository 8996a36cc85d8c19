import type { PluginManifest } from '@provision/core';
import { defineRestPlugin } from '@provision/provider-utils';
import { digitaloceanCatalog } from './digitalocean-catalog.js';
import {
  DIGITALOCEAN_ENDPOINT_ENV,
  type DigitalOceanSettings,
  digitaloceanSettingsSchema,
  digitaloceanToken,
} from './digitalocean-settings.js';
import { digitaloceanTags, dropletTagMap } from './digitalocean-tags.js';
import { VERSION } from './version.js';

/**
 * The DigitalOcean plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const digitaloceanPlugin: PluginManifest<DigitalOceanSettings> = defineRestPlugin({
  id: 'digitalocean',
  displayName: 'DigitalOcean',
  version: VERSION,
  maintainers: ['@provision/digitalocean-maintainers'],
  settings: digitaloceanSettingsSchema,
  credentials: [digitaloceanToken],
  optionalEnv: [DIGITALOCEAN_ENDPOINT_ENV],
  credentialsHelp: 'DIGITALOCEAN_TOKEN (or DIGITALOCEAN_ACCESS_TOKEN)',
  // nyc1: a US region where the cheapest size (s-1vcpu-512mb-10gb, $4/month) is sold. Elsewhere
  // core picks the cheapest size the catalog lists for the region asked for.
  defaults: { region: 'nyc1', plan: 's-1vcpu-512mb-10gb', os: 'ubuntu-26.04' },
  // A cloud firewall per host holds its inbound rules; the account answers the droplet limit.
  capabilities: { quota: true, orphans: true, inboundRules: true, inbound: true },
  limits: {
    // Region and size slugs as the API lists them: https://docs.digitalocean.com/reference/api/digitalocean/#tag/Regions
    ids: {
      region: { pattern: /^[a-z]{3}\d$/, description: 'a region slug like "nyc3"' },
      plan: { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, description: 'a size slug like "s-1vcpu-1gb"' },
    },
    // https://docs.digitalocean.com/reference/api/digitalocean/#operation/droplets_create (user_data: 64 KiB)
    userDataBytes: 64 * 1024,
    // Tags are plain strings of letters, digits, ":", "-" and "_", at most 255 characters. Tags are
    // stored as "key:value" with other characters escaped (`_XX` per byte); `storage` holds every
    // stored tag, managed ones included, to the 255, so the user-tag lengths here are only bounds.
    tags: { maxCount: 20, maxKeyLength: 254, maxValueLength: 253, storage: digitaloceanTags.storage },
    // A firewall holds at most 50 rules, inbound and outbound together; we add one per port
    // rule and three outbound ones (tcp, udp, icmp).
    // https://docs.digitalocean.com/products/networking/firewalls/details/limits/
    maxInboundRules: 47,
  },
  // provision: the identity lookup, the create and the lookup after it (DigitalOcean has no
  // idempotency token; see docs/providers/digitalocean.md), and with inbound, before the create,
  // the firewall tag and the firewall that targets it.
  // delete: the droplet's GET, then while it exists the listing of its identity tag and a DELETE
  // (its duplicates', else its own), and once it is gone the firewall's DELETE. The listing (since
  // 2026-12-01, from 2) is what lets delete say done only when no droplet that racing provisions
  // left is still there: once the droplet answers 404 its identity can no longer be read.
  // list: a page of droplets, plus the firewalls when a listed host has one; plans: one page of
  // sizes; orphans: the firewalls and the managed droplets (whose tags the firewalls target);
  // inboundRules: the droplet and a page of firewalls.
  callBudget: {
    provision: 3,
    provisionWithInbound: 5,
    status: 1,
    delete: 3,
    list: 2,
    plans: 1,
    orphans: 2,
    inboundRules: 2,
  },
  catalog: digitaloceanCatalog,
  hostTags: dropletTagMap,
  load: () => import('./digitalocean-provisioner.js'),
});
