import type { CallOptions, DeleteResult, Operation } from '@provision/core';
import { readHostTags } from '@provision/provider-utils';
import { hostIdOf } from './map-openstack-server.js';
import type { Server } from './openstack-api.js';
import { openstackIds, resourceNames } from './openstack-ids.js';
import { NeutronResources } from './openstack-neutron.js';
import { listServers, serverIfAny } from './openstack-servers.js';
import type { OpenStackSession, RegionClients } from './openstack-session.js';

const isManaged = (server: Server) => readHostTags(server.metadata ?? {}).managed !== undefined;

/** The host's own Neutron resources, by id (any may be absent). */
export interface HostResources {
  readonly portId?: string | undefined;
  readonly floatingIpId?: string | undefined;
  readonly securityGroupId?: string | undefined;
}

/**
 * `delete()`, converging over calls: while the server exists, one GET and its DELETE (`done:
 * false`); once Nova answers 404, the floating IP, the port and the security group, each absent
 * on 404, the group `in use` (409) while a port is still in it. So the host is never open on
 * ports it did not ask for while it shuts down, and nothing is left at `done: true`.
 *
 * By IP: the managed server with that address; once it is gone, the floating IP at the address
 * (or the port holding it as a fixed IP) leads to the port, and the port's name to its group.
 */
export class OpenStackDeletion {
  constructor(private readonly session: OpenStackSession) {}

  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const parts = openstackIds.decode(id, 'delete');
    const clients = await this.session.clients(parts.region);
    const server = await serverIfAny(clients.compute, parts.serverId, 'delete', options);
    // Only a server provision made is destroyed: a mistyped id of another one is not found.
    if (server !== undefined && !isManaged(server)) return { done: true, id, found: false };
    if (server !== undefined) return this.#destroy(clients, server, id, options);
    const { remaining, found } = await removeResources(clients, parts, 'delete', options);
    return remaining.length === 0 ? { done: true, id, found } : { done: false, id, remaining, found: true };
  }

  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const clients = await this.session.clients('auto');
    const servers = await listServers(clients.compute, {}, 'delete', options);
    const server = servers.find(
      (candidate) =>
        isManaged(candidate) &&
        Object.values(candidate.addresses ?? {}).some((addresses) =>
          addresses.some((address) => address.addr === ip),
        ),
    );
    if (server !== undefined) {
      const id = hostIdOf(server, clients.region) ?? `${clients.region}/${server.id}`;
      return this.#destroy(clients, server, id, options);
    }
    // The server is gone; what it held still knows the address.
    const neutron = new NeutronResources(clients.network);
    const floating = await neutron.floatingIpAt(ip, 'delete', options);
    const ours =
      floating !== undefined && resourceNames.parse(floating.description ?? undefined) !== undefined;
    const portId = ours ? (floating.port_id ?? undefined) : undefined;
    const port = ours ? undefined : await neutron.portAt(ip, 'delete', options);
    const name = ours ? (floating.description ?? undefined) : (port?.name ?? undefined);
    if (name === undefined || resourceNames.parse(name) === undefined) return { done: true, found: false };
    const group = await neutron.groupNamed(name, 'delete', options);
    const { remaining } = await removeResources(
      clients,
      {
        portId: portId ?? port?.id,
        floatingIpId: ours ? floating.id : undefined,
        securityGroupId: group?.id,
      },
      'delete',
      options,
    );
    return remaining.length === 0 ? { done: true, found: true } : { done: false, remaining, found: true };
  }

  async #destroy(
    clients: RegionClients,
    server: Server,
    id: string,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    // Already being deleted (Nova takes a while): nothing to send, only to wait for its 404.
    if (server['OS-EXT-STS:task_state'] !== 'deleting')
      await clients.compute.request({
        method: 'DELETE',
        path: `/servers/${server.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    return { done: false, id, remaining: [`server ${server.id}`], found: true };
  }
}

/**
 * Removes a host's floating IP, port and security group (in that order: the group is in use
 * while the port exists); what is still there afterwards, in words.
 */
export async function removeResources(
  clients: RegionClients,
  resources: HostResources,
  operation: Operation,
  options?: CallOptions,
): Promise<{ remaining: string[]; found: boolean }> {
  const neutron = new NeutronResources(clients.network);
  const remaining: string[] = [];
  const outcomes = [];
  if (resources.floatingIpId !== undefined)
    outcomes.push(await neutron.removeFloatingIp(resources.floatingIpId, operation, options));
  if (resources.portId !== undefined)
    outcomes.push(await neutron.removePort(resources.portId, operation, options));
  if (resources.securityGroupId !== undefined) {
    const outcome = await neutron.removeGroup(resources.securityGroupId, operation, options);
    outcomes.push(outcome);
    if (outcome === 'in-use') remaining.push(`security group ${resources.securityGroupId}`);
  }
  return { remaining, found: outcomes.some((outcome) => outcome !== 'absent') };
}
