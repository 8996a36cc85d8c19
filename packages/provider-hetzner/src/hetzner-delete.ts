import { type CallOptions, type DeleteResult, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { type Firewall, firewallEnvelope, type Server, serverEnvelope } from './hetzner-api.js';
import { removeFirewall } from './hetzner-host-firewall.js';
import { hetznerIds } from './hetzner-ids.js';
import { IPV4_LABEL, labelSelector, managedSelector } from './hetzner-labels.js';
import { listFirewalls, listServers } from './hetzner-listing.js';
import { hostIdOf, isManaged, serverToHost } from './map-hetzner-server.js';

const isOurs = (firewall: Firewall) => firewall.labels?.[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE;
const guards = (firewall: Firewall) => (firewall.applied_to ?? []).length > 0;

/**
 * `delete()` of Hetzner hosts. Deleting a server is asynchronous (it is `deleting`, then gone), so
 * a host takes several calls, each answering `done: false` with what remains:
 * - the server is deleted first; its primary IPs, created with it (`auto_delete`), go with it;
 * - the firewall goes only once the server is gone, so the host is never open on every port while
 *   it shuts down (Hetzner would answer `resource_in_use` before that anyway);
 * - by IP, the firewall carries the server's IPv4 as a label from its creation, so later calls,
 *   which no longer find the address on any server, still find the firewall.
 */
export class HetznerDeletion {
  constructor(private readonly client: JsonClient) {}

  /** By id: the server's GET and (once) its DELETE; once it is gone, the firewall's GET and DELETE. */
  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { serverId, firewallId } = hetznerIds.decode(id, 'delete');
    const signal = options?.signal;
    const found = await getIfFound(this.client, {
      path: `/servers/${serverId}`,
      operation: 'delete',
      schema: serverEnvelope,
      signal,
    });
    if (found !== undefined) {
      const server = found.server;
      // Only a server provision made is deleted: a mistyped id of another server is not found.
      if (!isManaged(server)) return { done: true, id, found: false };
      return this.destroy(server, id, firewallId, options);
    }
    if (firewallId === undefined) return { done: true, id, found: false };
    const path = `/firewalls/${firewallId}`;
    const firewall = await getIfFound(this.client, {
      path,
      operation: 'delete',
      schema: firewallEnvelope,
      signal,
    });
    if (firewall === undefined || !isOurs(firewall.firewall)) return { done: true, id, found: false };
    const outcome = await removeFirewall(this.client, firewallId, 'delete', options);
    return outcome === 'in-use'
      ? { done: false, id, remaining: [`firewall ${firewallId}`], found: true }
      : { done: true, id, found: true };
  }

  /**
   * By address: the managed servers' listing finds the server; once it is gone, the managed
   * firewalls labelled with that IPv4 are deleted when they guard nothing.
   */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const servers = await listServers(this.client, { label_selector: managedSelector() }, 'delete', options);
    const server = servers.find((candidate) => {
      const host = serverToHost(candidate);
      return host.ipv4 === ip || host.ipv6 === ip;
    });
    if (server !== undefined) {
      const id = hostIdOf(server);
      return this.destroy(server, id, hetznerIds.match(id)?.firewallId, options);
    }
    // Label values allow digits and dots: an IPv4 fits, an IPv6 does not (and is never written).
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return { done: true, found: false };
    const selector = `${managedSelector()},${labelSelector({ [IPV4_LABEL]: ip })}`;
    const firewalls = await listFirewalls(this.client, { label_selector: selector }, 'delete', options);
    if (firewalls.length === 0) return { done: true, found: false };
    const busy = firewalls.filter(guards);
    if (busy.length > 0)
      return { done: false, remaining: busy.map((firewall) => `firewall ${firewall.id}`), found: true };
    const outcomes = await Promise.all(
      firewalls.map((firewall) => removeFirewall(this.client, firewall.id, 'delete', options)),
    );
    return outcomes.includes('in-use')
      ? { done: false, remaining: firewalls.map((firewall) => `firewall ${firewall.id}`), found: true }
      : { done: true, found: true };
  }

  /** One step while the server exists: its DELETE, unless Hetzner is deleting it already. */
  private async destroy(
    server: Server,
    id: string,
    firewallId: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    if (server.status !== 'deleting')
      await this.client.request({
        method: 'DELETE',
        path: `/servers/${server.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    const remaining = [
      `server ${server.id}`,
      ...(firewallId === undefined ? [] : [`firewall ${firewallId}`]),
    ];
    return { done: false, id, remaining, found: true };
  }
}
