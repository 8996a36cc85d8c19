import { type CallOptions, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import type { FloatingIp, Port } from './openstack-api.js';
import { type HostResources, removeResources } from './openstack-delete.js';
import { resourceName } from './openstack-ids.js';
import type { Placement } from './openstack-lookups.js';
import { NeutronResources, wantedRules } from './openstack-neutron.js';
import type { RegionClients } from './openstack-session.js';

/** A host's own Neutron resources, made before its server. */
export interface HostNetworking {
  readonly portId: string;
  readonly floatingIpId?: string | undefined;
  readonly securityGroupId?: string | undefined;
  /**
   * Those this call made. The others were found: an earlier attempt's, or a racer's that its
   * server is about to use (or uses already: Neutron deletes a port a server is on).
   */
  readonly made: HostResources;
}

/**
 * The host's port (in its own security group when `inbound` is given) and, on an internal
 * network, a floating IP associated with it, all named by the host's identity
 * (`provision <identity> <owner>/<name>`), made BEFORE the server so it is never reachable on
 * ports it did not ask for and has its public address as soon as it runs. An earlier attempt's
 * port (a lost answer, an aborted call) is found by name and adopted with its group and address.
 * A refusal part-way removes what this call made; an unknown outcome leaves it for the retry.
 */
export async function prepareNetworking(
  clients: RegionClients,
  spec: ResolvedHostSpec,
  placement: Placement,
  options?: CallOptions,
): Promise<HostNetworking> {
  const neutron = new NeutronResources(clients.network);
  const name = resourceName(spec);
  const made: { portId?: string; floatingIpId?: string; securityGroupId?: string } = {};
  try {
    let port: Port | undefined = await neutron.portNamed(name, 'provision', options);
    let groupId: string | undefined;
    let floating: FloatingIp | undefined;
    if (port !== undefined) {
      groupId = spec.inbound === undefined ? undefined : port.security_groups?.[0];
      if (placement.floatingNetwork !== undefined)
        floating = await neutron.floatingIpOf(port.id, 'provision', options);
    } else {
      if (spec.inbound !== undefined) {
        const rules = wantedRules(spec.inbound);
        const found = await neutron.groupNamed(name, 'provision', options);
        if (found !== undefined) {
          await neutron.completeGroup(found, rules, options);
          groupId = found.id;
        } else {
          groupId = (await neutron.createGroup(name, rules, options)).id;
          made.securityGroupId = groupId;
        }
      }
      port = await neutron.createPort(name, placement.network.id, groupId, options);
      made.portId = port.id;
    }
    if (placement.floatingNetwork !== undefined && floating === undefined) {
      floating = await neutron.createFloatingIp(placement.floatingNetwork.id, port.id, name, options);
      made.floatingIpId = floating.id;
    }
    return { portId: port.id, floatingIpId: floating?.id, securityGroupId: groupId, made };
  } catch (error) {
    const unknown = ProvisionError.isInstance(error) && error.retryable;
    if (!unknown && !options?.signal?.aborted)
      await removeResources(clients, made, 'provision').catch(() => undefined);
    throw error;
  }
}
