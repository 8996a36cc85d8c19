import type { Plan } from '@provision/core';
import { createLiveCatalog, type JsonClient } from '@provision/provider-utils';
import { accountEnvelope, planSchema, regionSchema } from './vultr-api.js';
import { listAll } from './vultr-client.js';

/**
 * The operations beside the host's own: live plans and regions, the account for credentials.
 * No quota: Vultr's account answer carries no instance limit.
 * https://www.vultr.com/api/#tag/instances
 */
export function vultrCapabilities(client: JsonClient) {
  return createLiveCatalog(client, {
    /** Live plans and prices; IPv6-only plans (ids ending `-v6`) are never offered. */
    async plans(_query, options) {
      const listing = { path: '/v2/plans', key: 'plans', item: planSchema, operation: 'plans' } as const;
      const plans = await listAll(client, listing, options);
      return plans.map(
        (plan): Plan => ({
          id: plan.id,
          cpus: plan.vcpu_count,
          memoryMiB: plan.ram,
          ...(typeof plan.disk === 'number' ? { diskGB: plan.disk } : {}),
          publicIpv4: !plan.id.endsWith('-v6'),
          price: { monthly: plan.monthly_cost, currency: 'USD', source: 'live' },
          regions: plan.locations ?? [],
        }),
      );
    },

    async regions(options) {
      const listing = {
        path: '/v2/regions',
        key: 'regions',
        item: regionSchema,
        operation: 'regions',
      } as const;
      const regions = await listAll(client, listing, options);
      return regions.map((region) => ({
        id: region.id,
        name: [region.city, region.country].filter(Boolean).join(', ') || region.id,
        available: true,
      }));
    },

    verifyCredentials: { path: () => '/v2/account', schema: accountEnvelope },
  });
}
