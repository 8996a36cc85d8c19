import {
  createHostDeletion,
  firewallDeletionParts,
  firewallsOf,
  type HostDeletion,
  type JsonClient,
  type RestHostFirewall,
} from '@provision/provider-utils';
import { hostIdOf, isManaged, serverToHost } from './map-scaleway-server.js';
import type { Server } from './scaleway-api.js';
import { scalewayIds } from './scaleway-ids.js';
import { ifFound, instanceApi } from './scaleway-sdk.js';
import { listServers, serverAction, serverIfAny } from './scaleway-servers.js';
import { MANAGED_TAG } from './scaleway-tags.js';

const isStopped = (server: Server) => server.state === 'stopped' || server.state === 'stopped in place';

const canTerminate = (server: Server) => (server.allowedActions ?? []).includes('terminate');

/**
 * `delete()` of Scaleway hosts (see `createHostDeletion`), converging over calls, never waiting:
 * - a server that can be terminated (running) gets the `terminate` action, which deletes it with
 *   its local volumes and releases its dynamic public IP;
 * - a stopped server (one that never booted: an interrupted provision or a lost race) cannot be
 *   terminated: it is deleted, then its volumes, in the same call;
 * - a server in a transition (starting, stopping, terminating) is left to finish;
 * - once the server answers 404, its security group goes (`scalewayHostGroups`, through the
 *   kit's `firewallDeletionParts`: Scaleway refuses it while a server uses it).
 * So nothing billed (server, l_ssd volume, IPv4) is left once `done: true`. By address, the
 * managed servers of every zone are listed in parallel; the call that terminates the server first
 * tags its group with the address, so later calls find the group by that tag.
 */
export function scalewayDeletion(
  client: JsonClient,
  groups: RestHostFirewall<Server, undefined>,
  zones: readonly string[],
): HostDeletion {
  return createHostDeletion<Server>({
    machineKind: 'server',
    decode(id) {
      const { zone, serverId } = scalewayIds.decode(id, 'delete');
      return { machineId: `${zone}/${serverId}`, secondaries: firewallsOf(groups.named(id)) };
    },
    read(machineId, options) {
      const [zone = '', serverId = ''] = machineId.split('/');
      return serverIfAny(client, zone, serverId, 'delete', options);
    },
    isManaged,
    machineIdOf: (server) => server.id,
    // Neither action applies in a transition: the server is left to finish it.
    isDeleting: (server) => !canTerminate(server) && !isStopped(server),
    async destroy(server, options) {
      const { zone } = server;
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
    ...firewallDeletionParts(groups),
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
      return {
        machine: match.server,
        id: hostIdOf(match.server, match.zone),
        secondaries: firewallsOf(groups.of(match.server)),
      };
    },
  });
}
