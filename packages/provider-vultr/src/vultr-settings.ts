import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';
import { homeFile, readTopLevelYaml } from '@provision/provider-utils';

/**
 * Settings of the Vultr plugin. Every field is optional: `apiKey` falls back to `VULTR_API_KEY`,
 * then to the `api-key` of vultr-cli's config file (`~/.vultr-cli.yaml`); `endpoint` falls back to
 * `VULTR_API_URL`, then `https://api.vultr.com`.
 */
export const vultrSettingsSchema = settingsSchema({
  /** A Vultr API key (Account, API). Never logged. */
  apiKey: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Vultr plugin. */
export type VultrSettings = SettingsOf<typeof vultrSettingsSchema.shape>;

/** The environment variable holding the API key, as Vultr's CLI, Terraform provider and docs name it. */
export const VULTR_API_KEY_ENV = 'VULTR_API_KEY';

/** Environment variable overriding the API base URL (the emulator sets it). */
export const VULTR_ENDPOINT_ENV = 'VULTR_API_URL';

/** The public API (its paths start with `/v2`). */
export const VULTR_API = 'https://api.vultr.com';

// Vultr API keys are 36 upper-case letters and digits; a little slack either way for keys of
// other lengths, none for white space (a stray newline from copying).
const API_KEY = /^[A-Za-z0-9]{32,64}$/;

/** What is wrong with an API key's form, without repeating it; undefined when it looks right. */
export function checkVultrApiKey(key: string): string | undefined {
  if (/\s/.test(key)) return 'it contains white space (a stray newline from copying?)';
  if (!API_KEY.test(key)) return 'a Vultr API key is 36 letters and digits';
  return undefined;
}

/**
 * The `api-key` of vultr-cli's config file (`$HOME/.vultr-cli.yaml`, one `api-key: <key>` line),
 * or undefined when there is no home, no file or no key. Read only when no option or variable
 * gave a key; the value is never shown.
 */
export function apiKeyFromCliConfig(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return readTopLevelYaml(homeFile(env, '.vultr-cli.yaml'))['api-key'];
}
