import { type CallOptions, MANAGED_TAG_KEYS } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { SecurityGroup } from './scaleway-api.js';
import { scalewayCatalog } from './scaleway-catalog.js';
import { listGroups, removeGroup } from './scaleway-security-group.js';
import { groupNames, scalewayTags } from './scaleway-tags.js';

type ZonedGroup = SecurityGroup & { readonly listedZone: string };

/**
 * Orphans on Scaleway are per-host security groups (managed tags, named `provision-<identity>`)
 * that no server uses: their server was deleted outside provision, a delete was not repeated
 * until done, or a provision was cut short between the group and the server. One listing per
 * zone (security groups are zoned), in parallel: every group lists the servers in it. An
 * orphan's id is `<zone>/<group id>`, so it can be deleted without a lookup.
 * https://www.scaleway.com/en/developers/api/instance/#path-security-groups-list-security-groups
 */
export function scalewayOrphans(client: JsonClient) {
  const zones = scalewayCatalog.regions.map((region) => region.id);
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'scaleway',
    kind: 'security-group',
    idPattern: /^[a-z]{2}-[a-z]{3}-\d\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    list: async (filter, options?: CallOptions): Promise<ZonedGroup[]> => {
      const owner =
        filter.owner === undefined ? [] : [scalewayTags.encodeOne(MANAGED_TAG_KEYS.owner, filter.owner)];
      const listed = await Promise.all(
        zones.map(async (zone) =>
          (await listGroups(client, zone, owner, 'orphans', options)).map((group) => ({
            ...group,
            listedZone: zone,
          })),
        ),
      );
      return listed.flat();
    },
    inUse: async (groups: readonly ZonedGroup[]) =>
      new Set(groups.filter((group) => (group.servers ?? []).length > 0)),
    describe: (group: ZonedGroup) => {
      const owner = scalewayTags.decode(group.tags ?? [])[MANAGED_TAG_KEYS.owner];
      if (groupNames.parse(group.name ?? undefined) === undefined || owner === undefined) return undefined;
      return { id: `${group.listedZone}/${group.id}`, name: group.name ?? group.id, owner };
    },
    remove: (orphan, options) => {
      const [zone = '', groupId = ''] = orphan.id.split('/');
      return removeGroup(client, zone, groupId, 'orphans', options);
    },
  });
  return { orphans, deleteOrphan };
}
