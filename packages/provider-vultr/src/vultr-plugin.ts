import type { PluginManifest } from '@provision/core';
import { defineRestPlugin } from '@provision/provider-utils';
import { VERSION } from './version.js';
import { vultrCatalog } from './vultr-catalog.js';
import {
  VULTR_ENDPOINT_ENV,
  type VultrSettings,
  vultrApiKey,
  vultrSettingsSchema,
} from './vultr-settings.js';
import { vultrManagedTags } from './vultr-tags.js';

/**
 * The Vultr plugin manifest. Importing it costs nothing: the implementation is loaded by `load()`
 * on the first call that needs the API.
 */
export const vultrPlugin: PluginManifest<VultrSettings> = defineRestPlugin({
  id: 'vultr',
  displayName: 'Vultr',
  version: VERSION,
  maintainers: ['@provision/vultr-maintainers'],
  settings: vultrSettingsSchema,
  credentials: [vultrApiKey],
  optionalEnv: [VULTR_ENDPOINT_ENV],
  credentialsHelp: 'VULTR_API_KEY (or api-key in ~/.vultr-cli.yaml)',
  // ewr (New Jersey): the cheapest plan with a public IPv4 (vc2-1c-1gb, $5/month) is sold there.
  defaults: { region: 'ewr', plan: 'vc2-1c-1gb', os: 'ubuntu-24.04' },
  // A firewall group per host holds its inbound rules (see `vultr-firewall-group.ts`).
  capabilities: { orphans: true, inbound: true, inboundRules: true },
  limits: {
    // Region ids are three letters, plan ids like "vc2-1c-1gb": https://www.vultr.com/api/#tag/region
    ids: {
      region: { pattern: /^[a-z]{3}$/, description: 'a region id like "ewr"' },
      plan: { pattern: /^[a-z0-9]+(-[a-z0-9.]+)*$/, description: 'a plan id like "vc2-1c-1gb"' },
    },
    // https://www.vultr.com/api/#operation/create-instance (user_data, base64): 64 KiB before encoding.
    userDataBytes: 64 * 1024,
    tags: { maxCount: 20, maxKeyLength: 254, maxValueLength: 253 },
    // A group holds at most 50 rules (`max_rule_count`); each port rule takes two (IPv4 and IPv6).
    maxInboundRules: 25,
  },
  // provision: the identity lookup, the create and the lookup after it (no idempotency token);
  // with inbound (two ports in the contract's check) the group listing, the group, four rules.
  // delete: a GET and a DELETE per call. list, plans, orphans: one page. inboundRules: the
  // instance and one page of its group's rules (at most 50, a page holds 500).
  callBudget: {
    provision: 3,
    provisionWithInbound: 9,
    status: 1,
    delete: 2,
    list: 1,
    plans: 1,
    orphans: 1,
    inboundRules: 2,
  },
  catalog: vultrCatalog,
  tags: vultrManagedTags,
  load: () => import('./vultr-provisioner.js'),
});
