import { existsSync } from 'node:fs';
import { gcloudAdcPath } from './gcp-credentials.js';
import { GOOGLE_APPLICATION_CREDENTIALS_ENV, GOOGLE_OAUTH_ACCESS_TOKEN_ENV } from './gcp-settings.js';

/** Whether the environment names Google credentials: a token, a key file, or gcloud's ADC file. */
export function gcpHasCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  if ((env[GOOGLE_OAUTH_ACCESS_TOKEN_ENV] ?? '').trim() !== '') return true;
  if ((env[GOOGLE_APPLICATION_CREDENTIALS_ENV] ?? '').trim() !== '') return true;
  const adc = gcloudAdcPath(env);
  return adc !== undefined && existsSync(adc);
}
