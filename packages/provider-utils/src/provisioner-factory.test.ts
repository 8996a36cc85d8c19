import { describe, expect, it } from 'vitest';
import { provisionerFactory } from './provisioner-factory.js';
import { defineRestPlugin } from './rest-plugin.js';
import { definition } from './rest-plugin.test-support.js';

describe('provisionerFactory', () => {
  const create = provisionerFactory(defineRestPlugin(definition));

  it('makes provisioners of the plugin, with or without settings', () => {
    expect(create().provider).toBe('tagcloud');
    expect(create({ token: 'x' }, { env: {} }).provider).toBe('tagcloud');
  });

  it('checks the settings with the manifest’s schema', () => {
    expect(() => create({ token: 42 } as never)).toThrow(/token/);
  });
});
