import { describe, expect, it } from 'vitest';
import { cheapestPlan, filterPlans } from './cheapest-plan.js';
import type { Plan } from './spec/v1/plan.js';

const plan = (
  id: string,
  monthly: number,
  cpus: number,
  memoryMiB: number,
  extra: Partial<Plan> = {},
): Plan => ({
  id,
  cpus,
  memoryMiB,
  publicIpv4: true,
  price: { monthly, currency: 'USD', source: 'catalog' },
  ...extra,
});

const unpriced = (id: string, cpus: number, memoryMiB: number): Plan => ({
  id,
  cpus,
  memoryMiB,
  publicIpv4: true,
  price: { source: 'unknown', reason: 'no price API' },
});

const plans = [
  plan('big', 24, 2, 4096),
  plan('tiny-no-ip', 2, 1, 512, { publicIpv4: false }),
  plan('small', 4, 1, 512),
  plan('small-eu-only', 3, 1, 512, { regions: ['ams3'] }),
  plan('medium', 6, 1, 1024),
];

describe('cheapestPlan', () => {
  it('skips plans without a public IPv4', () => {
    expect(cheapestPlan(plans)?.id).toBe('small-eu-only');
  });
  it('honours the region', () => {
    expect(cheapestPlan(plans, { region: 'nyc3' })?.id).toBe('small');
  });
  it('honours minimum CPUs and memory', () => {
    expect(cheapestPlan(plans, { minMemoryMiB: 1000 })?.id).toBe('medium');
    expect(cheapestPlan(plans, { minCpus: 2 })?.id).toBe('big');
    expect(cheapestPlan(plans, { minCpus: 64 })).toBeUndefined();
  });
  it('takes a plan of unknown price only when no priced plan fits', () => {
    const mixed = [unpriced('flavor-small', 1, 512), ...plans];
    expect(cheapestPlan(mixed)?.id).toBe('small-eu-only');
    expect(cheapestPlan(mixed, { minCpus: 2 })?.id).toBe('big');
    expect(cheapestPlan([unpriced('flavor-big', 2, 4096), unpriced('flavor-small', 1, 512)])?.id).toBe(
      'flavor-small',
    );
  });
  it('sorts by price and breaks ties stably', () => {
    const tied = [plan('b', 5, 2, 1024), plan('a', 5, 1, 1024), plan('c', 5, 1, 512)];
    expect(filterPlans(tied).map((p) => p.id)).toEqual(['c', 'a', 'b']);
  });
  it('puts plans of unknown price after every priced one, smallest first', () => {
    const mixed = [
      unpriced('u-big', 2, 2048),
      plan('dear', 500, 8, 8192),
      unpriced('u-small', 1, 512),
      plan('cheap', 1, 4, 4096),
    ];
    expect(filterPlans(mixed).map((p) => p.id)).toEqual(['cheap', 'dear', 'u-small', 'u-big']);
  });
  it('keeps to maxMonthlyPrice, which a plan of unknown price never meets', () => {
    const mixed = [unpriced('u-small', 1, 512), ...plans];
    expect(filterPlans(mixed, { maxMonthlyPrice: 4 }).map((p) => p.id)).toEqual(['small-eu-only', 'small']);
    expect(filterPlans(mixed, { maxMonthlyPrice: 0 })).toEqual([]);
    expect(cheapestPlan([unpriced('u-small', 1, 512)], { maxMonthlyPrice: 1_000_000 })).toBeUndefined();
  });
});
