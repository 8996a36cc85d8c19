import type { CallOptions } from '@provision/core';
import { createOrphanScanner } from '@provision/provider-utils';
import type { FloatingIp, Port, SecurityGroup } from './openstack-api.js';
import { resourceNames } from './openstack-ids.js';
import { NeutronResources } from './openstack-neutron.js';
import type { OpenStackSession } from './openstack-session.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Orphans on OpenStack are a host's port, floating IP and security group (named, or described,
 * `provision <identity> <owner>/<name>`) left without their server: it was deleted outside
 * provision, a delete was not repeated until done, or a provision was cut short before the server.
 * A port is in use while a server holds it (`device_id`), a floating IP and a group while they
 * sit on such a port (a listing of the ports each). Ports are listed first, so removing the orphans
 * in order frees the address and the group of a port before they are removed. In the
 * credentials' region. None made less than `ORPHAN_MIN_AGE_MS` ago (Neutron's `created_at`) is
 * one: a provision makes the group, the port and the address a moment before the server.
 * https://docs.openstack.org/api-ref/network/v2/#list-ports
 */
export function openstackOrphans(session: OpenStackSession) {
  const neutron = async () => new NeutronResources((await session.clients('auto')).network);
  // The ports a server holds: what they carry (an address, a group) is in use.
  const boundPorts = async (options?: CallOptions) =>
    new Set(
      (await (await neutron()).ports('orphans', options))
        .filter((port) => Boolean(port.device_id))
        .map((port) => port.id),
    );
  const describe = (id: string, name: string | null | undefined) => {
    const parts = resourceNames.parse(name ?? undefined);
    return parts === undefined ? undefined : { id, name: name as string, owner: parts.owner };
  };
  const { orphans, deleteOrphan } = createOrphanScanner(
    {
      provider: 'openstack',
      kind: 'port',
      idPattern: UUID,
      list: async (_filter, options?: CallOptions) => (await neutron()).ports('orphans', options),
      inUse: async (ports: readonly Port[]) => new Set(ports.filter((port) => Boolean(port.device_id))),
      describe: (port: Port) => describe(port.id, port.name),
      remove: async (orphan, options) => (await neutron()).removePort(orphan.id, 'orphans', options),
      createdAt: (port: Port) => port.created_at,
    },
    {
      provider: 'openstack',
      kind: 'floating-ip',
      idPattern: UUID,
      list: async (_filter, options?: CallOptions) => (await neutron()).floatingIps('orphans', options),
      inUse: async (addresses: readonly FloatingIp[], options?: CallOptions) => {
        const bound = await boundPorts(options);
        return new Set(addresses.filter((address) => address.port_id && bound.has(address.port_id)));
      },
      describe: (address: FloatingIp) => describe(address.id, address.description),
      remove: async (orphan, options) => (await neutron()).removeFloatingIp(orphan.id, 'orphans', options),
      createdAt: (address: FloatingIp) => address.created_at,
    },
    {
      provider: 'openstack',
      kind: 'security-group',
      idPattern: UUID,
      list: async (_filter, options?: CallOptions) => (await neutron()).groups('orphans', options),
      inUse: async (groups: readonly SecurityGroup[], options?: CallOptions) => {
        const ports = (await (await neutron()).ports('orphans', options)).filter((port) =>
          Boolean(port.device_id),
        );
        const used = new Set(ports.flatMap((port) => port.security_groups ?? []));
        return new Set(groups.filter((group) => used.has(group.id)));
      },
      describe: (group: SecurityGroup) => describe(group.id, group.name),
      remove: async (orphan, options) => (await neutron()).removeGroup(orphan.id, 'orphans', options),
      createdAt: (group: SecurityGroup) => group.created_at,
    },
  );
  return { orphans, deleteOrphan };
}
