import type { PluginManifest } from '@provision/core';
import { defineRestPlugin } from '@provision/provider-utils';
import { metalCatalog } from './metal-catalog.js';
import {
  METAL_ENDPOINT_ENV,
  type MetalSettings,
  metalProject,
  metalSettingsSchema,
  metalToken,
} from './metal-settings.js';
import { metalManagedTags } from './metal-tags.js';
import { VERSION } from './version.js';

/**
 * The Equinix Metal plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const metalPlugin: PluginManifest<MetalSettings> = defineRestPlugin({
  id: 'equinix-metal',
  displayName: 'Equinix Metal',
  version: VERSION,
  maintainers: ['@provision/equinix-metal-maintainers'],
  settings: metalSettingsSchema,
  // A key and a project, each from its variable or the metal CLI's config file.
  credentials: [metalToken, metalProject],
  optionalEnv: [METAL_ENDPOINT_ENV],
  credentialsHelp:
    "METAL_AUTH_TOKEN and METAL_PROJECT_ID (or the metal CLI's token and project-id in ~/.config/equinix/metal.yaml)",
  // da (Dallas): a high-demand metro with the widest on-demand inventory; c3.small.x86 is the
  // cheapest on-demand plan by `pricing.hour`.
  defaults: { region: 'da', plan: 'c3.small.x86', os: 'ubuntu-24.04' },
  // Bare metal has no cloud firewall (see `notes`); never faked with user-data.
  capabilities: { inbound: false },
  notes: [
    'Service status: Equinix ended new sales of Metal on 2026-06-30; existing on-demand customers may continue until further notice.',
    'No inbound rules: Equinix Metal offers no cloud firewall for a device, so `inbound` is refused; filter traffic on the host itself.',
  ],
  limits: {
    // Metro codes are two lower-case letters ("da"); plan slugs three dotted parts ("c3.small.x86").
    ids: {
      region: { pattern: /^[a-z]{2}$/, description: 'a metro code like "da"' },
      plan: { pattern: /^[a-z0-9]+\.[a-z0-9]+\.[a-z0-9]+$/, description: 'a plan slug like "c3.small.x86"' },
    },
    // A hostname is one DNS label (the console refuses "_").
    name: {
      pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
      maxLength: 63,
      description:
        'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    },
    // The description sets no size for `userdata`; 64 KiB is ours (see docs/providers/equinix-metal.md).
    userDataBytes: 64 * 1024,
    tags: { maxCount: 20, maxKeyLength: 100, maxValueLength: 100 },
    maxInboundRules: 0,
  },
  // provision: the identity lookup and the capacity check (at once), the create, the lookup again.
  // delete: a GET and a DELETE per call. list: one page of 1,000. plans: the plans and the metros.
  callBudget: {
    provision: 4,
    provisionWithInbound: 4,
    status: 1,
    delete: 2,
    list: 1,
    plans: 2,
  },
  catalog: metalCatalog,
  tags: metalManagedTags,
  load: () => import('./metal-provisioner.js'),
});
