import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
} from '@provision/core';
import { hasProviderCode, requestPowerAction } from '@provision/provider-utils';
import { serverToHost } from './map-openstack-server.js';
import { limitsAnswer, serverEnvelope } from './openstack-api.js';
import { UNKNOWN_PRICE } from './openstack-catalog.js';
import { openstackIds } from './openstack-ids.js';
import { listFlavors } from './openstack-lookups.js';
import type { OpenStackSession } from './openstack-session.js';

const ACTIONS = {
  start: { 'os-start': null },
  stop: { 'os-stop': null },
  reboot: { reboot: { type: 'SOFT' } },
} as const;

/**
 * The optional operations: power actions (`POST /servers/{id}/action`), the project's flavors as
 * plans, the compute limits as quota, and a token for credentials.
 * https://docs.openstack.org/api-ref/compute/#servers-run-an-action-servers-action
 */
export function openstackCapabilities(session: OpenStackSession) {
  async function power(id: string, operation: keyof typeof ACTIONS, options?: CallOptions): Promise<Host> {
    const parts = openstackIds.decode(id, operation);
    const clients = await session.clients(parts.region);
    return requestPowerAction(
      clients.compute,
      {
        provider: 'openstack',
        id,
        operation,
        actionPath: `/servers/${parts.serverId}/action`,
        actionBody: ACTIONS[operation],
        hostPath: `/servers/${parts.serverId}`,
        schema: serverEnvelope,
        toHost: (data) => serverToHost(data.server, parts.region, id),
        // A repeat after a lost answer finds the server already in (or going to) that state: 409.
        isUnderWay: (error) => hasProviderCode(error, 'conflictingRequest'),
      },
      options,
    );
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /** The flavors of the project (public and shared with it), smallest first; no prices (see above). */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const clients = await session.clients(query.region ?? 'auto');
      const flavors = await listFlavors(clients.compute, 'plans', options);
      return filterPlans(
        flavors
          .filter((flavor) => flavor.disk > 0)
          .map((flavor) => ({
            id: flavor.name,
            cpus: flavor.vcpus,
            memoryMiB: flavor.ram,
            diskGB: flavor.disk,
            // Any flavor gets a public IPv4: a floating IP, or an address of an external network.
            publicIpv4: true,
            price: UNKNOWN_PRICE,
            regions: [clients.region],
          })),
        { ...query, region: undefined },
      );
    },

    /** A project-scoped token: Keystone checks the password or application credential. */
    async verifyCredentials(): Promise<void> {
      await session.projectId();
    },

    /** The project's compute limits: instances (and cores) allowed and in use. */
    async quota(options?: CallOptions): Promise<Quota> {
      const clients = await session.clients('auto');
      const { data } = await clients.compute.request({
        method: 'GET',
        path: '/limits',
        operation: 'quota',
        schema: limitsAnswer,
        signal: options?.signal,
      });
      const { maxTotalInstances, totalInstancesUsed, maxTotalCores } = data.limits.absolute;
      // -1 is Nova's "unlimited".
      const limit = (value: number | null | undefined) =>
        typeof value === 'number' && value >= 0 ? value : undefined;
      const quota: { hostLimit?: number; hostsInUse?: number; cpuLimit?: number } = {};
      const hosts = limit(maxTotalInstances);
      const cores = limit(maxTotalCores);
      if (hosts !== undefined) quota.hostLimit = hosts;
      if (typeof totalInstancesUsed === 'number') quota.hostsInUse = totalInstancesUsed;
      if (cores !== undefined) quota.cpuLimit = cores;
      return quota;
    },
  };
}
