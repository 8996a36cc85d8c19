import { type CallOptions, MANAGED_TAG_KEYS } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { Firewall } from './hetzner-api.js';
import { removeFirewall } from './hetzner-host-firewall.js';
import { firewallNames, managedSelector } from './hetzner-labels.js';
import { listFirewalls } from './hetzner-listing.js';

/**
 * Orphans on Hetzner are per-host firewalls (managed labels, named `provision-<identity>`) applied
 * to no server: their server was deleted outside provision, a rollback could not finish, or a
 * delete was not repeated until done. One request: a firewall lists what it is applied to, and
 * Hetzner drops a deleted server from it. A firewall made less than `ORPHAN_MIN_AGE_MS` ago (its
 * `created`) is never one: a provision makes it a moment before the server it is applied to. (Primary IPs need no scan: ours are created with the
 * server and `auto_delete`.) https://docs.hetzner.cloud/reference/cloud#firewalls-get-all-firewalls
 */
export function hetznerOrphans(client: JsonClient) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'hetzner',
    kind: 'firewall',
    idPattern: /^[1-9]\d{0,15}$/,
    list: (filter, options?: CallOptions) =>
      listFirewalls(client, { label_selector: managedSelector(filter.owner) }, 'orphans', options),
    inUse: async (firewalls: readonly Firewall[]) =>
      new Set(firewalls.filter((firewall) => (firewall.applied_to ?? []).length > 0)),
    describe: (firewall: Firewall) => {
      const owner = firewall.labels?.[MANAGED_TAG_KEYS.owner];
      if (firewallNames.parse(firewall.name) === undefined || owner === undefined) return undefined;
      return { id: String(firewall.id), name: firewall.name, owner };
    },
    remove: (orphan, options) => removeFirewall(client, orphan.id, 'orphans', options),
    createdAt: (firewall: Firewall) => firewall.created,
  });
  return { orphans, deleteOrphan };
}
