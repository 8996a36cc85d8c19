import { compareText } from './compare-text.js';
import type { Plan, PlanQuery } from './spec/v1/plan.js';

/** Plans that satisfy the query (public IPv4 required), sorted by monthly price, then vCPUs, memory, id. */
export function filterPlans(plans: readonly Plan[], query: PlanQuery = {}): Plan[] {
  return plans
    .filter(
      (plan) =>
        plan.publicIpv4 &&
        plan.cpus >= (query.minCpus ?? 0) &&
        plan.memoryMiB >= (query.minMemoryMiB ?? 0) &&
        (query.region === undefined || plan.regions === undefined || plan.regions.includes(query.region)),
    )
    .sort(
      (a, b) =>
        a.price.monthly - b.price.monthly ||
        a.cpus - b.cpus ||
        a.memoryMiB - b.memoryMiB ||
        compareText(a.id, b.id),
    );
}

/**
 * The cheapest plan with a public IPv4 that meets the query, or `undefined` when none does.
 * Ties on price go to fewer vCPUs, then less memory, then the id, so the answer is stable.
 */
export function cheapestPlan(plans: readonly Plan[], query: PlanQuery = {}): Plan | undefined {
  return filterPlans(plans, query)[0];
}
