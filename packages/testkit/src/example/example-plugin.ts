import {
  type CreateProvisionerOptions,
  createProvisioner,
  definePlugin,
  type PluginManifest,
  type ProvisionerV1,
} from '@provision/core';
import { exampleCatalog } from './example-catalog.js';
import {
  EXAMPLE_ENDPOINT_ENV,
  EXAMPLE_TOKEN_ENV,
  type ExampleSettings,
  exampleSettingsSchema,
} from './example-settings.js';

/** Version of the example plugin (that of the package carrying it). */
const VERSION = '0.1.0';

/**
 * The example plugin's manifest: a complete plugin for the in-memory example cloud. Importing it
 * costs nothing; `load()` imports the implementation on the first call that needs the API.
 */
export const examplePlugin: PluginManifest<ExampleSettings> = definePlugin({
  id: 'example',
  displayName: 'Example Cloud',
  specificationVersion: 'v1',
  packageName: '@provision/testkit',
  version: VERSION,
  maintainers: ['@provision/testkit-maintainers'],
  settings: exampleSettingsSchema,
  secretSettings: ['token'],
  env: { required: [...EXAMPLE_TOKEN_ENV], optional: [EXAMPLE_ENDPOINT_ENV] },
  defaults: { region: 'east-1', plan: 'nano', os: 'ubuntu-24.04' },
  capabilities: {
    list: true,
    inbound: true,
    deleteByIp: true,
    plans: true,
    start: true,
    stop: true,
    reboot: true,
    inboundRules: true,
  },
  limits: {
    userDataBytes: 32 * 1024,
    tags: {
      maxCount: 20,
      keyPattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      valuePattern: /^[A-Za-z0-9_.:@-]*$/,
      maxKeyLength: 63,
      maxValueLength: 63,
    },
    maxInboundRules: 20,
  },
  // provision: look up by identity, create the server, look again (racing callers keep the oldest);
  // with inbound also look up and create the firewall. delete: the server, then (once gone) its firewall.
  // list: one request per page of 50; plans answers from the catalog; inboundRules: the server, then
  // the firewalls.
  callBudget: {
    provision: 3,
    provisionWithInbound: 5,
    status: 1,
    delete: 2,
    list: 1,
    plans: 1,
    inboundRules: 2,
  },
  catalog: exampleCatalog,
  load: () => import('./example-provisioner.js'),
});

/** A provisioner for the example cloud (no registration, no side effects). */
export function createExample(settings?: ExampleSettings, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(examplePlugin, settings, options);
}
