import {
  CapacityError,
  MissingCredentialsError,
  type ProvisionerContext,
  QuotaExceededError,
} from '@provision/core';
import {
  createJsonClient,
  type HttpFailure,
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

// Hetzner's error codes say what happened; the status alone does not (422 and 403 cover several).
// https://docs.hetzner.cloud/reference/cloud#errors
function mapHetznerError(failure: HttpFailure) {
  const base = { provider: failure.provider, operation: failure.operation };
  const message = failure.details.message ?? '';
  switch (failure.details.code) {
    case 'resource_limit_exceeded':
      return new QuotaExceededError(`Hetzner refused: ${message}`, {
        ...base,
        hint: 'Delete unused servers or ask Hetzner to raise the project limit.',
      });
    case 'resource_unavailable':
    case 'placement_error':
      return new CapacityError(`Hetzner cannot place the server: ${message}`, {
        ...base,
        hint: 'Try another location or server type (`provision plans --provider hetzner`).',
      });
    default:
      return undefined;
  }
}

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
  const client = createJsonClient({
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
    // Hetzner's error body: { error: { code, message, details } }.
    parseError: (body) => {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return { code: text(error?.code), message: text(error?.message) };
    },
    mapError: mapHetznerError,
  });
  return {
    // The user-data is cut out of error messages, should the API or a proxy quote the request.
    request(options) {
      const userData = (options.body as { user_data?: unknown } | undefined)?.user_data;
      return typeof userData === 'string'
        ? client.request({ ...options, secrets: [...(options.secrets ?? []), userData] })
        : client.request(options);
    },
  };
}
