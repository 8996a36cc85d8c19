import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import { cloudErrorClass, type JsonClient, powerAction } from '@provision/provider-utils';
import {
  accountEnvelope,
  actionEnvelope,
  dropletEnvelope,
  dropletPage,
  regionPage,
  sizePage,
} from './digitalocean-api.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listAll } from './digitalocean-listing.js';
import { behindFirewall, dropletHosts } from './map-digitalocean-droplet.js';

type PowerAction = 'power_on' | 'power_off' | 'reboot';

/**
 * The optional operations: power actions through droplet actions, live plans and regions, the
 * account for credentials and quota.
 * https://docs.digitalocean.com/reference/api/digitalocean/#tag/Droplet-Actions
 */
export function digitaloceanCapabilities(client: JsonClient) {
  // One action request, then one read (see `powerAction`); the action's effect shows on later
  // status() calls (stopping -> stopped, starting -> active).
  function power(id: string, type: PowerAction, options?: CallOptions): Promise<Host> {
    const operation = type === 'power_on' ? 'start' : type === 'power_off' ? 'stop' : 'reboot';
    const { dropletId, firewallId } = digitaloceanIds.decode(id, operation);
    return powerAction({
      provider: 'digitalocean',
      id,
      operation,
      send: async () => {
        const action = await client.request({
          method: 'POST',
          path: `/v2/droplets/${dropletId}/actions`,
          body: { type },
          operation,
          schema: actionEnvelope,
          allowStatus: [404],
          // Repeating a power action is harmless: powering on a running droplet changes nothing.
          idempotent: true,
          signal: options?.signal,
        });
        return action.status === 404 ? 'gone' : undefined;
      },
      read: async () => {
        const { data } = await client.request({
          method: 'GET',
          path: `/v2/droplets/${dropletId}`,
          operation,
          schema: dropletEnvelope,
          signal: options?.signal,
        });
        const host = dropletHosts.toHost(data.droplet);
        return firewallId === undefined ? host : behindFirewall(host, firewallId);
      },
      // A repeat after a lost answer finds the first request's action still running (422
      // "Droplet already has a pending event"): the action is under way.
      isUnderWay: (error) => cloudErrorClass(error) === 'busy',
      // The droplet was deleted between the action and the read.
      isGone: (error) => cloudErrorClass(error) === 'not_found',
    });
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'power_on', options),
    stop: (id: string, options?: CallOptions) => power(id, 'power_off', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const sizes = await listAll(
        client,
        { path: '/v2/sizes', operation: 'plans', schema: sizePage, items: (data) => data.sizes },
        options,
      );
      const plans = sizes
        .filter((size) => size.available !== false)
        .map(
          (size): Plan => ({
            id: size.slug,
            cpus: size.vcpus,
            memoryMiB: size.memory,
            ...(typeof size.disk === 'number' ? { diskGB: size.disk } : {}),
            publicIpv4: true,
            price: {
              monthly: size.price_monthly,
              ...(typeof size.price_hourly === 'number' ? { hourly: size.price_hourly } : {}),
              currency: 'USD',
              source: 'live',
            },
            ...(size.regions ? { regions: size.regions } : {}),
          }),
        );
      return filterPlans(plans, query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const regions = await listAll(
        client,
        { path: '/v2/regions', operation: 'regions', schema: regionPage, items: (data) => data.regions },
        options,
      );
      return regions.map((region) => ({ id: region.slug, name: region.name, available: region.available }));
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.request({
        method: 'GET',
        path: '/v2/account',
        operation: 'verifyCredentials',
        schema: accountEnvelope,
        signal: options?.signal,
      });
    },

    async quota(options?: CallOptions): Promise<Quota> {
      const { data: account } = await client.request({
        method: 'GET',
        path: '/v2/account',
        operation: 'quota',
        schema: accountEnvelope,
        signal: options?.signal,
      });
      const { data: droplets } = await client.request({
        method: 'GET',
        path: '/v2/droplets',
        query: { per_page: 1 },
        operation: 'quota',
        schema: dropletPage,
        signal: options?.signal,
      });
      return {
        ...(typeof account.account.droplet_limit === 'number'
          ? { hostLimit: account.account.droplet_limit }
          : {}),
        ...(typeof droplets.meta?.total === 'number' ? { hostsInUse: droplets.meta.total } : {}),
      };
    },
  };
}
