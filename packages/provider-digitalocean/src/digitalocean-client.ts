import { CapacityError, type ProvisionerContext, QuotaExceededError } from '@provision/core';
import {
  createJsonClient,
  type HttpFailure,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import {
  checkDigitalOceanToken,
  DIGITALOCEAN_API,
  DIGITALOCEAN_ENDPOINT_ENV,
  DIGITALOCEAN_TOKEN_ENV,
  type DigitalOceanSettings,
} from './digitalocean-settings.js';
import { VERSION } from './version.js';

// DigitalOcean answers errors as { id, message, request_id }; 422 covers both bad input and
// "sold out" / "limit reached", which only the message tells apart.
// https://docs.digitalocean.com/reference/api/digitalocean/#section/Introduction/Responses
function mapDigitalOceanError(failure: HttpFailure) {
  const message = failure.details.message ?? '';
  const base = { provider: failure.provider, operation: failure.operation };
  if (failure.status === 422 && /droplet limit|exceed.*limit/i.test(message)) {
    return new QuotaExceededError(`DigitalOcean refused: ${message}`, {
      ...base,
      hint: 'Delete unused droplets or ask DigitalOcean to raise the droplet limit.',
    });
  }
  if (failure.status === 422 && /not available|unavailable|capacity|sold out/i.test(message)) {
    return new CapacityError(`DigitalOcean cannot place the droplet: ${message}`, {
      ...base,
      hint: 'Try another region or size (`provision plans --provider digitalocean`).',
    });
  }
  return undefined;
}

/**
 * The HTTP client for one provisioner: token read lazily per request, endpoint from settings or
 * env (checked here, so a bad one fails before any request), paced by the account's shared limiter.
 */
export function createDigitalOceanClient(
  settings: DigitalOceanSettings,
  context: ProvisionerContext,
): JsonClient {
  const client = createJsonClient({
    provider: 'digitalocean',
    version: VERSION,
    // Checked before any request: scheme, no credentials in the URL, https unless loopback or allowed.
    baseUrl: resolveEndpoint({
      provider: 'digitalocean',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: DIGITALOCEAN_ENDPOINT_ENV,
      env: context.env,
      fallback: DIGITALOCEAN_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () =>
      loadCredential({
        provider: 'digitalocean',
        value: settings.token,
        option: 'token',
        envVars: DIGITALOCEAN_TOKEN_ENV,
        env: context.env,
        validate: checkDigitalOceanToken,
      }),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    // DigitalOcean's error body: { id, message, request_id }.
    parseError: (body) => {
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return { code: text(record.id), message: text(record.message) };
    },
    mapError: mapDigitalOceanError,
  });
  return {
    // The user-data is cut out of DigitalOcean's error messages (the client cuts out the token and
    // the body it sent anyway), should the API or a proxy quote the request there.
    request(options) {
      const userData = (options.body as { user_data?: unknown } | undefined)?.user_data;
      return typeof userData === 'string'
        ? client.request({ ...options, secrets: [...(options.secrets ?? []), userData] })
        : client.request(options);
    },
  };
}
