import type { CallOptions, DeleteResult } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { hostIdOf, isManaged, serverToHost } from './map-scaleway-server.js';
import type { Server } from './scaleway-api.js';
import { scalewayIds } from './scaleway-ids.js';
import { ifFound, instanceApi } from './scaleway-sdk.js';
import { listGroups, removeGroup } from './scaleway-security-group.js';
import { listServers, serverAction, serverIfAny } from './scaleway-servers.js';
import { groupFor, identityTag, MANAGED_TAG, readServerTags, releasedTag } from './scaleway-tags.js';

/**
 * `delete()` of Scaleway hosts, converging over calls, never waiting:
 * - a server that can be terminated (running) gets the `terminate` action, which deletes it with
 *   its local volumes and releases its dynamic public IP; the call answers `done: false`;
 * - a stopped server (one that never booted: an interrupted provision or a lost race) cannot be
 *   terminated: it is deleted, then its volumes, in the same call;
 * - a server in a transition (starting, stopping, terminating) is left to finish;
 * - once the server answers 404, its security group goes (Scaleway refuses while a server uses it).
 * So nothing billed (server, l_ssd volume, IPv4) is left once `done: true`.
 */
export class ScalewayDeletion {
  constructor(
    private readonly client: JsonClient,
    private readonly zones: readonly string[],
  ) {}

  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { zone, serverId, groupId } = scalewayIds.decode(id, 'delete');
    const server = await serverIfAny(this.client, zone, serverId, 'delete', options);
    // Only a server provision made is deleted: a mistyped id of another one is not found.
    if (server !== undefined && !isManaged(server)) return { done: true, id, found: false };
    if (server !== undefined) return this.step(server, zone, id, groupId, options);
    if (groupId === undefined) return { done: true, id, found: false };
    const outcome = await removeGroup(this.client, zone, groupId, 'delete', options);
    return outcome === 'in-use'
      ? { done: false, id, remaining: [`security group ${groupId}`], found: true }
      : { done: true, id, found: outcome === 'deleted' };
  }

  /**
   * By address: the managed servers of every zone, listed in parallel. The call that finds the
   * server first tags its security group with the address, then deletes as by id; once the
   * server and its address are gone, later calls find the group by that tag.
   */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const listed = await Promise.all(
      this.zones.map(async (zone) =>
        (await listServers(this.client, zone, [MANAGED_TAG], 'delete', options)).map((server) => ({
          server,
          zone,
        })),
      ),
    );
    const match = listed.flat().find(({ server, zone }) => {
      const host = serverToHost(server, zone);
      return host.ipv4 === ip || host.ipv6 === ip;
    });
    if (match !== undefined) {
      const { server, zone } = match;
      const id = hostIdOf(server, zone);
      const groupId = scalewayIds.match(id)?.groupId;
      const { managed } = readServerTags(server.tags);
      if (groupId !== undefined && managed !== undefined) {
        const { tags } = groupFor(managed);
        await instanceApi(this.client, { operation: 'delete', signal: options?.signal }).updateSecurityGroup({
          zone,
          securityGroupId: groupId,
          tags: [...tags, identityTag(managed.owner, managed.name), releasedTag(ip)],
        });
      }
      return this.step(server, zone, id, groupId, options);
    }
    const released = (
      await Promise.all(
        this.zones.map(async (zone) =>
          (
            await listGroups(this.client, zone, [releasedTag(ip)], 'delete', options)
          ).map((group) => ({ group, zone })),
        ),
      )
    ).flat();
    if (released.length === 0) return { done: true, found: false };
    const outcomes = await Promise.all(
      released.map(({ group, zone }) => removeGroup(this.client, zone, group.id, 'delete', options)),
    );
    const busy = released.filter((_, index) => outcomes[index] === 'in-use');
    return busy.length > 0
      ? { done: false, remaining: busy.map(({ group }) => `security group ${group.id}`), found: true }
      : { done: true, found: true };
  }

  private async step(
    server: Server,
    zone: string,
    id: string,
    groupId: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    if ((server.allowedActions ?? []).includes('terminate'))
      await serverAction(this.client, zone, server.id, 'terminate', 'delete', options);
    else if (server.state === 'stopped' || server.state === 'stopped in place') {
      const api = instanceApi(this.client, { operation: 'delete', signal: options?.signal });
      await ifFound(api.deleteServer({ zone, serverId: server.id }));
      // A deleted server leaves its volumes behind, detached: each one is billed until deleted.
      for (const volume of Object.values(server.volumes ?? {}))
        await ifFound(api.deleteVolume({ zone, volumeId: volume.id }));
    }
    const remaining = [
      `server ${server.id}`,
      ...(groupId === undefined ? [] : [`security group ${groupId}`]),
    ];
    return { done: false, id, remaining, found: true };
  }
}
