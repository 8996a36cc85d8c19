import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';
import { declareCredential, tokenShape } from '@provision/provider-utils';

/**
 * Settings of the DigitalOcean plugin. Every field is optional:
 * `token` falls back to `DIGITALOCEAN_TOKEN`, then `DIGITALOCEAN_ACCESS_TOKEN`;
 * `endpoint` falls back to `DIGITALOCEAN_API_URL`, then `https://api.digitalocean.com`; either
 * must be `https://` (or `http://` to this machine, or anywhere with `allowInsecureHttp: true`).
 */
export const digitaloceanSettingsSchema = settingsSchema({
  /** A personal access token with read and write scope. Never logged. */
  token: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the DigitalOcean plugin. */
export type DigitalOceanSettings = SettingsOf<typeof digitaloceanSettingsSchema.shape>;

/** Environment variable overriding the API base URL (the emulator sets it). */
export const DIGITALOCEAN_ENDPOINT_ENV = 'DIGITALOCEAN_API_URL';

/** The public API. */
export const DIGITALOCEAN_API = 'https://api.digitalocean.com';

/**
 * The token, from `DIGITALOCEAN_TOKEN`, then `DIGITALOCEAN_ACCESS_TOKEN`. Personal access tokens
 * are `dop_v1_` + 64 hex digits; OAuth tokens `doo_v1_`, refresh tokens `dor_v1_`; tokens issued
 * before 2021 are 64 hex digits alone.
 * https://docs.digitalocean.com/reference/api/create-personal-access-token/
 */
export const digitaloceanToken = declareCredential({
  provider: 'digitalocean',
  option: 'token',
  envVars: ['DIGITALOCEAN_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN'],
  validate: tokenShape(
    /^(do[opr]_v1_)?[a-f0-9]{64}$/,
    'a DigitalOcean token is "dop_v1_" followed by 64 hexadecimal digits',
  ),
});
