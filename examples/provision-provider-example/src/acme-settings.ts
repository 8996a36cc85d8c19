import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core/plugin';

/**
 * Settings of the Acme plugin. Every field is optional: `apiKey` falls back to `ACME_API_KEY`,
 * `endpoint` to `ACME_ENDPOINT`, then Acme's public API.
 */
export const acmeSettingsSchema = settingsSchema({
  /** API key (`acme_` and 20-64 letters or digits), sent as `X-Api-Key`. Never logged. */
  apiKey: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Acme plugin. */
export type AcmeSettings = SettingsOf<typeof acmeSettingsSchema.shape>;

/** Environment variables holding the API key, in the order they are read. */
export const ACME_API_KEY_ENV = ['ACME_API_KEY'] as const;

/** Environment variable overriding the API base URL. */
export const ACME_ENDPOINT_ENV = 'ACME_ENDPOINT';

/** What is wrong with an API key's form, without repeating it; undefined when it looks right. */
export function checkAcmeApiKey(apiKey: string): string | undefined {
  if (/\s/.test(apiKey)) return 'it contains white space (a stray newline from copying?)';
  if (!/^acme_[A-Za-z0-9]{20,64}$/.test(apiKey))
    return 'an Acme API key is "acme_" followed by 20-64 letters or digits';
  return undefined;
}
