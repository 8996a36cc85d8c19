import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingCredentialsError } from '@provision/core';
import { loadCredential } from '@provision/provider-utils';
import {
  CLOUDSDK_CONFIG_ENV,
  checkAccessToken,
  checkProjectId,
  GCP_PROJECT_ENV,
  type GcpSettings,
  GOOGLE_APPLICATION_CREDENTIALS_ENV,
  GOOGLE_OAUTH_ACCESS_TOKEN_ENV,
} from './gcp-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Google's token endpoint, for files that name none (gcloud's ADC file). */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** Where the credential came from and how a token is got from it. Holds secrets: never logged. */
export type CredentialSource =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'service_account';
      readonly clientEmail: string;
      readonly privateKey: string;
      readonly privateKeyId: string | undefined;
      readonly tokenUri: string;
      readonly projectId: string | undefined;
    }
  | {
      readonly kind: 'authorized_user';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly refreshToken: string;
      readonly tokenUri: string;
      readonly projectId: string | undefined;
    };

const ALL_VARIABLES = [GOOGLE_APPLICATION_CREDENTIALS_ENV, GOOGLE_OAUTH_ACCESS_TOKEN_ENV];
const HINT =
  'Set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run `gcloud auth application-default login`, or pass the "credentialsFile" option.';

function missing(message: string): MissingCredentialsError {
  return new MissingCredentialsError(message, { provider: 'gcp', envVars: ALL_VARIABLES, hint: HINT });
}

/** The gcloud ADC file: `$CLOUDSDK_CONFIG/application_default_credentials.json`, else under `~/.config/gcloud`. */
export function gcloudAdcPath(env: Env): string | undefined {
  const folder = env[CLOUDSDK_CONFIG_ENV] || (env.HOME ? join(env.HOME, '.config', 'gcloud') : undefined);
  return folder === undefined ? undefined : join(folder, 'application_default_credentials.json');
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads a key or ADC file's JSON (`from` names its origin, never its contents).
 * @throws MissingCredentialsError when it is not JSON or not a kind we know, naming the fields that lack.
 */
export function parseCredentialFile(json: string, from: string): CredentialSource {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw missing(`The Google credentials in ${from} are not JSON.`);
  }
  if (data === null || typeof data !== 'object')
    throw missing(`The Google credentials in ${from} are not an object.`);
  if (data.type === 'service_account') {
    const clientEmail = text(data.client_email);
    const privateKey = text(data.private_key);
    if (clientEmail === undefined || privateKey === undefined || !privateKey.includes('PRIVATE KEY'))
      throw missing(`The service-account key in ${from} lacks "client_email" or a PEM "private_key".`);
    return {
      kind: 'service_account',
      clientEmail,
      privateKey,
      privateKeyId: text(data.private_key_id),
      tokenUri: text(data.token_uri) ?? GOOGLE_TOKEN_URI,
      projectId: text(data.project_id),
    };
  }
  if (data.type === 'authorized_user') {
    const clientId = text(data.client_id);
    const clientSecret = text(data.client_secret);
    const refreshToken = text(data.refresh_token);
    if (clientId === undefined || clientSecret === undefined || refreshToken === undefined)
      throw missing(`The ADC file ${from} lacks "client_id", "client_secret" or "refresh_token".`);
    return {
      kind: 'authorized_user',
      clientId,
      clientSecret,
      refreshToken,
      tokenUri: text(data.token_uri) ?? GOOGLE_TOKEN_URI,
      projectId: text(data.quota_project_id),
    };
  }
  throw missing(
    `The Google credentials in ${from} are of a type this plugin does not read ("service_account" and "authorized_user" are).`,
  );
}

function readFile(path: string, from: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw missing(`The Google credentials file from ${from} cannot be read.`);
  }
}

/**
 * Application Default Credentials, in the order Google's libraries read them: the options
 * (`accessToken`, `credentials`, `credentialsFile`), `GOOGLE_OAUTH_ACCESS_TOKEN`,
 * `GOOGLE_APPLICATION_CREDENTIALS`, then gcloud's ADC file. The metadata server is never asked:
 * a host made by provision is not where provision runs. Synchronous and small: called at the first request.
 * @throws MissingCredentialsError naming the options and variables; no value is ever repeated.
 */
export function resolveCredentialSource(settings: GcpSettings, env: Env): CredentialSource {
  if (
    settings.accessToken !== undefined ||
    (settings.credentials === undefined &&
      settings.credentialsFile === undefined &&
      env[GOOGLE_OAUTH_ACCESS_TOKEN_ENV])
  )
    return {
      kind: 'token',
      token: loadCredential({
        provider: 'gcp',
        value: settings.accessToken,
        option: 'accessToken',
        envVars: [GOOGLE_OAUTH_ACCESS_TOKEN_ENV],
        env,
        validate: checkAccessToken,
      }),
    };
  if (settings.credentials !== undefined) {
    if (settings.credentials.trim() === '') throw missing('The "credentials" option is empty.');
    return parseCredentialFile(settings.credentials, 'the "credentials" option');
  }
  const named = settings.credentialsFile ?? env[GOOGLE_APPLICATION_CREDENTIALS_ENV];
  if (named) {
    const from =
      settings.credentialsFile === undefined
        ? GOOGLE_APPLICATION_CREDENTIALS_ENV
        : 'the "credentialsFile" option';
    const contents = readFile(named, from);
    if (contents === undefined) throw missing(`The Google credentials file named by ${from} does not exist.`);
    return parseCredentialFile(contents, `the file named by ${from}`);
  }
  const adc = gcloudAdcPath(env);
  const contents = adc === undefined ? undefined : readFile(adc, 'gcloud');
  if (contents !== undefined)
    return parseCredentialFile(contents, "gcloud's application_default_credentials.json");
  throw missing(
    'No Google credentials: no "accessToken", "credentials" or "credentialsFile" option, neither GOOGLE_OAUTH_ACCESS_TOKEN nor GOOGLE_APPLICATION_CREDENTIALS, and no gcloud ADC file.',
  );
}

/**
 * The project of gcloud's active configuration (`gcloud config set project`): the `[core]`
 * section's `project` in `$CLOUDSDK_CONFIG/configurations/config_<name>`, where `<name>` is
 * `CLOUDSDK_ACTIVE_CONFIG_NAME`, else the `active_config` file's, else `default`.
 * https://cloud.google.com/sdk/docs/configurations
 */
export function gcloudConfigProject(env: Env): string | undefined {
  const folder = env[CLOUDSDK_CONFIG_ENV] || (env.HOME ? join(env.HOME, '.config', 'gcloud') : undefined);
  if (folder === undefined) return undefined;
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const name = env.CLOUDSDK_ACTIVE_CONFIG_NAME || read(join(folder, 'active_config'))?.trim() || 'default';
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const text = read(join(folder, 'configurations', `config_${name}`));
  let section = '';
  for (const line of (text ?? '').split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header !== null) section = (header[1] as string).trim();
    const entry = /^\s*project\s*=\s*(\S+)\s*$/.exec(line);
    if (section === 'core' && entry !== null) return entry[1];
  }
  return undefined;
}

/**
 * The project: the `project` option, `GOOGLE_CLOUD_PROJECT`, `CLOUDSDK_CORE_PROJECT`, the key
 * file's `project_id` (or the ADC file's `quota_project_id`), then gcloud's active configuration.
 * @throws MissingCredentialsError when none names one, or the one named is malformed.
 */
export function resolveProject(settings: GcpSettings, env: Env, source: () => CredentialSource): string {
  const given = settings.project ?? GCP_PROJECT_ENV.map((name) => env[name]).find((value) => value);
  const project =
    given ??
    (() => {
      const from = source();
      return from.kind === 'token' ? undefined : from.projectId;
    })() ??
    gcloudConfigProject(env);
  if (project === undefined)
    throw new MissingCredentialsError(
      'No Google Cloud project: set the "project" option, GOOGLE_CLOUD_PROJECT or CLOUDSDK_CORE_PROJECT, use a key file with "project_id", or run `gcloud config set project <id>`.',
      {
        provider: 'gcp',
        envVars: [...GCP_PROJECT_ENV],
        hint: 'gcloud config set project <id> writes the project gcloud uses.',
      },
    );
  const problem = checkProjectId(project);
  if (problem !== undefined)
    throw new MissingCredentialsError(`The Google Cloud project id is malformed: ${problem}.`, {
      provider: 'gcp',
      envVars: [...GCP_PROJECT_ENV],
    });
  return project;
}
