import { getPlugin, validateHostSpec } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { digitaloceanPlugin } from './index.js';

describe('the DigitalOcean plugin', () => {
  it('registers itself when the package is imported', () => {
    expect(getPlugin('digitalocean')).toBe(digitaloceanPlugin);
  });

  it('defaults to the cheapest size with a public IPv4, in a region that sells it, on the current Ubuntu LTS', () => {
    const resolved = validateHostSpec(digitaloceanPlugin, { name: 'web' });
    const cheapest = [...digitaloceanPlugin.catalog.plans].sort(
      (a, b) => a.price.monthly - b.price.monthly,
    )[0];
    expect(resolved).toMatchObject({ region: 'nyc1', plan: cheapest?.id, image: 'ubuntu-26-04-x64' });
    expect(cheapest?.regions).toContain(resolved.region);
    expect(cheapest?.price).toMatchObject({
      monthly: 4,
      currency: 'USD',
      checkedAt: digitaloceanPlugin.catalog.checkedAt,
    });
  });

  it('declares the budgets its docs page states', () => {
    expect(digitaloceanPlugin.callBudget).toEqual({
      provision: 2,
      provisionWithInbound: 3,
      status: 1,
      delete: 2,
      list: 2,
      plans: 1,
      orphans: 1,
    });
  });

  it('names both token variables and the endpoint variable', () => {
    expect(digitaloceanPlugin.env).toEqual({
      required: ['DIGITALOCEAN_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN'],
      optional: ['DIGITALOCEAN_API_URL'],
    });
  });
});
