import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Scaleway plugin. Every field is optional: each falls back to its `SCW_*`
 * variable, then to the active profile of the scw CLI's configuration file
 * (`~/.config/scw/config.yaml`); `endpoint` falls back to `SCW_API_URL`, then `https://api.scaleway.com`.
 */
export const scalewaySettingsSchema = settingsSchema({
  /** The API key's secret key (a UUID), sent as `X-Auth-Token`. Never logged. */
  secretKey: setting.string().optional(),
  /** The API key's access key (`SCW` and 17 letters or digits); checked for its form only. */
  accessKey: setting.string().optional(),
  /** The Project new Instances and security groups belong to (a UUID). */
  projectId: setting.string().optional(),
  /** The scw CLI profile to read instead of the file's `active_profile`. */
  profile: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Scaleway plugin. */
export type ScalewaySettings = SettingsOf<typeof scalewaySettingsSchema.shape>;

/** The variables the scw CLI and Scaleway's SDKs read. */
export const SCW_SECRET_KEY_ENV = 'SCW_SECRET_KEY';
export const SCW_ACCESS_KEY_ENV = 'SCW_ACCESS_KEY';
export const SCW_PROJECT_ENV = 'SCW_DEFAULT_PROJECT_ID';
/** The zone of calls that name no host (`plans`, `quota`, `verifyCredentials`). */
export const SCW_ZONE_ENV = 'SCW_DEFAULT_ZONE';
/** Overrides the API base URL (the SDKs read the same variable; the emulator sets it). */
export const SCW_API_URL_ENV = 'SCW_API_URL';
/** Selects the scw CLI's configuration file. */
export const SCW_CONFIG_PATH_ENV = 'SCW_CONFIG_PATH';
/** Selects a profile of that file. */
export const SCW_PROFILE_ENV = 'SCW_PROFILE';

/** The public API. */
export const SCALEWAY_API = 'https://api.scaleway.com';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What is wrong with a secret key's form, without repeating it; undefined when it looks right. */
export function checkScalewaySecretKey(key: string): string | undefined {
  if (/\s/.test(key)) return 'it contains white space (a stray newline from copying?)';
  if (!UUID.test(key)) return 'a Scaleway secret key is a UUID (8-4-4-4-12 lower-case hex digits)';
  return undefined;
}

/** What is wrong with an access key's form; undefined when it looks right. */
export function checkScalewayAccessKey(key: string): string | undefined {
  return /^SCW[A-Z0-9]{17}$/.test(key)
    ? undefined
    : 'a Scaleway access key is "SCW" and 17 letters or digits';
}

/** What is wrong with a Project id's form; undefined when it looks right. */
export function checkScalewayProjectId(id: string): string | undefined {
  return UUID.test(id) ? undefined : 'a Scaleway Project id is a UUID';
}
