import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import { getIfFound, type JsonClient, type PowerOperation, powerAction } from '@provision/provider-utils';
import { instanceSchema, quotaSchema, regionList, sizeList } from './civo-api.js';
import { civoCatalog } from './civo-catalog.js';
import { civoIds } from './civo-ids.js';
import { instanceToHost } from './map-civo-instance.js';

/** Each power operation as Civo's API takes it. https://www.civo.com/api/instances */
const ACTIONS: Readonly<Record<PowerOperation, { method: 'PUT' | 'POST'; path: string }>> = {
  start: { method: 'PUT', path: 'start' },
  stop: { method: 'PUT', path: 'stop' },
  reboot: { method: 'POST', path: 'reboots' },
};

/**
 * The optional operations: power actions, plans (the sizes endpoint, priced from the dated
 * catalog: it carries no price), regions, the quota, and the credentials check (the quota's GET).
 */
export function civoCapabilities(client: JsonClient) {
  // One action (harmless to repeat), then one read.
  function power(id: string, operation: PowerOperation, options?: CallOptions): Promise<Host> {
    const { region, instanceId } = civoIds.decode(id, operation);
    const signal = options?.signal;
    const action = ACTIONS[operation];
    return powerAction({
      provider: 'civo',
      id,
      operation,
      send: async () => {
        const answer = await client.request({
          method: action.method,
          path: `/v2/instances/${instanceId}/${action.path}`,
          body: { region },
          operation,
          allowStatus: [404],
          idempotent: true,
          signal,
        });
        return answer.status === 404 ? 'gone' : undefined;
      },
      read: async () => {
        const instance = await getIfFound(client, {
          path: `/v2/instances/${instanceId}`,
          query: { region },
          operation,
          schema: instanceSchema,
          signal,
        });
        return instance === undefined ? undefined : instanceToHost(instance, region);
      },
    });
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

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
