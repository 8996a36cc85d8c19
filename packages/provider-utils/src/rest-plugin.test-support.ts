import { setting, settingsSchema } from '@provision/core';
import { declareCredential, topLevelYamlFile } from './declared-credential.js';
import type { RestPluginDefinition } from './rest-plugin.js';

// A REST plugin of an imagined cloud with two credentials, for the kit's manifest tests.

export const token = declareCredential({
  provider: 'tagcloud',
  option: 'token',
  envVars: ['TAGCLOUD_TOKEN'],
  file: topLevelYamlFile('~/.tagcloud.yaml', 'token'),
});
export const project = declareCredential({
  provider: 'tagcloud',
  option: 'project',
  envVars: ['TAGCLOUD_PROJECT', 'TAGCLOUD_PROJECT_ID'],
  file: topLevelYamlFile('~/.tagcloud.yaml', 'project'),
  secret: false,
});

/** Tagcloud's manifest, less what `defineRestPlugin` derives. */
export const definition: RestPluginDefinition<{ token?: string; project?: string }> = {
  id: 'tagcloud',
  displayName: 'Tagcloud',
  version: '1.0.0',
  maintainers: ['@provision/tagcloud-maintainers'],
  settings: settingsSchema({ token: setting.string().optional(), project: setting.string().optional() }),
  credentials: [token, project],
  optionalEnv: ['TAGCLOUD_URL'],
  defaults: { region: 'ams', plan: 'small', os: 'ubuntu-24.04' },
  capabilities: { inbound: true, orphans: true },
  limits: {
    userDataBytes: 1024,
    tags: { maxCount: 5, maxKeyLength: 20, maxValueLength: 20 },
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
