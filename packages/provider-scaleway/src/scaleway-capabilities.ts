import {
  type CallOptions,
  filterPlans,
  type Host,
  HostNotFoundError,
  type Plan,
  type PlanQuery,
  ProvisionError,
  type Quota,
  type Region,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { serverToHost } from './map-scaleway-server.js';
import { PAGE_SIZE } from './scaleway-api.js';
import { IPV4_HOURLY, IPV4_MONTHLY, scalewayCatalog } from './scaleway-catalog.js';
import type { ScalewayAccount } from './scaleway-client.js';
import { scalewayIds } from './scaleway-ids.js';
import { instanceApi } from './scaleway-sdk.js';
import { serverAction, serverIfAny } from './scaleway-servers.js';
import { BOOT_PENDING_TAG } from './scaleway-tags.js';

type PowerAction = 'poweron' | 'poweroff' | 'reboot';

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Whether a type can hold the local root volume (`l_ssd`) every host is created on: its
 * `volumes_constraint` (the total of its local volumes) allows more than 0 bytes. Types that boot
 * only on block volumes (PLAY2, POP2, PRO2, ...) answer `max_size: 0`, and the create refuses them.
 * https://www.scaleway.com/en/developers/api/instance/ (List Instance types)
 * https://www.scaleway.com/en/docs/instances/concepts/#volumes
 */
const takesLocalRootVolume = (type: { volumesConstraint?: { maxSize?: number } | undefined }) =>
  (type.volumesConstraint?.maxSize ?? 0) > 0;

const isNotFound = (error: unknown) =>
  ProvisionError.isInstance(error) && (error as { status?: number }).status === 404;

/**
 * The optional operations: power actions through `POST .../action`, live plans and prices from
 * the products endpoint (the IPv4, billed apart, added), the zones, and a one-item listing for
 * credentials. https://www.scaleway.com/en/developers/api/instance/#path-instances-perform-action
 */
export function scalewayCapabilities(client: JsonClient, account: ScalewayAccount, defaultZone: string) {
  // One action (a repeat after a lost answer finds it under way: done), then one read; the
  // effect shows on later status() calls.
  async function power(id: string, action: PowerAction, options?: CallOptions): Promise<Host> {
    const operation = action === 'poweron' ? 'start' : action === 'poweroff' ? 'stop' : 'reboot';
    const { zone, serverId } = scalewayIds.decode(id, operation);
    try {
      await serverAction(client, zone, serverId, action, operation, options);
    } catch (error) {
      if (isNotFound(error)) throw new HostNotFoundError(id, { provider: 'scaleway', operation });
      throw error;
    }
    const server = await serverIfAny(client, zone, serverId, operation, options);
    if (server === undefined) throw new HostNotFoundError(id, { provider: 'scaleway', operation });
    return serverToHost(server, zone, id);
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'poweron', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /** Power-off; a server stopped by the user is stopped, not a first boot pending: the marker goes. */
    async stop(id: string, options?: CallOptions): Promise<Host> {
      const { zone, serverId } = scalewayIds.decode(id, 'stop');
      const server = await serverIfAny(client, zone, serverId, 'stop', options);
      if (server === undefined) throw new HostNotFoundError(id, { provider: 'scaleway', operation: 'stop' });
      if (server.tags.includes(BOOT_PENDING_TAG))
        await instanceApi(client, {
          operation: 'stop',
          signal: options?.signal,
          idempotent: true,
        }).updateServer({
          zone,
          serverId,
          tags: server.tags.filter((tag) => tag !== BOOT_PENDING_TAG),
        });
      return power(id, 'poweroff', options);
    },

    /**
     * Live Instance types of one zone (`query.region`, else the default zone), the IPv4 added:
     * those still sold that take a local root volume (`takesLocalRootVolume`).
     */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const zone = query.region ?? account.zone(defaultZone);
      const api = instanceApi(client, { operation: 'plans', signal: options?.signal });
      const { servers } = await api.listServersTypes({ zone, perPage: PAGE_SIZE });
      const plans = Object.entries(servers)
        .filter(([, type]) => type.endOfService !== true && takesLocalRootVolume(type))
        .map(
          ([id, type]): Plan => ({
            id,
            cpus: type.ncpus ?? 0,
            memoryMiB: Math.round((type.ram ?? 0) / 1024 / 1024),
            publicIpv4: true,
            architecture: type.arch === 'arm64' || type.arch === 'arm' ? 'arm64' : 'x86_64',
            price: {
              monthly: round((type.monthlyPrice ?? 0) + IPV4_MONTHLY),
              hourly: round((type.hourlyPrice ?? 0) + IPV4_HOURLY),
              currency: 'EUR',
              source: 'live',
            },
            regions: [zone],
          }),
        );
      return filterPlans(plans, query);
    },

    /** The zones of the catalog: the Instance API has no listing of its zones. */
    async regions(): Promise<Region[]> {
      return scalewayCatalog.regions.map((region) => ({ ...region }));
    },

    /**
     * The Project's servers, counted by each zone's dashboard (in parallel). Scaleway's quotas
     * belong to the Organization and are not told by the Instance API: only the count.
     */
    async quota(options?: CallOptions): Promise<Quota> {
      const api = instanceApi(client, { operation: 'quota', signal: options?.signal });
      const project = account.projectId();
      const counts = await Promise.all(
        scalewayCatalog.regions.map(
          async (region) =>
            (await api.getDashboard({ zone: region.id, project })).dashboard?.serversCount ?? 0,
        ),
      );
      return { hostsInUse: counts.reduce((sum, count) => sum + count, 0) };
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      const api = instanceApi(client, { operation: 'verifyCredentials', signal: options?.signal });
      await api.listServers({ zone: account.zone(defaultZone), perPage: 1, project: account.projectId() });
    },
  };
}
