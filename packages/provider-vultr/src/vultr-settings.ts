import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';
import { declareCredential, tokenShape, topLevelYamlFile } from '@provision/provider-utils';

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

/** Environment variable overriding the API base URL (the emulator sets it). */
export const VULTR_ENDPOINT_ENV = 'VULTR_API_URL';

/** The public API (its paths start with `/v2`). */
export const VULTR_API = 'https://api.vultr.com';

/**
 * The API key: `VULTR_API_KEY` (as Vultr's CLI, Terraform provider and docs name it), then the
 * `api-key` line of vultr-cli's config file. Keys are 36 upper-case letters and digits; a little
 * slack either way for keys of other lengths, none for white space.
 */
export const vultrApiKey = declareCredential({
  provider: 'vultr',
  option: 'apiKey',
  envVars: ['VULTR_API_KEY'],
  validate: tokenShape(/^[A-Za-z0-9]{32,64}$/, 'a Vultr API key is 36 letters and digits'),
  file: topLevelYamlFile('~/.vultr-cli.yaml', 'api-key'),
});
