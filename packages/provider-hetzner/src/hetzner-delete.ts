import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import {
  createHostDeletion,
  getIfFound,
  type HostDeletion,
  type JsonClient,
} from '@provision/provider-utils';
import { firewallEnvelope, type Server, serverEnvelope } from './hetzner-api.js';
import { removeFirewall } from './hetzner-host-firewall.js';
import { hetznerIds } from './hetzner-ids.js';
import { IPV4_LABEL, labelSelector, managedSelector } from './hetzner-labels.js';
import { listFirewalls, listServers } from './hetzner-listing.js';
import { hostIdOf, isManaged, serverToHost } from './map-hetzner-server.js';

const firewallsOf = (firewallId: string | undefined) =>
  firewallId === undefined ? [] : [{ kind: 'firewall', id: firewallId }];

/**
 * `delete()` of Hetzner hosts (see `createHostDeletion`): the server first (its DELETE, unless it
 * is `deleting`); its primary IPs, created with it (`auto_delete`), go with it; the firewall once
 * the server is gone (Hetzner answers `resource_in_use` before that). A firewall named by an id
 * is read before its DELETE, so a mistyped id never deletes one provision did not make. By IP,
 * the firewall carries the server's IPv4 as a label from its creation, so later calls, which no
 * longer find the address on any server, still find the firewall: no release step is needed.
 */
export function hetznerDeletion(client: JsonClient): HostDeletion {
  return createHostDeletion<Server>({
    machineKind: 'server',
    decode(id) {
      const { serverId, firewallId } = hetznerIds.decode(id, 'delete');
      return { machineId: serverId, secondaries: firewallsOf(firewallId) };
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
    remove: (firewall, options) => removeFirewall(client, firewall.id, 'delete', options),
    async owns(firewall, options) {
      const found = await getIfFound(client, {
        path: `/firewalls/${firewall.id}`,
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
      return { machine: server, id, secondaries: firewallsOf(hetznerIds.match(id)?.firewallId) };
    },
    async releasedFor(ip, options) {
      // Label values allow digits and dots: an IPv4 fits, an IPv6 does not (and is never written).
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return [];
      const selector = `${managedSelector()},${labelSelector({ [IPV4_LABEL]: ip })}`;
      const firewalls = await listFirewalls(client, { label_selector: selector }, 'delete', options);
      return firewalls.map((firewall) => ({ kind: 'firewall', id: String(firewall.id) }));
    },
  });
}
