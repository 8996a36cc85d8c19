import type { CallOptions, Plan } from '@provision/core';
import { createLiveCatalog } from '@provision/provider-utils';
import { type MetalPlan, metroList, planList, projectSchema } from './metal-api.js';
import { metalCatalog, monthlyFromHourly } from './metal-catalog.js';
import type { MetalConnection } from './metal-client.js';

/** `"32GB"`, `"512GB"`, `"1TB"` in MiB; undefined when unreadable. */
function memoryMiB(total: string | null | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(GB|TB)$/i.exec(total ?? '');
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * (match[2]?.toUpperCase() === 'TB' ? 1024 * 1024 : 1024));
}

/** A live plan as a `Plan`, its price from `pricing.hour` (or the metro's own, when it differs). */
function toPlan(plan: MetalPlan, codeOfMetro: ReadonlyMap<string, string>, region: string | undefined) {
  const known = metalCatalog.plans.find((entry) => entry.id === plan.slug);
  const metros = (plan.available_in_metros ?? []).flatMap((entry) => {
    const code = codeOfMetro.get((entry.href ?? '').split('/').pop() ?? '');
    return code === undefined ? [] : [{ code, hour: entry.price?.hour ?? undefined }];
  });
  const hourly =
    (region === undefined ? undefined : metros.find((metro) => metro.code === region)?.hour) ??
    plan.pricing?.hour;
  const memory = memoryMiB(plan.specs?.memory?.total) ?? known?.memoryMiB;
  if (typeof hourly !== 'number' || memory === undefined) return undefined;
  const result: Plan = {
    id: plan.slug,
    // The description counts CPU sockets, not cores: the catalog's core count where known.
    cpus: known?.cpus ?? plan.specs?.cpus?.reduce((sum, cpu) => sum + (cpu.count ?? 0), 0) ?? 1,
    memoryMiB: memory,
    ...(known?.diskGB === undefined ? {} : { diskGB: known.diskGB }),
    publicIpv4: true,
    price: { monthly: monthlyFromHourly(hourly), hourly, currency: 'USD', source: 'live' },
    regions: metros.map((metro) => metro.code),
  };
  return result;
}

/**
 * The operations beside the host's own: plans (the plans and the metros at once: a plan names its
 * metros by id), regions, and the credentials check (the project's GET, which also proves the
 * project is the key's).
 */
export function metalCapabilities({ client, projectId }: MetalConnection) {
  const metros = (operation: 'plans' | 'regions', options?: CallOptions) =>
    client.request({
      method: 'GET',
      path: '/locations/metros',
      operation,
      schema: metroList,
      signal: options?.signal,
    });

  return createLiveCatalog(client, {
    /** The on-demand bare-metal plans, priced live (`pricing.hour`; monthly is hourly × 730). */
    async plans(query, options) {
      const [plans, known] = await Promise.all([
        client.request({
          method: 'GET',
          path: '/plans',
          query: { type: 'standard' },
          operation: 'plans',
          schema: planList,
          signal: options?.signal,
        }),
        metros('plans', options),
      ]);
      const codeOfMetro = new Map(
        known.data.metros.flatMap((metro) => (metro.id ? [[metro.id, metro.code] as const] : [])),
      );
      return plans.data.plans.map((plan) => {
        if ((plan.line ?? 'baremetal') !== 'baremetal') return undefined;
        if (!(plan.deployment_types ?? ['on_demand']).includes('on_demand')) return undefined;
        return toPlan(plan, codeOfMetro, query.region);
      });
    },

    async regions(options) {
      const { data } = await metros('regions', options);
      return data.metros.map((metro) => ({
        id: metro.code,
        name: metro.name || metro.code,
        available: true,
      }));
    },

    verifyCredentials: { path: () => `/projects/${projectId()}`, schema: projectSchema },
  });
}
