import { type CallOptions, MANAGED_TAG_KEYS } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import { type Firewall, linodePage } from './linode-api.js';
import { listAll } from './linode-client.js';
import { listManagedFirewalls, removeFirewall } from './linode-firewall.js';
import { firewallLabels, linodeTags, MANAGED_TAG, readLinodeTags } from './linode-tags.js';

/**
 * Orphans on Linode are Cloud Firewalls labelled `prov-<identity>` whose Linode is gone: deleted
 * outside provision, a create refused after an unknown outcome, or a delete not repeated until
 * done. Two requests: the managed firewalls, and the managed Linodes, whose tags name their
 * firewall (the firewall object itself does not list its devices). A firewall made less than
 * `ORPHAN_MIN_AGE_MS` ago (its `created`) is never one: a provision makes it just before the Linode.
 * https://techdocs.akamai.com/linode-api/reference/get-firewalls
 */
export function linodeOrphans(client: JsonClient) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'linode',
    kind: 'firewall',
    idPattern: /^[1-9]\d{0,9}$/,
    list: (_filter, options?: CallOptions) => listManagedFirewalls(client, 'orphans', options),
    inUse: async (firewalls: readonly Firewall[], options?: CallOptions) => {
      const linodes = await listAll(
        client,
        {
          path: '/v4/linode/instances',
          filter: { tags: MANAGED_TAG },
          operation: 'orphans',
          schema: linodePage,
        },
        options,
      );
      const guarded = new Set(
        linodes.map((linode) => readLinodeTags(linode.label, linode.tags ?? []).firewallId),
      );
      return new Set(firewalls.filter((firewall) => guarded.has(String(firewall.id))));
    },
    describe: (firewall: Firewall) => {
      if (firewallLabels.parse(firewall.label) === undefined) return undefined;
      const owner = linodeTags.decode(firewall.tags ?? [])[MANAGED_TAG_KEYS.owner];
      return { id: String(firewall.id), name: firewall.label, ...(owner === undefined ? {} : { owner }) };
    },
    remove: (orphan, options) => removeFirewall(client, orphan.id, 'orphans', options),
    createdAt: (firewall: Firewall) => firewall.created,
  });
  return { orphans, deleteOrphan };
}
