import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import { requestPowerAction } from '@provision/provider-utils';
import * as z from 'zod/mini';
import { instanceToHost } from './map-ovh-instance.js';
import { flavorList, instanceSchema, projectSchema, publicCatalog, regionNames } from './ovh-api.js';
import { HOURS_A_MONTH, ovhCatalog } from './ovh-catalog.js';
import type { OvhClient } from './ovh-client.js';
import { ovhIds } from './ovh-ids.js';

type PowerOperation = 'start' | 'stop' | 'reboot';

/** OVH's catalog prices are in hundred-millionths of the currency. */
const PRICE_UNIT = 100_000_000;

/**
 * Hourly price by flavor name: the add-on `<flavor>.consumption`, its pricing billed by the hour
 * for consumption. https://eu.api.ovh.com/console/?section=%2Forder (`order.catalog.public`)
 */
function hourlyPrices(catalog: z.infer<typeof publicCatalog>): Map<string, number> {
  const prices = new Map<string, number>();
  for (const addon of catalog.addons) {
    const match = /^(.+)\.consumption$/.exec(addon.planCode);
    const pricing = addon.pricings.find(
      (entry) => entry.intervalUnit === 'hour' && (entry.capacities ?? []).includes('consumption'),
    );
    if (match?.[1] !== undefined && pricing !== undefined) prices.set(match[1], pricing.price / PRICE_UNIT);
  }
  return prices;
}

const quotaList = z.array(
  z.object({
    region: z.string(),
    instance: z.nullish(
      z.object({ maxInstances: z.number(), usedInstances: z.number(), maxCores: z.nullish(z.number()) }),
    ),
  }),
);

/**
 * The optional operations: power actions, live flavors and regions, the project for credentials
 * and its quota. https://eu.api.ovh.com/console/?section=%2Fcloud
 */
export function ovhCapabilities(client: OvhClient) {
  // One action (answered `null`, harmless to repeat), then one read (see `requestPowerAction`).
  function power(id: string, operation: PowerOperation, options?: CallOptions): Promise<Host> {
    const { project, instanceId } = ovhIds.decode(id, operation);
    const base = `/cloud/project/${project}/instance/${instanceId}`;
    return requestPowerAction(
      client.http,
      {
        provider: 'ovh',
        id,
        operation,
        actionPath: `${base}/${operation}`,
        ...(operation === 'reboot' ? { actionBody: { type: 'soft' } } : {}),
        hostPath: base,
        schema: instanceSchema,
        toHost: (data) => instanceToHost(project, data),
      },
      options,
    );
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /**
     * Live flavors of every region and their live hourly prices from OVH's public catalog (two
     * requests, the second keyless). Windows flavors are left out, and so is a flavor the catalog
     * has no hourly price for (it cannot be ordered by the hour). Monthly is 730 hours.
     */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const [flavors, catalog] = await Promise.all([
        client.http.request({
          method: 'GET',
          path: `/cloud/project/${client.project()}/flavor`,
          operation: 'plans',
          schema: flavorList,
          signal: options?.signal,
        }),
        client.keyless.request({
          method: 'GET',
          path: '/order/catalog/public/cloud',
          query: { ovhSubsidiary: client.subsidiary() },
          operation: 'plans',
          schema: publicCatalog,
          signal: options?.signal,
        }),
      ]);
      const hourly = hourlyPrices(catalog.data);
      const byName = new Map<string, Plan>();
      for (const flavor of flavors.data) {
        const price = hourly.get(flavor.name);
        if (flavor.osType === 'windows' || flavor.available === false || price === undefined) continue;
        const known = byName.get(flavor.name);
        if (known !== undefined) {
          byName.set(flavor.name, { ...known, regions: [...(known.regions ?? []), flavor.region] });
          continue;
        }
        byName.set(flavor.name, {
          id: flavor.name,
          cpus: flavor.vcpus,
          memoryMiB: flavor.ram,
          ...(typeof flavor.disk === 'number' ? { diskGB: flavor.disk } : {}),
          publicIpv4: true,
          price: {
            monthly: Math.round(price * HOURS_A_MONTH * 100) / 100,
            hourly: price,
            currency: catalog.data.locale.currencyCode,
            source: 'live',
          },
          regions: [flavor.region],
        });
      }
      return filterPlans([...byName.values()], query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const { data } = await client.http.request({
        method: 'GET',
        path: `/cloud/project/${client.project()}/region`,
        operation: 'regions',
        schema: regionNames,
        signal: options?.signal,
      });
      return data.map((id) => ({
        id,
        name: ovhCatalog.regions.find((region) => region.id === id)?.name ?? id,
        available: true,
      }));
    },

    /** The project itself: checks the keys, the signature and access to the project in one request. */
    async verifyCredentials(options?: CallOptions): Promise<void> {
      await client.http.request({
        method: 'GET',
        path: `/cloud/project/${client.project()}`,
        operation: 'verifyCredentials',
        schema: projectSchema,
        signal: options?.signal,
      });
    },

    /** Instances the project may have, summed over its regions (OVH sets quotas per region). */
    async quota(options?: CallOptions): Promise<Quota> {
      const { data } = await client.http.request({
        method: 'GET',
        path: `/cloud/project/${client.project()}/quota`,
        operation: 'quota',
        schema: quotaList,
        signal: options?.signal,
      });
      const instances = data.flatMap((region) => (region.instance ? [region.instance] : []));
      return {
        hostLimit: instances.reduce((sum, entry) => sum + entry.maxInstances, 0),
        hostsInUse: instances.reduce((sum, entry) => sum + entry.usedInstances, 0),
      };
    },
  };
}
