import { describe, expect, it } from 'vitest';
import { samplePlugin } from './__fixtures__/sample-plugin.js';
import { InvalidRequestError, UnsupportedError } from './errors/errors.js';
import type { Plan } from './spec/v1/plan.js';
import { validateHostSpec } from './validate-host-spec.js';

const manifest = samplePlugin();

function rejection(spec: unknown) {
  try {
    validateHostSpec(manifest, spec);
  } catch (error) {
    return error as InvalidRequestError;
  }
  throw new Error('expected a rejection');
}

describe('validateHostSpec', () => {
  it('fills in the defaults from the manifest', () => {
    expect(validateHostSpec(manifest, { name: 'web-1' })).toEqual({
      name: 'web-1',
      owner: 'default',
      region: 'r1',
      plan: 'small',
      os: 'ubuntu-24.04',
      image: 'ubuntu-24-04',
      userData: undefined,
      tags: {},
      inbound: undefined,
      ttlMs: undefined,
      options: {},
    });
  });

  it('defaults to the cheapest plan sold in the region when the default plan is not', () => {
    const manifest = samplePlugin();
    const regional = {
      ...manifest,
      catalog: {
        ...manifest.catalog,
        plans: [
          { ...(manifest.catalog.plans[0] as Plan), regions: ['r1'] },
          {
            id: 'medium',
            cpus: 1,
            memoryMiB: 1024,
            publicIpv4: true,
            price: { monthly: 6, currency: 'USD', source: 'catalog' as const },
          },
        ],
      },
    };
    expect(validateHostSpec(regional, { name: 'a' }).plan).toBe('small');
    expect(validateHostSpec(regional, { name: 'a', region: 'r2' }).plan).toBe('medium');
    expect(validateHostSpec(regional, { name: 'a', region: 'r2', plan: 'small' }).plan).toBe('small');
  });

  it('accepts any region id when the catalog lists none (regions named by the cloud operator)', () => {
    const open = { ...manifest, catalog: { ...manifest.catalog, regions: [] } };
    expect(validateHostSpec(open, { name: 'a', region: 'RegionTwo' }).region).toBe('RegionTwo');
    expect(rejection({ name: 'a', region: 'r9' }).field).toBe('region');
  });

  it('normalises port rules', () => {
    const resolved = validateHostSpec(manifest, {
      name: 'a',
      inbound: [{ from: 22 }, { from: 8000, to: 9000, protocol: 'udp' }],
    });
    expect(resolved.inbound).toEqual([
      { from: 22, to: 22, protocol: 'tcp' },
      { from: 8000, to: 9000, protocol: 'udp' },
    ]);
  });

  it.each([
    ['no spec', null, 'spec'],
    ['empty name', { name: '' }, 'name'],
    ['uppercase name', { name: 'Web' }, 'name'],
    ['underscore', { name: 'a_b' }, 'name'],
    ['64 characters', { name: 'a'.repeat(64) }, 'name'],
    ['leading dash', { name: '-a' }, 'name'],
    ['bad owner', { name: 'a', owner: 'Team_1' }, 'owner'],
    ['unknown region', { name: 'a', region: 'r9' }, 'region'],
    ['malformed plan', { name: 'a', plan: 'Big Plan' }, 'plan'],
    ['user-data too large', { name: 'a', userData: 'x'.repeat(101) }, 'userData'],
    ['user-data not a string', { name: 'a', userData: 42 }, 'userData'],
    ['user-data with a lone surrogate', { name: 'a', userData: 'echo \ud800 done' }, 'userData'],
    ['port 0', { name: 'a', inbound: [{ from: 0 }] }, 'inbound[0].from'],
    ['range backwards', { name: 'a', inbound: [{ from: 90, to: 80 }] }, 'inbound[0].to'],
    ['icmp', { name: 'a', inbound: [{ from: 1, protocol: 'icmp' }] }, 'inbound[0].protocol'],
    ['too many rules', { name: 'a', inbound: [1, 2, 3, 4, 5].map((from) => ({ from })) }, 'inbound'],
    ['reserved tag', { name: 'a', tags: { 'provision-x': 'y' } }, 'tags.provision-x'],
    ['too many tags', { name: 'a', tags: { a: '1', b: '2', c: '3', d: '4' } }, 'tags'],
    ['tag value not a string', { name: 'a', tags: { a: 1 } }, 'tags.a'],
    ['negative ttl', { name: 'a', ttl: -5 }, 'ttl'],
    ['unknown field', { name: 'a', size: 'big' }, 'size'],
    ['options not accepted', { name: 'a', options: { x: 1 } }, 'options'],
  ])('rejects %s with InvalidRequestError naming the field', (_label, spec, field) => {
    const error = rejection(spec);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.field).toBe(field);
    expect(error.provider).toBe('sample');
  });

  it('rejects an unknown OS with UnsupportedError listing the supported ones', () => {
    const error = rejection({ name: 'a', os: 'windows-2022' });
    expect(UnsupportedError.isInstance(error)).toBe(true);
    expect(error.hint).toContain('ubuntu-24.04');
  });

  it('keeps user-data with characters outside the BMP (surrogate pairs) exactly', () => {
    expect(validateHostSpec(manifest, { name: 'a', userData: 'echo \u{1f600}' }).userData).toBe('echo 😀');
  });

  it('never echoes user-data in its message', () => {
    const error = rejection({ name: 'a', userData: `SECRET-${'x'.repeat(200)}` });
    expect(error.message).not.toContain('SECRET');
  });
});
