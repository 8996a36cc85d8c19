import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Region,
} from '@provision/core';
import { hasProviderCode, type JsonClient, requestPowerAction } from '@provision/provider-utils';
import { serverToHost } from './map-scaleway-server.js';
import { PAGE_SIZE, productsPage, serverEnvelope, serverPage } from './scaleway-api.js';
import { IPV4_HOURLY, IPV4_MONTHLY, scalewayCatalog } from './scaleway-catalog.js';
import type { ScalewayAccount } from './scaleway-client.js';
import { scalewayIds } from './scaleway-ids.js';
import { serverIfAny, serverPath } from './scaleway-servers.js';
import { BOOT_PENDING_TAG } from './scaleway-tags.js';

type PowerAction = 'poweron' | 'poweroff' | 'reboot';

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The optional operations: power actions through `POST .../action`, live plans and prices from
 * the products endpoint (the IPv4, billed apart, added), the zones, and a one-item listing for
 * credentials. https://www.scaleway.com/en/developers/api/instance/#path-instances-perform-action
 */
export function scalewayCapabilities(client: JsonClient, account: ScalewayAccount, defaultZone: string) {
  // One action request, then one read (see `requestPowerAction`); the effect shows on later status() calls.
  function power(id: string, action: PowerAction, options?: CallOptions): Promise<Host> {
    const operation = action === 'poweron' ? 'start' : action === 'poweroff' ? 'stop' : 'reboot';
    const { zone, serverId } = scalewayIds.decode(id, operation);
    return requestPowerAction(
      client,
      {
        provider: 'scaleway',
        id,
        operation,
        actionPath: `${serverPath(zone, serverId)}/action`,
        actionBody: { action },
        hostPath: serverPath(zone, serverId),
        schema: serverEnvelope,
        toHost: (data) => serverToHost(data.server, zone, id),
        // A repeat after a lost answer finds the first request's transition under way.
        isUnderWay: (error) => hasProviderCode(error, 'transient_state'),
      },
      options,
    );
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'poweron', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /** Power-off; a server stopped by the user is stopped, not a first boot pending: the marker goes. */
    async stop(id: string, options?: CallOptions): Promise<Host> {
      const { zone, serverId } = scalewayIds.decode(id, 'stop');
      const server = await serverIfAny(client, zone, serverId, 'stop', options);
      if (server?.tags?.includes(BOOT_PENDING_TAG))
        await client.request({
          method: 'PATCH',
          path: serverPath(zone, serverId),
          body: { tags: server.tags.filter((tag) => tag !== BOOT_PENDING_TAG) },
          operation: 'stop',
          schema: serverEnvelope,
          signal: options?.signal,
        });
      return power(id, 'poweroff', options);
    },

    /** Live Instance types of one zone (`query.region`, else the default zone), the IPv4 added. */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const zone = query.region ?? account.zone(defaultZone);
      const { data } = await client.request({
        method: 'GET',
        path: `/instance/v1/zones/${zone}/products/servers`,
        query: { per_page: PAGE_SIZE },
        operation: 'plans',
        schema: productsPage,
        signal: options?.signal,
      });
      const plans = Object.entries(data.servers)
        .filter(([, type]) => type.end_of_service !== true)
        .map(
          ([id, type]): Plan => ({
            id,
            cpus: type.ncpus ?? 0,
            memoryMiB: Math.round((type.ram ?? 0) / 1024 / 1024),
            publicIpv4: true,
            architecture: type.arch === 'arm64' || type.arch === 'arm' ? 'arm64' : 'x86_64',
            price: {
              monthly: round((type.monthly_price ?? 0) + IPV4_MONTHLY),
              hourly: round((type.hourly_price ?? 0) + IPV4_HOURLY),
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

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.request({
        method: 'GET',
        path: `/instance/v1/zones/${account.zone(defaultZone)}/servers`,
        query: { per_page: 1, project: account.projectId() },
        operation: 'verifyCredentials',
        schema: serverPage,
        signal: options?.signal,
      });
    },
  };
}
