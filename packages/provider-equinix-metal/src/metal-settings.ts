import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';
import { homeFile, readTopLevelYaml } from '@provision/provider-utils';

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

/** The API key's variable, as the metal CLI and the Terraform provider read it. */
export const METAL_TOKEN_ENV = 'METAL_AUTH_TOKEN';

/** The project's variable, as the metal CLI reads it (its `--project-id` flag). */
export const METAL_PROJECT_ENV = 'METAL_PROJECT_ID';

/** Overrides the API base URL (our name; the emulator sets it). */
export const METAL_ENDPOINT_ENV = 'METAL_API_URL';

/** The public API; every path below starts here. */
export const METAL_API = 'https://api.equinix.com/metal/v1';

// API keys are letters and digits (32 in the keys the console makes); slack either way, no space.
const API_KEY = /^[A-Za-z0-9_-]{16,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What is wrong with an API key's form, without repeating it; undefined when it looks right. */
export function checkMetalToken(key: string): string | undefined {
  if (/\s/.test(key)) return 'it contains white space (a stray newline from copying?)';
  if (!API_KEY.test(key)) return 'an Equinix Metal API key is about 32 letters and digits';
  return undefined;
}

/** Whether a project id has the form of one (a UUID). */
export function isProjectId(value: string): boolean {
  return UUID.test(value);
}

/** Where the metal CLI keeps its config, as messages name it. */
export const METAL_CONFIG_FILE = '~/.config/equinix/metal.yaml';

/**
 * The top-level `key: value` pairs of the metal CLI's config file, `~/.config/equinix/metal.yaml`
 * (github.com/equinix/metal-cli, internal/cli/root.go: `metal init` writes `token`, `project-id`,
 * `organization-id`, the CLI's flag names). Empty when there is no file. Values are never shown.
 */
export function readCliConfig(
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string>> {
  return readTopLevelYaml(homeFile(env, '.config', 'equinix', 'metal.yaml'));
}
