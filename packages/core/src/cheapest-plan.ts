import { compareText } from './compare-text.js';
import type { Plan, PlanQuery } from './spec/v1/plan.js';

/**
 * Plans that satisfy the query (public IPv4 required), sorted by monthly price, then vCPUs,
 * memory, id. Plans whose price is unknown come after every priced one (by vCPUs, memory, id), and
 * never meet a `maxMonthlyPrice`.
 */
export function filterPlans<P extends Plan>(plans: readonly P[], query: PlanQuery = {}): P[] {
  const { maxMonthlyPrice } = query;
  return plans
    .filter(
      (plan) =>
        plan.publicIpv4 &&
        plan.cpus >= (query.minCpus ?? 0) &&
        plan.memoryMiB >= (query.minMemoryMiB ?? 0) &&
        (query.region === undefined || plan.regions === undefined || plan.regions.includes(query.region)) &&
        (maxMonthlyPrice === undefined ||
          (plan.price.monthly !== undefined && plan.price.monthly <= maxMonthlyPrice)),
    )
    .sort(
      (a, b) =>
        compareMonthly(a, b) || a.cpus - b.cpus || a.memoryMiB - b.memoryMiB || compareText(a.id, b.id),
    );
}

/** By monthly price, an unknown one after every known one. */
function compareMonthly(a: Plan, b: Plan): number {
  const first = a.price.monthly;
  const second = b.price.monthly;
  if (first === undefined || second === undefined)
    return (first === undefined ? 1 : 0) - (second === undefined ? 1 : 0);
  return first - second;
}

/**
 * The cheapest plan with a public IPv4 that meets the query, or `undefined` when none does.
 * Ties on price go to fewer vCPUs, then less memory, then the id, so the answer is stable; a plan
 * whose price is unknown is taken only when no priced plan meets the query (never with
 * `maxMonthlyPrice`).
 */
export function cheapestPlan<P extends Plan>(plans: readonly P[], query: PlanQuery = {}): P | undefined {
  return filterPlans(plans, query)[0];
}
