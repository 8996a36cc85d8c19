/** A price as the cloud lists it, or why there is none (`source: 'unknown'`). */
export type Price = KnownPrice | UnknownPrice;

/** A price the cloud publishes. */
export interface KnownPrice {
  /** Price per month, in `currency`, including any separately billed public IPv4 charge. */
  readonly monthly: number;
  /** Price per hour, in `currency`, where the cloud bills hourly. */
  readonly hourly?: number;
  /** ISO 4217 code, e.g. `'USD'`. */
  readonly currency: string;
  /** Where the figure came from: the cloud's live API or the plugin's dated catalog. */
  readonly source: 'live' | 'catalog';
  /** For `source: 'catalog'`: the date (YYYY-MM-DD) the price was checked. */
  readonly checkedAt?: string;
}

/**
 * No figure: the cloud publishes no price (OpenStack: each cloud prices its flavors itself). Never
 * a price of 0: `filterPlans` and `cheapestPlan` put such plans after every priced one, and a
 * `maxMonthlyPrice` never matches them.
 */
export interface UnknownPrice {
  readonly monthly?: undefined;
  readonly hourly?: undefined;
  readonly currency?: undefined;
  readonly source: 'unknown';
  /** Why the price is not known, one sentence for people, e.g. `'OpenStack has no price API'`. */
  readonly reason: string;
  readonly checkedAt?: undefined;
}
