import { type CallOptions, MANAGED_TAG_KEYS } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import { PAGE_SIZE, type SecurityGroup, type Volume } from './scaleway-api.js';
import { scalewayCatalog } from './scaleway-catalog.js';
import { ifFound, instanceApi } from './scaleway-sdk.js';
import { listGroups, removeGroup } from './scaleway-security-group.js';
import { groupNames, ownerTag, scalewayTags, volumeNames } from './scaleway-tags.js';

type ZonedGroup = SecurityGroup & { readonly listedZone: string };
type ZonedVolume = Volume & { readonly listedZone: string };

/** An orphan's id: `<zone>/<id>`, so it can be deleted without a lookup. */
const ZONED_ID = /^[a-z]{2}-[a-z]{3}-\d\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Orphans on Scaleway are per-host security groups (managed tags, named `provision-<identity>`)
 * that no server uses: their server was deleted outside provision, a delete was not repeated
 * until done, or a provision was cut short between the group and the server. One listing per
 * zone (security groups are zoned), in parallel: every group lists the servers in it. An
 * orphan's id is `<zone>/<group id>`, so it can be deleted without a lookup. A group or volume
 * made less than `ORPHAN_MIN_AGE_MS` ago (its `creation_date`) is never one: a provision makes the
 * group a moment before the server.
 * https://www.scaleway.com/en/developers/api/instance/#path-security-groups-list-security-groups
 */
export function scalewayOrphans(client: JsonClient) {
  const zones = scalewayCatalog.regions.map((region) => region.id);
  const { orphans, deleteOrphan } = createOrphanScanner(
    {
      provider: 'scaleway',
      kind: 'security-group',
      idPattern: ZONED_ID,
      list: async (filter, options?: CallOptions): Promise<ZonedGroup[]> => {
        const owner = filter.owner === undefined ? [] : [ownerTag(filter.owner)];
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
      createdAt: (group: ZonedGroup) => group.creationDate?.getTime(),
    },
    {
      provider: 'scaleway',
      kind: 'volume',
      idPattern: ZONED_ID,
      list: async (_filter, options?: CallOptions): Promise<ZonedVolume[]> => {
        const api = instanceApi(client, { operation: 'orphans', signal: options?.signal });
        const listed = await Promise.all(
          zones.map(async (zone) =>
            (await api.listVolumes({ zone, name: 'provision-', perPage: PAGE_SIZE }).all()).map((volume) => ({
              ...volume,
              listedZone: zone,
            })),
          ),
        );
        return listed.flat();
      },
      // A volume lists the server it is attached to: a detached one is used by no host.
      inUse: async (volumes: readonly ZonedVolume[]) =>
        new Set(volumes.filter((volume) => volume.server !== undefined)),
      describe: (volume: ZonedVolume) => {
        const parts = volumeNames.parse(volume.name);
        return parts === undefined
          ? undefined
          : { id: `${volume.listedZone}/${volume.id}`, name: volume.name, owner: parts.owner };
      },
      remove: async (orphan, options) => {
        const [zone = '', volumeId = ''] = orphan.id.split('/');
        const api = instanceApi(client, { operation: 'orphans', signal: options?.signal });
        return (await ifFound(api.deleteVolume({ zone, volumeId }))) === undefined ? 'absent' : 'deleted';
      },
      createdAt: (volume: ZonedVolume) => volume.creationDate?.getTime(),
    },
  );
  return { orphans, deleteOrphan };
}
