import { declaredCredentials, setting, settingsSchema } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { declareCredential, topLevelYamlFile } from './declared-credential.js';
import { defineRestPlugin, REST_CAPABILITIES, type RestPluginDefinition } from './rest-plugin.js';

const token = declareCredential({
  provider: 'tagcloud',
  option: 'token',
  envVars: ['TAGCLOUD_TOKEN'],
  file: topLevelYamlFile('~/.tagcloud.yaml', 'token'),
});
const project = declareCredential({
  provider: 'tagcloud',
  option: 'project',
  envVars: ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID'],
  file: topLevelYamlFile('~/.tagcloud.yaml', 'project'),
  secret: false,
});

const definition: RestPluginDefinition<{ token?: string; project?: string }> = {
  id: 'tagcloud',
  displayName: 'Tagcloud',
  version: '1.0.0',
  settings: settingsSchema({ token: setting.string().optional(), project: setting.string().optional() }),
  credentials: [token, project],
  optionalEnv: ['TAGCLOUD_URL'],
  defaults: { region: 'ams', plan: 'small', os: 'ubuntu-24.04' },
  capabilities: { inbound: true, orphans: true },
  limits: {
    userDataBytes: 1024,
    tags: {
      maxCount: 5,
      keyPattern: /^[a-z]+$/,
      valuePattern: /^[a-z]*$/,
      maxKeyLength: 20,
      maxValueLength: 20,
    },
    maxInboundRules: 4,
  },
  callBudget: { provision: 3, provisionWithInbound: 5, status: 1, delete: 2 },
  catalog: {
    checkedAt: '2026-12-02',
    currency: 'EUR',
    plans: [
      {
        id: 'small',
        cpus: 1,
        memoryMiB: 1024,
        publicIpv4: true,
        price: { monthly: 5, currency: 'EUR', source: 'catalog' },
      },
    ],
    regions: [{ id: 'ams', name: 'Amsterdam', available: true }],
    images: { 'ubuntu-24.04': 'ubuntu-24-04' },
  },
  load: () => Promise.reject(new Error('not loaded in this test')),
};

describe('defineRestPlugin', () => {
  const plugin = defineRestPlugin(definition);

  it('fills in what every REST plugin declares alike', () => {
    expect(plugin.specificationVersion).toBe('v1');
    expect(plugin.packageName).toBe('@provision/provider-tagcloud');
    expect(plugin.maintainers).toEqual(['@provision/tagcloud-maintainers']);
    expect(plugin.capabilities).toEqual({ ...REST_CAPABILITIES, inbound: true, orphans: true });
  });

  it('derives the secrets, the variables and the credential declaration from the credentials', () => {
    expect(plugin.secretSettings).toEqual(['token']);
    expect(plugin.env).toEqual({
      required: ['TAGCLOUD_TOKEN'],
      optional: ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID', 'TAGCLOUD_URL'],
    });
    expect(plugin.credentials).toEqual({
      variables: [{ set: ['TAGCLOUD_TOKEN', ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID']] }],
      consult: { files: [['~/.tagcloud.yaml']] },
    });
  });

  it('has credentials only when every one is given, and its declaration agrees where it answers', () => {
    const nowhere = { HOME: '/nonexistent-home' };
    const cases = [
      { env: { ...nowhere, TAGCLOUD_TOKEN: 't' }, expected: false },
      { env: { ...nowhere, TAGCLOUD_TOKEN: 't', TAGCLOUD_PROJECT_ID: 'p' }, expected: true },
      { env: { ...nowhere, TAGCLOUD_PROJECT: 'p' }, expected: false },
    ];
    for (const { env, expected } of cases) {
      expect(plugin.hasCredentials?.(env)).toBe(expected);
      expect(declaredCredentials(plugin.credentials ?? {}, env, () => false)).toBe(expected);
    }
  });

  it('keeps a given package name and maintainers, and refuses a plugin without credentials', () => {
    const named = defineRestPlugin({ ...definition, packageName: '@acme/tagcloud', maintainers: ['@acme'] });
    expect([named.packageName, named.maintainers]).toEqual(['@acme/tagcloud', ['@acme']]);
    expect(() => defineRestPlugin({ ...definition, credentials: [] })).toThrow(/"tagcloud": no credentials/);
  });

  it('checks the manifest as definePlugin does', () => {
    expect(() =>
      defineRestPlugin({ ...definition, defaults: { ...definition.defaults, plan: 'huge' } }),
    ).toThrow(/defaults.plan "huge" is not in the catalog/);
  });
});
