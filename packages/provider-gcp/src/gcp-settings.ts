import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Compute Engine plugin. Every field is optional: credentials come from
 * Application Default Credentials when none is given (`GOOGLE_APPLICATION_CREDENTIALS`, then the
 * gcloud ADC file), the project from `GOOGLE_CLOUD_PROJECT`, `CLOUDSDK_CORE_PROJECT` or the key
 * file, the endpoint from `CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE`, else the public API.
 */
export const gcpSettingsSchema = settingsSchema({
  /** The project id the instances live in, e.g. `my-project-123`. */
  project: setting.string({ minLength: 1 }).optional(),
  /** Path of a service-account key file or a gcloud ADC file (`authorized_user`). */
  credentialsFile: setting.string({ minLength: 1 }).optional(),
  /** The contents of such a file, as JSON text. Never logged. */
  credentials: setting.string().optional(),
  /** An OAuth 2.0 access token with the compute scope, used as it is (no refresh). Never logged. */
  accessToken: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Compute Engine plugin. */
export type GcpSettings = SettingsOf<typeof gcpSettingsSchema.shape>;

/** The key file Application Default Credentials read first (gcloud, every Google client library). */
export const GOOGLE_APPLICATION_CREDENTIALS_ENV = 'GOOGLE_APPLICATION_CREDENTIALS';

/** A ready access token (the variable Terraform's Google provider reads). */
export const GOOGLE_OAUTH_ACCESS_TOKEN_ENV = 'GOOGLE_OAUTH_ACCESS_TOKEN';

/** The project variables, in the order they are read (client libraries', then gcloud's). */
export const GCP_PROJECT_ENV = ['GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT'] as const;

/** gcloud's configuration folder (default `~/.config/gcloud`), where its ADC file lives. */
export const CLOUDSDK_CONFIG_ENV = 'CLOUDSDK_CONFIG';

/** gcloud's override of the Compute API root (`https://compute.googleapis.com/compute/v1/`). */
export const GCP_ENDPOINT_ENV = 'CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE';

/** The Compute Engine API v1 root. https://cloud.google.com/compute/docs/reference/rest/v1 */
export const COMPUTE_API = 'https://compute.googleapis.com/compute/v1';

/** The scope every token is asked for. */
export const COMPUTE_SCOPE = 'https://www.googleapis.com/auth/compute';

// Project ids: 6-30 lowercase letters, digits and hyphens, starting with a letter, not ending with
// a hyphen. https://cloud.google.com/resource-manager/docs/creating-managing-projects
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** What is wrong with a project id's form, or undefined. */
export function checkProjectId(project: string): string | undefined {
  return PROJECT.test(project)
    ? undefined
    : 'a project id is 6 to 30 lowercase letters, digits and hyphens, starting with a letter';
}

/** What is wrong with an access token's form (never the token itself), or undefined. */
export function checkAccessToken(token: string): string | undefined {
  if (/\s/.test(token)) return 'it contains white space (a stray newline from copying?)';
  if (!/^[A-Za-z0-9._~+/=-]{20,4096}$/.test(token))
    return 'an OAuth 2.0 access token is at least 20 URL-safe characters';
  return undefined;
}
