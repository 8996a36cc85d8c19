import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import {
  createHostDeletion,
  firewallDeletionParts,
  firewallsOf,
  getIfFound,
  type HostDeletion,
  type JsonClient,
} from '@provision/provider-utils';
import { firewallEnvelope, type Server, serverEnvelope } from './hetzner-api.js';
import { hetznerHostFirewall } from './hetzner-host-firewall.js';
import { hetznerIds } from './hetzner-ids.js';
import { managedSelector } from './hetzner-labels.js';
import { listServers } from './hetzner-listing.js';
import { hostIdOf, isManaged, serverToHost } from './map-hetzner-server.js';

/**
 * `delete()` of Hetzner hosts (see `createHostDeletion`): the server first (its DELETE, unless it
 * is `deleting`); its primary IPs, created with it (`auto_delete`), go with it; the firewall once
 * the server is gone (Hetzner answers `resource_in_use` before that). A firewall named by an id
 * is read before its DELETE, so a mistyped id never deletes one provision did not make. By IP,
 * the call that deletes the server first labels its firewall with the server's IPv4
 * (`hetznerHostFirewall`), so later calls, which no longer find the address on any server, still
 * find the firewall (firewalls made by earlier versions carry that label from their creation).
 */
export function hetznerDeletion(client: JsonClient): HostDeletion {
  const firewall = hetznerHostFirewall(client);
  return createHostDeletion<Server>({
    machineKind: 'server',
    decode(id) {
      const { serverId } = hetznerIds.decode(id, 'delete');
      return { machineId: serverId, secondaries: firewallsOf(firewall.named(id)) };
    },
    read: async (serverId, options) =>
      (
        await getIfFound(client, {
          path: `/servers/${serverId}`,
          operation: 'delete',
          schema: serverEnvelope,
          signal: options?.signal,
        })
      )?.server,
    isManaged,
    machineIdOf: (server) => String(server.id),
    isDeleting: (server) => server.status === 'deleting',
    async destroy(server, options) {
      await client.request({
        method: 'DELETE',
        path: `/servers/${server.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    ...firewallDeletionParts(firewall),
    async owns(named, options) {
      const found = await getIfFound(client, {
        path: `/firewalls/${named.id}`,
        operation: 'delete',
        schema: firewallEnvelope,
        signal: options?.signal,
      });
      return found?.firewall.labels?.[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE;
    },
    async findByAddress(ip, options) {
      const servers = await listServers(client, { label_selector: managedSelector() }, 'delete', options);
      const server = servers.find((candidate) => {
        const host = serverToHost(candidate);
        return host.ipv4 === ip || host.ipv6 === ip;
      });
      if (server === undefined) return undefined;
      const id = hostIdOf(server);
      return { machine: server, id, secondaries: firewallsOf(firewall.of(server)) };
    },
  });
}
