import { commonSettings } from '../common-settings.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { PluginManifest, ProvisionerImplementationV1 } from '../plugin/manifest.js';
import { type SettingsOf, setting, settingsSchema } from '../plugin/settings-schema.js';
import type { Host } from '../spec/v1/host.js';

/** A manifest for core's own tests; `implementation` is what `load()` returns. */
export function samplePlugin(
  implementation: Partial<ProvisionerImplementationV1> = {},
  loads: { count: number } = { count: 0 },
) {
  const shape = { token: setting.string().optional(), ...commonSettings };
  const settings = settingsSchema(shape);
  const manifest: PluginManifest<SettingsOf<typeof shape>> = definePlugin({
    id: 'sample',
    displayName: 'Sample Cloud',
    specificationVersion: 'v1',
    packageName: '@provision/provider-sample',
    version: '0.0.0',
    maintainers: ['@someone'],
    settings,
    secretSettings: ['token'],
    env: { required: ['SAMPLE_TOKEN'], optional: [] },
    defaults: { region: 'r1', plan: 'small', os: 'ubuntu-24.04' },
    capabilities: { list: true, inbound: true, deleteByIp: true },
    limits: {
      userDataBytes: 100,
      tags: {
        maxCount: 3,
        keyPattern: /^[a-z0-9-]+$/,
        valuePattern: /^[a-z0-9-]*$/,
        maxKeyLength: 20,
        maxValueLength: 63,
      },
      maxInboundRules: 4,
    },
    callBudget: { provision: 2, provisionWithInbound: 3, status: 1, delete: 2 },
    catalog: {
      checkedAt: '2026-11-22',
      currency: 'USD',
      regions: [
        { id: 'r1', name: 'Region 1', available: true },
        { id: 'r2', name: 'Region 2', available: true },
      ],
      plans: [
        {
          id: 'small',
          cpus: 1,
          memoryMiB: 512,
          publicIpv4: true,
          price: { monthly: 4, currency: 'USD', source: 'catalog' },
        },
      ],
      images: { 'ubuntu-24.04': 'ubuntu-24-04' },
    },
    load: async () => {
      loads.count++;
      return { createProvisioner: () => implementation as ProvisionerImplementationV1 };
    },
  });
  return manifest;
}

/** A host as an implementation might return it. */
export function sampleHost(overrides: Partial<Host> = {}): Host {
  return {
    id: 'h-1',
    provider: 'sample',
    name: 'web',
    owner: 'default',
    status: 'provisioning',
    nativeStatus: 'new',
    region: 'r1',
    plan: 'small',
    tags: {},
    firewalled: false,
    ...overrides,
  };
}
