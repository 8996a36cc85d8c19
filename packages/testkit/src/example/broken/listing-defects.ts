import {
  type CallOptions,
  type Host,
  type ListFilter,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type Plan,
  type ProvisionerContext,
} from '@provision/core';
import type { ExampleServer } from '../example-api.js';
import { ExampleOrphansProvisioner } from '../example-orphans.js';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

// Each class breaks one promise of list(), plans() or orphans(), to prove the check for it.
// Never use them for anything else.

/** list() ignores the region filter. */
export class ListIgnoresRegion extends ExampleProvisioner {
  override list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const { region: _region, ...rest } = filter;
    return super.list(rest, options);
  }
}

/** list() reads the first page only. */
export class ListReadsOnePage extends ExampleProvisioner {
  protected override async managedServers(
    tags: Record<string, string>,
    operation: 'list' | 'delete',
    signal: AbortSignal | undefined,
  ): Promise<ExampleServer[]> {
    const filter = { [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE, ...tags };
    return (await this.api.listServers(filter, 1, operation, signal)).items;
  }
}

/** list() answers empty when the cloud fails (and never retries). */
export class ListSwallowsErrors extends ExampleProvisioner {
  constructor(settings: ExampleSettings, context: ProvisionerContext) {
    super({ ...settings, retry: { maxRetries: 0 } }, context);
  }
  override list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    return super.list(filter, options).catch(() => []);
  }
}

/** list() reads everything twice. */
export class ListTwice extends ExampleProvisioner {
  override async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    await super.list(filter, options);
    return super.list(filter, options);
  }
}

/** plans() shows hourly prices as monthly ones. */
export class HourlyAsMonthly extends ExampleProvisioner {
  override async plans(): Promise<Plan[]> {
    return (await super.plans()).map((plan) =>
      plan.price.source === 'unknown'
        ? plan
        : { ...plan, price: { ...plan.price, monthly: plan.price.hourly ?? 0 } },
    );
  }
}

/** plans() says it knows no price, yet gives a monthly figure of 0 that would sort as the cheapest. */
export class UnknownPriceAsZero extends ExampleProvisioner {
  override async plans(): Promise<Plan[]> {
    return (await super.plans()).map((plan) => ({
      ...plan,
      price: { source: 'unknown', reason: 'no price API', monthly: 0 } as unknown as Plan['price'],
    }));
  }
}

/** plans() asks the cloud for something on every call. */
export class PlansOverBudget extends ExampleProvisioner {
  override async plans(): Promise<Plan[]> {
    for (let page = 1; page <= 2; page += 1) await this.api.listServers({}, page, 'list', undefined);
    return super.plans();
  }
}

/** Reports a firewall made moments ago as an orphan: a `gc` can take it before its server exists. */
export class IgnoresOrphanAge extends ExampleOrphansProvisioner {
  static override readsCreationTime = false;
}
