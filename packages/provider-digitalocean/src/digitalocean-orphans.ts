import type { CallOptions } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { Firewall } from './digitalocean-api.js';
import { removeFirewall } from './digitalocean-host-firewall.js';
import { listFirewalls } from './digitalocean-listing.js';
import { parseFirewallName } from './digitalocean-tags.js';

/**
 * Orphans on DigitalOcean are per-host firewalls (named `provision.<owner>.<name>`, or with the
 * `.released.<droplet id>.<address>` suffix `delete({ ip })` gives them) that guard no droplet:
 * their droplet was destroyed outside provision, a rollback could not finish, or a delete was not
 * repeated until done. One request: DigitalOcean drops a destroyed droplet's id from its
 * firewalls, so an empty `droplet_ids` (and no tags, which ours never have) means nothing is guarded.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_list
 */
export function digitaloceanOrphans(client: JsonClient) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'digitalocean',
    kind: 'firewall',
    idPattern: /^[0-9a-f-]{36}$/,
    list: (_filter, options?: CallOptions) => listFirewalls(client, 'orphans', options),
    inUse: async (firewalls: readonly Firewall[]) =>
      new Set(
        firewalls.filter(
          (firewall) => (firewall.droplet_ids?.length ?? 0) > 0 || (firewall.tags?.length ?? 0) > 0,
        ),
      ),
    describe: (firewall: Firewall) => {
      const parts = parseFirewallName(firewall.name);
      return parts === undefined ? undefined : { id: firewall.id, name: firewall.name, owner: parts.owner };
    },
    remove: (orphan, options) => removeFirewall(client, orphan.id, 'orphans', options),
  });
  return { orphans, deleteOrphan };
}
