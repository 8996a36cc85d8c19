// The manifest imports only `@provision/core/plugin`: discovery imports this module (the package's
// `"provision": { "manifest" }`) before any command prints, so what it loads every user pays.
import { type Catalog, definePlugin, type Plan, type PluginManifest } from '@provision/core/plugin';
import {
  ACME_API_KEY_ENV,
  ACME_ENDPOINT_ENV,
  type AcmeSettings,
  acmeSettingsSchema,
} from './acme-settings.js';

/** Version of this plugin (that of its package). */
export const VERSION = '0.1.0';

const CHECKED_AT = '2026-11-22';

const plan = (id: string, cpus: number, memoryMiB: number, monthly: number, hourly: number): Plan => ({
  id,
  cpus,
  memoryMiB,
  diskGB: 20,
  publicIpv4: true,
  price: { monthly, hourly, currency: 'EUR', source: 'catalog', checkedAt: CHECKED_AT },
});

/** Acme's plans, regions and images as of `checkedAt` (Acme is made up; the figures are its price list). */
export const acmeCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'EUR',
  plans: [plan('a1-nano', 1, 1024, 3.5, 0.0055), plan('a1-small', 2, 2048, 6.5, 0.0102)],
  regions: [
    { id: 'fra1', name: 'Frankfurt 1', available: true },
    { id: 'nyc1', name: 'New York 1', available: true },
  ],
  images: { 'ubuntu-24.04': 'ubuntu-2404' },
};

/**
 * The Acme plugin's manifest. Importing it costs nothing; `load()` imports the implementation on
 * the first call that needs the API.
 */
export const acmePlugin: PluginManifest<AcmeSettings> = definePlugin({
  id: 'acme',
  displayName: 'Acme Cloud (example)',
  specificationVersion: 'v1',
  packageName: 'provision-provider-example',
  version: VERSION,
  maintainers: ['@provision/example-maintainers'],
  settings: acmeSettingsSchema,
  secretSettings: ['apiKey'],
  env: { required: [...ACME_API_KEY_ENV], optional: [ACME_ENDPOINT_ENV] },
  defaults: { region: 'fra1', plan: 'a1-nano', os: 'ubuntu-24.04' },
  capabilities: { list: true, inbound: false, deleteByIp: false },
  // Acme's label rules: lowercase keys; values of letters, digits and `._-`; at most 32 user labels.
  limits: {
    userDataBytes: 16 * 1024,
    tags: {
      maxCount: 32,
      keyPattern: /^[a-z][a-z0-9_.-]*$/,
      valuePattern: /^[A-Za-z0-9_.-]*$/,
      maxKeyLength: 63,
      maxValueLength: 63,
    },
    maxInboundRules: 0, // Acme has no firewalls: `inbound` is refused before any request.
  },
  // provision: look the identity label up, create, look again (racing callers keep the oldest).
  // Deletion is synchronous: one DELETE. list: one request per page of 100.
  callBudget: { provision: 3, provisionWithInbound: 3, status: 1, delete: 1, list: 1 },
  catalog: acmeCatalog,
  load: () => import('./acme-provisioner.js'),
});
