import type { CallOptions } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { Firewall } from './digitalocean-api.js';
import { removeFirewall } from './digitalocean-host-firewall.js';
import { listDropletsByTag, listFirewalls } from './digitalocean-listing.js';
import { MANAGED_TAG, parseFirewallName } from './digitalocean-tags.js';

/**
 * Orphans on DigitalOcean are per-host firewalls (named `provision.<owner>.<name>`, or with the
 * `.released.<droplet id>.<address>` suffix `delete({ ip })` gives them) that guard no droplet:
 * their droplet was destroyed outside provision, a rollback could not finish, or a delete was not
 * repeated until done. Two requests: the firewalls, and the managed droplets, whose firewall tags
 * (identity tags, for firewalls of earlier versions) are what a host's firewall targets (DigitalOcean drops a destroyed droplet's id from a
 * firewall's `droplet_ids`, but keeps its tags): a firewall guards something while a droplet is
 * named in `droplet_ids` or carries one of its tags. The one request for droplets is made only
 * when a managed firewall depends on tags. A firewall made less than `ORPHAN_MIN_AGE_MS` ago (its
 * `created_at`) is never one: a provision makes it just before the droplet it targets.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_list
 */
export function digitaloceanOrphans(client: JsonClient) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'digitalocean',
    kind: 'firewall',
    idPattern: /^[0-9a-f-]{36}$/,
    list: (_filter, options?: CallOptions) => listFirewalls(client, 'orphans', options),
    inUse: async (firewalls: readonly Firewall[], options?: CallOptions) => {
      const tagged = firewalls.some((firewall) => (firewall.tags?.length ?? 0) > 0);
      const droplets = tagged ? await listDropletsByTag(client, MANAGED_TAG, 'orphans', options) : [];
      const carried = new Set(droplets.flatMap((droplet) => droplet.tags ?? []));
      return new Set(
        firewalls.filter(
          (firewall) =>
            (firewall.droplet_ids?.length ?? 0) > 0 || (firewall.tags ?? []).some((tag) => carried.has(tag)),
        ),
      );
    },
    describe: (firewall: Firewall) => {
      const parts = parseFirewallName(firewall.name);
      return parts === undefined ? undefined : { id: firewall.id, name: firewall.name, owner: parts.owner };
    },
    remove: (orphan, options) => removeFirewall(client, orphan.id, 'orphans', options),
    createdAt: (firewall: Firewall) => firewall.created_at,
  });
  return { orphans, deleteOrphan };
}
