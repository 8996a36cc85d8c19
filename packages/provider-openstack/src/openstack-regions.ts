import type { CallOptions, Region } from '@provision/core';
import { regionPage } from './openstack-api.js';
import { AUTO_REGION } from './openstack-region.js';
import type { OpenStackSession } from './openstack-session.js';

/**
 * `regions()`: Keystone's regions (`GET /v3/regions`), each available when the token's catalog
 * has a compute endpoint (of the configured interface) there, since a region without Nova takes
 * no host. First comes `auto`, the default a spec gets, named after the region it stands for now
 * (`OS_REGION_NAME`, else the catalog's only compute region), unavailable when it stands for none.
 * https://docs.openstack.org/api-ref/identity/v3/#list-regions
 */
export function openstackRegions(session: OpenStackSession) {
  return {
    async regions(options?: CallOptions): Promise<Region[]> {
      const { data } = await session.keystone().request({
        method: 'GET',
        path: '/regions',
        operation: 'regions',
        schema: regionPage,
        signal: options?.signal,
      });
      const usable = new Set(await session.computeRegions());
      const regions = data.regions.map((region) => ({
        id: region.id,
        name: region.description?.trim() || region.id,
        available: usable.has(region.id),
      }));
      return [autoRegion(session.auth().regionName, usable), ...regions];
    },
  };
}

/** The `auto` entry: what a spec without a region gets (see `OpenStackSession.resolveRegion`). */
function autoRegion(configured: string | undefined, usable: ReadonlySet<string>): Region {
  if (configured !== undefined)
    return {
      id: AUTO_REGION,
      name: `${configured} (OS_REGION_NAME)`,
      available: usable.has(configured),
    };
  const [only, ...others] = [...usable];
  if (only !== undefined && others.length === 0)
    return { id: AUTO_REGION, name: `${only} (the only region with compute)`, available: true };
  return {
    id: AUTO_REGION,
    name: `none: compute in ${usable.size} regions, set OS_REGION_NAME`,
    available: false,
  };
}
