import { type CallOptions, filterPlans, type Plan, type PlanQuery, type Region } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { profileSchema, regionPage, typePage } from './linode-api.js';
import { listAll } from './linode-client.js';

/**
 * The cloud-only operations (the power actions are the REST kit's): live plans (per-region
 * prices where they differ) and regions, the profile for credentials. Linode's API tells no
 * Linode limit, so there is no quota.
 */
export function linodeCapabilities(client: JsonClient) {
  return {
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const types = await listAll(
        client,
        { path: '/v4/linode/types', operation: 'plans', schema: typePage, unpaged: true },
        options,
      );
      const plans = types.map((type): Plan => {
        const regional = type.region_prices?.find((price) => price.id === query.region);
        const price = regional ?? type.price;
        return {
          id: type.id,
          cpus: type.vcpus,
          memoryMiB: type.memory,
          ...(typeof type.disk === 'number' ? { diskGB: Math.round(type.disk / 1024) } : {}),
          publicIpv4: true,
          price: {
            monthly: price.monthly,
            ...(typeof price.hourly === 'number' ? { hourly: price.hourly } : {}),
            currency: 'USD',
            source: 'live',
          },
        };
      });
      return filterPlans(plans, query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const regions = await listAll(
        client,
        { path: '/v4/regions', operation: 'regions', schema: regionPage, unpaged: true },
        options,
      );
      // Available: up, selling Linodes, and with the Metadata service that hands user-data over.
      return regions.map((region) => ({
        id: region.id,
        name: region.label,
        available:
          (region.status ?? 'ok') === 'ok' &&
          (region.capabilities ?? []).includes('Linodes') &&
          (region.capabilities ?? []).includes('Metadata'),
      }));
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.request({
        method: 'GET',
        path: '/v4/profile',
        operation: 'verifyCredentials',
        schema: profileSchema,
        signal: options?.signal,
      });
    },
  };
}
