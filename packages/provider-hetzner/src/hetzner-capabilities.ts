import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import { hasProviderCode, type JsonClient, requestPowerAction } from '@provision/provider-utils';
import { locationPage, pricingEnvelope, serverEnvelope, serverPage, serverTypePage } from './hetzner-api.js';
import { hetznerIds } from './hetzner-ids.js';
import { listAll } from './hetzner-listing.js';
import { serverToHost } from './map-hetzner-server.js';

type PowerAction = 'poweron' | 'poweroff' | 'reboot';
type Price = {
  location: string;
  price_monthly: { net: string };
  price_hourly?: { net: string } | null | undefined;
};

const money = (value: string | undefined) => (value === undefined ? 0 : Number(value));

/**
 * The optional operations: power actions through server actions, live plans (server types with
 * the pricing endpoint's prices, the primary IPv4 included), locations, and the servers' count
 * for credentials and quota. https://docs.hetzner.cloud/reference/cloud#server-actions
 */
export function hetznerCapabilities(client: JsonClient) {
  // One action request, then one read (see `requestPowerAction`); the effect shows on later status() calls.
  function power(id: string, action: PowerAction, options?: CallOptions): Promise<Host> {
    const operation = action === 'poweron' ? 'start' : action === 'poweroff' ? 'stop' : 'reboot';
    const { serverId } = hetznerIds.decode(id, operation);
    return requestPowerAction(
      client,
      {
        provider: 'hetzner',
        id,
        operation,
        actionPath: `/servers/${serverId}/actions/${action}`,
        hostPath: `/servers/${serverId}`,
        schema: serverEnvelope,
        toHost: (data) => serverToHost(data.server, id),
        // A repeat after a lost answer finds the first request's action still running: `locked`.
        isUnderWay: (error) => hasProviderCode(error, 'locked'),
      },
      options,
    );
  }

  const count = async (operation: 'verifyCredentials' | 'quota', options?: CallOptions) =>
    (
      await client.request({
        method: 'GET',
        path: '/servers',
        query: { per_page: 1 },
        operation,
        schema: serverPage,
        signal: options?.signal,
      })
    ).data.meta?.pagination?.total_entries;

  return {
    start: (id: string, options?: CallOptions) => power(id, 'poweron', options),
    stop: (id: string, options?: CallOptions) => power(id, 'poweroff', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const [types, pricing] = await Promise.all([
        listAll(
          client,
          {
            path: '/server_types',
            operation: 'plans',
            schema: serverTypePage,
            items: (data) => data.server_types,
          },
          options,
        ),
        client.request({
          method: 'GET',
          path: '/pricing',
          operation: 'plans',
          schema: pricingEnvelope,
          signal: options?.signal,
        }),
      ]);
      const { currency, server_types: typePrices, primary_ips: ipPrices } = pricing.data.pricing;
      const ipv4 = ipPrices?.find((entry) => entry.type === 'ipv4')?.prices ?? [];
      const plans = types
        .filter((type) => type.deprecation == null)
        .flatMap((type): Plan[] => {
          const prices: readonly Price[] =
            typePrices.find((entry) => entry.name === type.name)?.prices ?? type.prices;
          const priced = prices
            .filter((price) => query.region === undefined || price.location === query.region)
            .map((price) => {
              const address = ipv4.find((entry) => entry.location === price.location);
              return {
                monthly: money(price.price_monthly.net) + money(address?.price_monthly.net),
                hourly: money(price.price_hourly?.net) + money(address?.price_hourly?.net),
              };
            })
            .sort((a, b) => a.monthly - b.monthly);
          const cheapest = priced[0];
          if (cheapest === undefined) return [];
          return [
            {
              id: type.name,
              cpus: type.cores,
              memoryMiB: Math.round(type.memory * 1024),
              ...(typeof type.disk === 'number' ? { diskGB: type.disk } : {}),
              publicIpv4: true,
              architecture: type.architecture === 'arm' ? 'arm64' : 'x86_64',
              price: {
                monthly: Math.round(cheapest.monthly * 10_000) / 10_000,
                hourly: Math.round(cheapest.hourly * 10_000) / 10_000,
                currency,
                source: 'live',
              },
              regions: prices.map((price) => price.location),
            },
          ];
        });
      return filterPlans(plans, query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const locations = await listAll(
        client,
        { path: '/locations', operation: 'regions', schema: locationPage, items: (data) => data.locations },
        options,
      );
      return locations.map((location) => ({
        id: location.name,
        name: location.city ?? location.description ?? location.name,
        available: true,
      }));
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await count('verifyCredentials', options);
    },

    // Hetzner's API does not tell a project's server limit (the Cloud Console does): only the count.
    async quota(options?: CallOptions): Promise<Quota> {
      const inUse = await count('quota', options);
      return typeof inUse === 'number' ? { hostsInUse: inUse } : {};
    },
  };
}
