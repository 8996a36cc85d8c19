import type { Price } from './price.js';

/** A machine size the cloud sells. */
export interface Plan {
  /** The cloud's plan id, e.g. `'s-1vcpu-512mb-10gb'`. */
  readonly id: string;
  /** Virtual CPUs. */
  readonly cpus: number;
  /** Memory in MiB. */
  readonly memoryMiB: number;
  /** Boot disk in GB, where the plan includes one. */
  readonly diskGB?: number;
  /** Whether hosts on this plan get a public IPv4. */
  readonly publicIpv4: boolean;
  /** Price, including any separate public IPv4 charge; `source: 'unknown'` where the cloud publishes none. */
  readonly price: Price;
  /** Regions where the plan is sold; omitted: every region. */
  readonly regions?: readonly string[];
  /** CPU architecture. Default `'x86_64'`. */
  readonly architecture?: 'x86_64' | 'arm64';
}

/** Narrows `plans()` and `cheapestPlan()`. */
export interface PlanQuery {
  /** At least this many vCPUs. */
  readonly minCpus?: number;
  /** At least this much memory, in MiB. */
  readonly minMemoryMiB?: number;
  /** Only plans sold in this region. */
  readonly region?: string;
  /**
   * Only plans whose monthly price is known and at most this, in the plan's own currency (prices
   * are never converted). A plan whose price is unknown never matches.
   */
  readonly maxMonthlyPrice?: number;
}
