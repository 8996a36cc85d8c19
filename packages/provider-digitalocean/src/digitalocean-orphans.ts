import { type CallOptions, type DeleteResult, InvalidRequestError, type Orphan } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { listFirewalls } from './digitalocean-listing.js';
import { parseFirewallName } from './digitalocean-tags.js';

/**
 * Orphans on DigitalOcean are per-host firewalls (named `provision.<owner>.<name>`, or with the
 * `.released.<droplet id>.<address>` suffix `delete({ ip })` gives them) that guard no droplet:
 * their droplet was destroyed outside provision, a rollback could not finish, or a delete was not
 * repeated until done.
 * DigitalOcean drops a destroyed droplet's id from its firewalls, so an empty `droplet_ids` (and
 * no tags, which ours never have) means nothing is guarded.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_list
 */
export function digitaloceanOrphans(client: JsonClient) {
  return {
    async orphans(filter: { readonly owner?: string } = {}, options?: CallOptions): Promise<Orphan[]> {
      const firewalls = await listFirewalls(client, 'orphans', options);
      return firewalls.flatMap((firewall): Orphan[] => {
        const parts = parseFirewallName(firewall.name);
        if (
          parts === undefined ||
          (firewall.droplet_ids?.length ?? 0) > 0 ||
          (firewall.tags?.length ?? 0) > 0
        )
          return [];
        const owner = parts.owner;
        if (filter.owner !== undefined && owner !== filter.owner) return [];
        return [{ kind: 'firewall', id: firewall.id, name: firewall.name, owner }];
      });
    },

    async deleteOrphan(orphan: Orphan, options?: CallOptions): Promise<DeleteResult> {
      if (orphan.kind !== 'firewall' || !/^[0-9a-f-]{36}$/.test(orphan.id)) {
        throw new InvalidRequestError(
          `Not a DigitalOcean orphan: ${orphan.kind} ${orphan.id.slice(0, 60)}.`,
          {
            provider: 'digitalocean',
            operation: 'orphans',
            field: 'orphan',
          },
        );
      }
      await client.request({
        method: 'DELETE',
        path: `/v2/firewalls/${orphan.id}`,
        operation: 'orphans',
        allowStatus: [404],
        signal: options?.signal,
      });
      return { done: true, id: orphan.id };
    },
  };
}
