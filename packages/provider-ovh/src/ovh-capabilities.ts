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
import { z } from 'zod';
import { instanceToHost } from './map-ovh-instance.js';
import { flavorList, instanceSchema, projectSchema, regionNames } from './ovh-api.js';
import { ovhCatalog } from './ovh-catalog.js';
import type { OvhClient } from './ovh-client.js';
import { ovhIds } from './ovh-ids.js';

type PowerOperation = 'start' | 'stop' | 'reboot';

const quotaList = z.array(
  z.object({
    region: z.string(),
    instance: z
      .object({ maxInstances: z.number(), usedInstances: z.number(), maxCores: z.number().nullish() })
      .nullish(),
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
     * Live flavors of every region (one request); Windows flavors are left out. Flavors carry no
     * price: the catalog's dated price stands in, and flavors it does not list are left out.
     */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const { data } = await client.http.request({
        method: 'GET',
        path: `/cloud/project/${client.project()}/flavor`,
        operation: 'plans',
        schema: flavorList,
        signal: options?.signal,
      });
      const regions = new Map<string, string[]>();
      for (const flavor of data)
        if (flavor.osType !== 'windows' && flavor.available !== false)
          regions.set(flavor.name, [...(regions.get(flavor.name) ?? []), flavor.region]);
      const plans = ovhCatalog.plans.flatMap((plan) => {
        const sold = regions.get(plan.id);
        return sold === undefined ? [] : [{ ...plan, regions: sold }];
      });
      return filterPlans(plans, query);
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
