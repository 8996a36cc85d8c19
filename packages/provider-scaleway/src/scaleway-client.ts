import type { ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type HttpClientOptions,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import { scwProfile } from './scaleway-cli-config.js';
import {
  checkScalewayAccessKey,
  checkScalewayProjectId,
  checkScalewaySecretKey,
  SCALEWAY_API,
  SCW_ACCESS_KEY_ENV,
  SCW_API_URL_ENV,
  SCW_PROJECT_ENV,
  SCW_SECRET_KEY_ENV,
  SCW_ZONE_ENV,
  type ScalewaySettings,
} from './scaleway-settings.js';
import { VERSION } from './version.js';

/**
 * Scaleway's errors by class: its answers are `{ message, type, ... }` and `type` says what
 * happened (the SDK's `parseScalewayError` reads the same field). Older Instance API answers use
 * `unknown_resource` and `invalid_request_error`. https://www.scaleway.com/en/developers/api/#errors
 */
const scalewayErrors = defineCloudErrors({
  provider: 'scaleway',
  displayName: 'Scaleway',
  codes: {
    authentication: ['denied_authentication', 'authentication_error'],
    permission: ['permissions_denied'],
    quota: ['quotas_exceeded'],
    capacity: ['out_of_stock'],
    throttling: ['too_many_requests'],
    not_found: ['not_found', 'unknown_resource'],
    // A transient state answers an action while another is under way: for a repeated action
    // after a lost answer, the first one's; the callers read it as done (never retried blindly).
    conflict: ['already_exists', 'conflict', 'transient_state'],
    busy: ['locked'],
    invalid_request: ['invalid_arguments', 'invalid_request_error', 'precondition_failed', 'expired'],
  },
  hints: {
    authentication: 'Check that the secret key is current (`scw iam api-key list`).',
    permission: 'Check that the API key has InstancesFullAccess in the Project.',
    quota: 'Delete unused Instances or ask Scaleway to raise the Organization quota.',
    capacity: 'Try another zone or Instance type (`provision plans --provider scaleway`).',
  },
});

type Env = Readonly<Record<string, string | undefined>>;

/** What a provisioner needs besides the HTTP client: the Project and the zone of zone-less calls. */
export interface ScalewayAccount {
  /** The Project (option, `SCW_DEFAULT_PROJECT_ID`, the scw profile); read at first use. */
  projectId(): string;
  /** The zone of calls that name no host: `SCW_DEFAULT_ZONE`, the scw profile, else `fallback`. */
  zone(fallback: string): string;
}

const first = (...values: Array<string | undefined>) =>
  values.find((value) => value !== undefined && value !== '');

/** The Project and default zone of `settings`, read lazily. */
export function scalewayAccount(settings: ScalewaySettings, env: Env): ScalewayAccount {
  const profile = () => scwProfile(env, settings.profile);
  return {
    projectId: () =>
      loadCredential({
        provider: 'scaleway',
        value: settings.projectId ?? (env[SCW_PROJECT_ENV] ? undefined : profile()?.default_project_id),
        option: 'projectId',
        envVars: [SCW_PROJECT_ENV],
        env,
        validate: checkScalewayProjectId,
      }),
    zone: (fallback) => first(env[SCW_ZONE_ENV], profile()?.default_zone) ?? fallback,
  };
}

/** The secret key: option, `SCW_SECRET_KEY`, then the scw profile; the access key checked for form. */
function secretKey(settings: ScalewaySettings, env: Env): string {
  const fromFile =
    settings.secretKey || env[SCW_SECRET_KEY_ENV] ? undefined : scwProfile(env, settings.profile);
  const accessKey = settings.accessKey ?? first(env[SCW_ACCESS_KEY_ENV], fromFile?.access_key);
  if (accessKey !== undefined)
    loadCredential({
      provider: 'scaleway',
      value: accessKey,
      option: 'accessKey',
      envVars: [SCW_ACCESS_KEY_ENV],
      env: {},
      validate: checkScalewayAccessKey,
    });
  return loadCredential({
    provider: 'scaleway',
    value: settings.secretKey || fromFile?.secret_key,
    option: 'secretKey',
    envVars: [SCW_SECRET_KEY_ENV],
    env,
    validate: checkScalewaySecretKey,
  });
}

/**
 * The HTTP client for one provisioner: the secret key read lazily per request and sent as
 * `X-Auth-Token`, the endpoint checked before any request, paced by the account's shared limiter.
 */
export function createScalewayClient(
  settings: ScalewaySettings,
  context: ProvisionerContext,
  pacing: Pick<HttpClientOptions, 'rateLimiter' | 'sleep' | 'now'> = {},
): JsonClient {
  return createJsonClient({
    ...pacing,
    provider: 'scaleway',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'scaleway',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: SCW_API_URL_ENV,
      env: context.env,
      fallback: SCALEWAY_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () => secretKey(settings, context.env),
    authorize: (credential) => ({ 'x-auth-token': credential }),
    parseError: (body) => {
      const answer = (body ?? {}) as { type?: unknown; message?: unknown };
      return {
        code: typeof answer.type === 'string' ? answer.type : undefined,
        message: typeof answer.message === 'string' ? answer.message : undefined,
      };
    },
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    errors: scalewayErrors,
  });
}
