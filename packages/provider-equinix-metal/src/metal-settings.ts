import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';
import { declareCredential, tokenShape, topLevelYamlFile } from '@provision/provider-utils';

/**
 * Settings of the Equinix Metal plugin. Every field is optional: `token` falls back to
 * `METAL_AUTH_TOKEN`, then to `token` in the metal CLI's config file; `projectId` to
 * `METAL_PROJECT_ID`, then to `project-id` in that file; `endpoint` to `METAL_API_URL`, then
 * `https://api.equinix.com/metal/v1`.
 */
export const metalSettingsSchema = settingsSchema({
  /** An Equinix Metal API key (a user or project key). Never logged. */
  token: setting.string().optional(),
  /** The project (UUID) devices are created in and listed from. */
  projectId: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Equinix Metal plugin. */
export type MetalSettings = SettingsOf<typeof metalSettingsSchema.shape>;

/** Overrides the API base URL (our name; the emulator sets it). */
export const METAL_ENDPOINT_ENV = 'METAL_API_URL';

/** The public API; every path below starts here. */
export const METAL_API = 'https://api.equinix.com/metal/v1';

// The metal CLI's config file (github.com/equinix/metal-cli, internal/cli/root.go: `metal init`
// writes `token`, `project-id`, `organization-id`, the CLI's flag names).
const METAL_CONFIG_FILE = '~/.config/equinix/metal.yaml';

/**
 * The API key: `METAL_AUTH_TOKEN` (as the metal CLI and the Terraform provider read it), then the
 * metal CLI's `token`. Keys are letters and digits (32 in the keys the console makes); slack
 * either way, no space.
 */
export const metalToken = declareCredential({
  provider: 'equinix-metal',
  option: 'token',
  envVars: ['METAL_AUTH_TOKEN'],
  validate: tokenShape(/^[A-Za-z0-9_-]{16,128}$/, 'an Equinix Metal API key is about 32 letters and digits'),
  file: topLevelYamlFile(METAL_CONFIG_FILE, 'token'),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The project, a UUID: `METAL_PROJECT_ID` (the metal CLI's `--project-id`), then its `project-id`. */
export const metalProject = declareCredential({
  provider: 'equinix-metal',
  what: 'project id',
  option: 'projectId',
  envVars: ['METAL_PROJECT_ID'],
  validate: (value) => (UUID.test(value) ? undefined : 'it is not a UUID'),
  file: topLevelYamlFile(METAL_CONFIG_FILE, 'project-id'),
  hint: 'The project id is in the Equinix Metal console, Project Settings.',
  secret: false,
});
