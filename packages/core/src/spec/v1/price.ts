/** A price as the cloud lists it. */
export interface Price {
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
