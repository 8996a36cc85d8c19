import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the OVHcloud plugin. Every field is optional: each falls back to the variable OVH's
 * own libraries read (`OVH_APPLICATION_KEY`, `OVH_APPLICATION_SECRET`, `OVH_CONSUMER_KEY`,
 * `OVH_ENDPOINT`, and Terraform's `OVH_CLOUD_PROJECT_SERVICE` for the project), then to the
 * `ovh.conf` file (`./ovh.conf`, `~/.ovh.conf`, `/etc/ovh.conf`; see `ovh-config-file.ts`).
 */
export const ovhSettingsSchema = settingsSchema({
  /** The application key (AK) of an application made at https://eu.api.ovh.com/createApp/. */
  applicationKey: setting.string().optional(),
  /** The application secret (AS). Never sent, never logged: it only signs requests. */
  applicationSecret: setting.string().optional(),
  /** The consumer key (CK) the account validated for the application. Never logged. */
  consumerKey: setting.string().optional(),
  /** The Public Cloud project id (`serviceName`, 32 hexadecimal characters). */
  project: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the OVHcloud plugin. */
export type OvhSettings = SettingsOf<typeof ovhSettingsSchema.shape>;

/** The variables OVH's SDKs (python-ovh, node-ovh, go-ovh) and its Terraform provider read. */
export const OVH_ENV = {
  endpoint: 'OVH_ENDPOINT',
  applicationKey: 'OVH_APPLICATION_KEY',
  applicationSecret: 'OVH_APPLICATION_SECRET',
  consumerKey: 'OVH_CONSUMER_KEY',
  project: 'OVH_CLOUD_PROJECT_SERVICE',
} as const;

/**
 * The endpoint names OVH's SDKs accept, and their API roots. The API's paths start under these
 * (`/cloud/project/...`). https://github.com/ovh/python-ovh (`ENDPOINTS`)
 */
export const OVH_ENDPOINTS: Readonly<Record<string, string>> = {
  'ovh-eu': 'https://eu.api.ovh.com/1.0',
  'ovh-ca': 'https://ca.api.ovh.com/1.0',
  'ovh-us': 'https://api.us.ovhcloud.com/1.0',
};

/** The endpoint when nothing names one: OVH Europe, as in OVH's own SDKs' examples. */
export const DEFAULT_ENDPOINT_NAME = 'ovh-eu';

/** An endpoint name (`ovh-eu`) to its URL; a URL is returned as it is; undefined for an unknown name. */
export function endpointUrl(value: string): string | undefined {
  if (/^https?:\/\//i.test(value)) return value;
  return OVH_ENDPOINTS[value.toLowerCase()];
}

const KEY = /^[A-Za-z0-9]{8,64}$/;
const PROJECT = /^[0-9a-f]{32}$/;

/**
 * What is wrong with an application key, secret or consumer key's form (never the value): OVH
 * gives 16 (key) and 32 (secret, consumer key) letters and digits; some slack either way.
 */
export function checkOvhKey(value: string): string | undefined {
  if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
  if (!KEY.test(value))
    return 'OVH keys are letters and digits (16 for the key, 32 for the secret and consumer key)';
  return undefined;
}

/** What is wrong with a Public Cloud project id's form, or undefined. */
export function checkOvhProject(value: string): string | undefined {
  return PROJECT.test(value) ? undefined : 'a Public Cloud project id is 32 lowercase hexadecimal characters';
}
