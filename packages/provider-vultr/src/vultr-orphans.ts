import type { CallOptions } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { FirewallGroup } from './vultr-api.js';
import { listGroups, removeGroup } from './vultr-firewall-group.js';
import { groupDescriptions } from './vultr-tags.js';

/**
 * Orphans on Vultr are per-host firewall groups (described `provision <identity> <owner>/<name>`)
 * that no instance sits in: their instance was destroyed outside provision, a delete was not
 * repeated until done, or a provision was cut short between the group and the instance. One
 * request: every group tells its `instance_count`. A group made less than `ORPHAN_MIN_AGE_MS` ago
 * (its `date_created`) is never one: a provision makes it just before the instance.
 * https://www.vultr.com/api/#operation/list-firewall-groups
 */
export function vultrOrphans(client: JsonClient) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'vultr',
    kind: 'firewall-group',
    idPattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    list: (_filter, options?: CallOptions) => listGroups(client, 'orphans', options),
    inUse: async (groups: readonly FirewallGroup[]) =>
      new Set(groups.filter((group) => (group.instance_count ?? 0) > 0)),
    describe: (group: FirewallGroup) => {
      const parts = groupDescriptions.parse(group.description ?? undefined);
      return parts === undefined
        ? undefined
        : { id: group.id, name: group.description ?? group.id, owner: parts.owner };
    },
    remove: (orphan, options) => removeGroup(client, orphan.id, 'orphans', options),
    createdAt: (group: FirewallGroup) => group.date_created,
  });
  return { orphans, deleteOrphan };
}
