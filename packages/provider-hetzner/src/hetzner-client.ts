import { MissingCredentialsError, type ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import { hcloudContextToken } from './hetzner-cli-config.js';
import {
  checkHetznerToken,
  HCLOUD_ENDPOINT_ENV,
  HCLOUD_TOKEN_ENV,
  HETZNER_API,
  type HetznerSettings,
} from './hetzner-settings.js';
import { VERSION } from './version.js';

/**
 * Hetzner's error codes by class: its answers are `{ error: { code, message, details } }` (read by
 * the client's default `parseError`), and the code, not the status, says what happened (403 and
 * 422 cover several). https://docs.hetzner.cloud/reference/cloud#errors
 */
const hetznerErrors = defineCloudErrors({
  provider: 'hetzner',
  displayName: 'Hetzner Cloud',
  codes: {
    authentication: ['unauthorized'],
    permission: ['forbidden', 'token_readonly'],
    quota: ['resource_limit_exceeded'],
    capacity: ['resource_unavailable', 'placement_error'],
    throttling: ['rate_limit_exceeded'],
    not_found: ['not_found'],
    conflict: ['uniqueness_error', 'conflict', 'protected'],
    busy: ['locked'],
    invalid_request: ['invalid_input', 'json_error', 'unsupported_error'],
    unavailable: ['server_error', 'service_error', 'maintenance', 'timeout', 'unavailable'],
  },
  hints: {
    authentication: 'Check that the token is current and belongs to the project (`hcloud context list`).',
    permission: 'Check that the token has read and write permission.',
    quota: 'Delete unused servers or ask Hetzner to raise the project limit.',
    capacity: 'Try another location or server type (`provision plans --provider hetzner`).',
  },
});

/** The token: the `token` option, `HCLOUD_TOKEN`, then the hcloud CLI's active context. */
function token(settings: HetznerSettings, env: Readonly<Record<string, string | undefined>>): string {
  const fromCli = settings.token || env[HCLOUD_TOKEN_ENV] ? undefined : hcloudContextToken(env);
  const problem = fromCli === undefined ? undefined : checkHetznerToken(fromCli.token);
  // Named by its context, never repeated: the file's token is as secret as the variable's.
  if (fromCli !== undefined && problem !== undefined)
    throw new MissingCredentialsError(
      `The Hetzner token of the hcloud CLI context "${fromCli.context}" is malformed: ${problem}.`,
      {
        provider: 'hetzner',
        envVars: [HCLOUD_TOKEN_ENV],
        hint: 'Run `hcloud context create` again, or set HCLOUD_TOKEN.',
      },
    );
  return loadCredential({
    provider: 'hetzner',
    value: settings.token || fromCli?.token,
    option: 'token',
    envVars: [HCLOUD_TOKEN_ENV],
    env,
    validate: checkHetznerToken,
  });
}

/**
 * The HTTP client for one provisioner: token read lazily per request, endpoint from settings or
 * env (checked here, so a bad one fails before any request), paced by the account's shared limiter.
 */
export function createHetznerClient(settings: HetznerSettings, context: ProvisionerContext): JsonClient {
  return createJsonClient({
    provider: 'hetzner',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'hetzner',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: HCLOUD_ENDPOINT_ENV,
      env: context.env,
      fallback: HETZNER_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () => token(settings, context.env),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    errors: hetznerErrors,
  });
}
