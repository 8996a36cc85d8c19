import { getPlugin, hostIdentity, validateHostSpec } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { digitaloceanPlugin } from './index.js';

describe('the DigitalOcean plugin', () => {
  it('registers itself when the package is imported', () => {
    expect(getPlugin('digitalocean')).toBe(digitaloceanPlugin);
  });

  it('defaults to the cheapest size with a public IPv4, in a region that sells it, on the current Ubuntu LTS', () => {
    const resolved = validateHostSpec(digitaloceanPlugin, { name: 'web' });
    const cheapest = [...digitaloceanPlugin.catalog.plans].sort(
      (a, b) => (a.price.monthly ?? Number.POSITIVE_INFINITY) - (b.price.monthly ?? Number.POSITIVE_INFINITY),
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
      provision: 3,
      provisionWithInbound: 5,
      status: 1,
      delete: 3,
      list: 2,
      plans: 1,
      orphans: 2,
      inboundRules: 2,
    });
  });

  it('names both token variables and the endpoint variable', () => {
    expect(digitaloceanPlugin.env).toEqual({
      required: ['DIGITALOCEAN_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN'],
      optional: ['DIGITALOCEAN_API_URL'],
    });
  });

  it('accepts region and size slugs and refuses other ids with its own description', () => {
    expect(
      validateHostSpec(digitaloceanPlugin, { name: 'web', region: 'nyc3', plan: 's-1vcpu-1gb' }),
    ).toMatchObject({ region: 'nyc3', plan: 's-1vcpu-1gb' });
    expect(() => validateHostSpec(digitaloceanPlugin, { name: 'web', region: 'NYC3' })).toThrow(
      /a region slug like "nyc3"/,
    );
    expect(() => validateHostSpec(digitaloceanPlugin, { name: 'web', plan: 'S-1VCPU-1GB' })).toThrow(
      /a size slug like "s-1vcpu-1gb"/,
    );
  });

  it('checks exactly the tags provision() writes: the managed ones, the user tags and provision-firewall', () => {
    const resolved = validateHostSpec(digitaloceanPlugin, { name: 'web', inbound: [{ from: 22 }] });
    expect(digitaloceanPlugin.hostTags?.(resolved, new Date(0))).toMatchObject({
      'provision-firewall': hostIdentity(resolved.owner, resolved.name),
      'provision-name': 'web',
    });
    expect(digitaloceanPlugin.limits.tags.storage).toMatchObject({ kind: 'flat', maxLength: 255 });
  });
});
