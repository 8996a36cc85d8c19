import {
  type CallOptions,
  filterPlans,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { quotaSchema, regionList, sizeList } from './civo-api.js';
import { civoCatalog } from './civo-catalog.js';

/**
 * The cloud-only operations (the power actions are the REST kit's): plans (the sizes endpoint,
 * priced from the dated catalog: it carries no price), regions, the quota, and the credentials
 * check (the quota's GET).
 */
export function civoCapabilities(client: JsonClient) {
  return {
    /** The selectable instance sizes Civo lists, priced from the catalog (sizes it does not price are left out). */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const { data } = await client.request({
        method: 'GET',
        path: '/v2/sizes',
        operation: 'plans',
        schema: sizeList,
        signal: options?.signal,
      });
      const plans = data.flatMap((size): Plan[] => {
        if ((size.type ?? '').toLowerCase() !== 'instance' || size.selectable === false) return [];
        const priced = civoCatalog.plans.find((plan) => plan.id === size.name);
        if (priced?.price === undefined) return [];
        return [
          {
            id: size.name,
            cpus: size.cpu_cores ?? priced.cpus,
            memoryMiB: size.ram_mb ?? priced.memoryMiB,
            ...(typeof size.disk_gb === 'number' ? { diskGB: size.disk_gb } : {}),
            publicIpv4: true,
            price: priced.price,
          },
        ];
      });
      return filterPlans(plans, query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const { data } = await client.request({
        method: 'GET',
        path: '/v2/regions',
        operation: 'regions',
        schema: regionList,
        signal: options?.signal,
      });
      return data
        .filter((region) => region.features?.iaas !== false)
        .map((region) => ({
          id: region.code.toUpperCase(),
          name: region.name || region.code,
          available: region.out_of_capacity !== true,
        }));
    },

    async quota(options?: CallOptions): Promise<Quota> {
      const { data } = await client.request({
        method: 'GET',
        path: '/v2/quota',
        operation: 'quota',
        schema: quotaSchema,
        signal: options?.signal,
      });
      return {
        ...(typeof data.instance_count_limit === 'number' ? { hostLimit: data.instance_count_limit } : {}),
        ...(typeof data.instance_count_usage === 'number' ? { hostsInUse: data.instance_count_usage } : {}),
        ...(typeof data.cpu_core_limit === 'number' ? { cpuLimit: data.cpu_core_limit } : {}),
      };
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.request({
        method: 'GET',
        path: '/v2/quota',
        operation: 'verifyCredentials',
        schema: quotaSchema,
        signal: options?.signal,
      });
    },
  };
}
