import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Hetzner Cloud plugin. Every field is optional: `token` falls back to
 * `HCLOUD_TOKEN`, then to the active context of the hcloud CLI's configuration file;
 * `endpoint` falls back to `HCLOUD_ENDPOINT`, then `https://api.hetzner.cloud/v1`.
 */
export const hetznerSettingsSchema = settingsSchema({
  /** An API token of one project, with read and write permission. Never logged. */
  token: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Hetzner Cloud plugin. */
export type HetznerSettings = SettingsOf<typeof hetznerSettingsSchema.shape>;

/** The token variable the hcloud CLI and the Go, Python and Terraform clients read. */
export const HCLOUD_TOKEN_ENV = 'HCLOUD_TOKEN';

/** Overrides the API base URL (the hcloud CLI reads the same variable; the emulator sets it). */
export const HCLOUD_ENDPOINT_ENV = 'HCLOUD_ENDPOINT';

/** The public API. */
export const HETZNER_API = 'https://api.hetzner.cloud/v1';

// Project API tokens are 64 letters and digits (hcloud CLI: "token must be 64 characters").
const TOKEN = /^[A-Za-z0-9]{64}$/;

/** What is wrong with a token's form, without repeating it; undefined when it looks right. */
export function checkHetznerToken(token: string): string | undefined {
  if (/\s/.test(token)) return 'it contains white space (a stray newline from copying?)';
  if (!TOKEN.test(token)) return 'a Hetzner Cloud API token is 64 letters and digits';
  return undefined;
}
