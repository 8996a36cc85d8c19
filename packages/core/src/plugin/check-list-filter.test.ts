import { describe, expect, it } from 'vitest';
import { samplePlugin } from '../__fixtures__/sample-plugin.js';
import { InvalidRequestError } from '../errors/errors.js';
import { validateHostSpec } from '../validate-host-spec.js';
import { createProvisioner } from './create-provisioner.js';

describe('list() filters', () => {
  it('refuses what could only match nothing, before loading the implementation', async () => {
    const loads = { count: 0 };
    const provisioner = createProvisioner(samplePlugin({ list: async () => [] }, loads), { token: 't' });
    const list = provisioner.list as NonNullable<typeof provisioner.list>;
    for (const [filter, field] of [
      [{ region: 'mars' }, 'region'],
      [{ region: 'nyc 1' }, 'region'],
      [{ owner: 'Team_A' }, 'owner'],
      [{ tags: { env: 1 } }, 'tags.env'],
      [{ zone: 'x' }, 'zone'],
      ['nyc1', 'filter'],
    ] as const) {
      await expect(list(filter as never)).rejects.toSatisfy(
        (error: unknown) => InvalidRequestError.isInstance(error) && error.field === field,
      );
    }
    expect(loads.count).toBe(0);
    await expect(list({ region: 'r1', owner: 'team-a', tags: { env: 'prod' } })).resolves.toEqual([]);
    expect(loads.count).toBe(1);
  });
});

describe('tag keys', () => {
  it('refuses an own __proto__ key instead of dropping it', () => {
    const tags = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(() => validateHostSpec(samplePlugin({}), { name: 'web-1', tags })).toThrow(
      expect.objectContaining({ field: 'tags.__proto__' }),
    );
  });
});
