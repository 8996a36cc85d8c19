import { type CallOptions, filterPlans, type Plan, type PlanQuery, type Region } from '@provision/core';
import type { JsonClient } from './json-client.js';
import type { ResponseSchema } from './response-schema.js';

/** A cloud's live catalog: how its plans and regions are listed and mapped, and what proves the credentials. */
export interface LiveCatalogDefinition {
  /** Every plan the cloud offers now, mapped (undefined: one it does not sell to us, left out); `query` filters after. */
  plans(query: PlanQuery, options?: CallOptions): Promise<readonly (Plan | undefined)[]>;
  /** Every region, mapped. */
  regions(options?: CallOptions): Promise<Region[]>;
  /** The one GET that answers only with valid credentials (the account, the project, the profile). */
  readonly verifyCredentials: { readonly path: () => string; readonly schema: ResponseSchema<unknown> };
}

/** `plans`, `regions` and `verifyCredentials` of a provisioner, as core calls them. */
export interface LiveCatalog {
  plans(query?: PlanQuery, options?: CallOptions): Promise<Plan[]>;
  regions(options?: CallOptions): Promise<Region[]>;
  verifyCredentials(options?: CallOptions): Promise<void>;
}

/**
 * The operations beside the host's own on a REST cloud: the live plans (the cloud's mapper, then
 * core's `filterPlans` for the query), the regions, and the credentials check (one GET through
 * `client`, whose error table turns a 401 or 403 into `AuthenticationError`). Assumes the check
 * is one request (Equinix Metal's project, Vultr's account, Linode's profile, DigitalOcean's account).
 */
export function createLiveCatalog(client: JsonClient, definition: LiveCatalogDefinition): LiveCatalog {
  return {
    async plans(query = {}, options) {
      const plans = await definition.plans(query, options);
      return filterPlans(
        plans.filter((plan): plan is Plan => plan !== undefined),
        query,
      );
    },
    regions: (options) => definition.regions(options),
    async verifyCredentials(options) {
      await client.request({
        method: 'GET',
        path: definition.verifyCredentials.path(),
        operation: 'verifyCredentials',
        schema: definition.verifyCredentials.schema,
        signal: options?.signal,
      });
    },
  };
}
