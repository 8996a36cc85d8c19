import { createHostDeletion, type HostDeletion, type JsonClient } from '@provision/provider-utils';
import { hostIdOf, isManaged, serverToHost } from './map-scaleway-server.js';
import type { Server } from './scaleway-api.js';
import { scalewayIds } from './scaleway-ids.js';
import { ifFound, instanceApi } from './scaleway-sdk.js';
import { listGroups, removeGroup } from './scaleway-security-group.js';
import { listServers, serverAction, serverIfAny } from './scaleway-servers.js';
import { groupFor, identityTag, MANAGED_TAG, readServerTags, releasedTag } from './scaleway-tags.js';

/** A server with the zone it lives in (the Instance API is zoned). */
interface Zoned {
  readonly server: Server;
  readonly zone: string;
}

const groupsOf = (zone: string, groupId: string | undefined) =>
  groupId === undefined ? [] : [{ kind: 'security group', id: groupId, scope: zone }];

const isStopped = (server: Server) => server.state === 'stopped' || server.state === 'stopped in place';

const canTerminate = (server: Server) => (server.allowedActions ?? []).includes('terminate');

/**
 * `delete()` of Scaleway hosts (see `createHostDeletion`), converging over calls, never waiting:
 * - a server that can be terminated (running) gets the `terminate` action, which deletes it with
 *   its local volumes and releases its dynamic public IP;
 * - a stopped server (one that never booted: an interrupted provision or a lost race) cannot be
 *   terminated: it is deleted, then its volumes, in the same call;
 * - a server in a transition (starting, stopping, terminating) is left to finish;
 * - once the server answers 404, its security group goes (Scaleway refuses while a server uses it).
 * So nothing billed (server, l_ssd volume, IPv4) is left once `done: true`. By address, the
 * managed servers of every zone are listed in parallel; the call that terminates the server first
 * tags its group with the address, so later calls find the group by that tag.
 */
export function scalewayDeletion(client: JsonClient, zones: readonly string[]): HostDeletion {
  return createHostDeletion<Zoned>({
    machineKind: 'server',
    decode(id) {
      const { zone, serverId, groupId } = scalewayIds.decode(id, 'delete');
      return { machineId: `${zone}/${serverId}`, secondaries: groupsOf(zone, groupId) };
    },
    async read(machineId, options) {
      const [zone = '', serverId = ''] = machineId.split('/');
      const server = await serverIfAny(client, zone, serverId, 'delete', options);
      return server === undefined ? undefined : { server, zone };
    },
    isManaged: ({ server }) => isManaged(server),
    machineIdOf: ({ server }) => server.id,
    // Neither action applies in a transition: the server is left to finish it.
    isDeleting: ({ server }) => !canTerminate(server) && !isStopped(server),
    async destroy({ server, zone }, options) {
      if (canTerminate(server)) {
        await serverAction(client, zone, server.id, 'terminate', 'delete', options);
        return;
      }
      const api = instanceApi(client, { operation: 'delete', signal: options?.signal });
      await ifFound(api.deleteServer({ zone, serverId: server.id }));
      // A deleted server leaves its volumes behind, detached: each one is billed until deleted.
      for (const volume of Object.values(server.volumes ?? {}))
        await ifFound(api.deleteVolume({ zone, volumeId: volume.id }));
    },
    remove: (group, options) => removeGroup(client, group.scope ?? '', group.id, 'delete', options),
    async findByAddress(ip, options) {
      const listed = await Promise.all(
        zones.map(async (zone) =>
          (await listServers(client, zone, [MANAGED_TAG], 'delete', options)).map((server) => ({
            server,
            zone,
          })),
        ),
      );
      const match = listed.flat().find(({ server, zone }) => {
        const host = serverToHost(server, zone);
        return host.ipv4 === ip || host.ipv6 === ip;
      });
      if (match === undefined) return undefined;
      const id = hostIdOf(match.server, match.zone);
      return { machine: match, id, secondaries: groupsOf(match.zone, scalewayIds.match(id)?.groupId) };
    },
    async release({ machine: { server, zone }, secondaries }, ip, options) {
      const { managed } = readServerTags(server.tags);
      const [group] = secondaries;
      if (group === undefined || managed === undefined) return;
      const { tags } = groupFor(managed);
      await instanceApi(client, { operation: 'delete', signal: options?.signal }).updateSecurityGroup({
        zone,
        securityGroupId: group.id,
        tags: [...tags, identityTag(managed.owner, managed.name), releasedTag(ip)],
      });
    },
    async releasedFor(ip, options) {
      const released = await Promise.all(
        zones.map(async (zone) =>
          (await listGroups(client, zone, [releasedTag(ip)], 'delete', options)).flatMap((group) =>
            groupsOf(zone, group.id),
          ),
        ),
      );
      return released.flat();
    },
  });
}
