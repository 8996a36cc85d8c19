import type { ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type JsonClient,
  loadDeclaredCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import {
  DIGITALOCEAN_API,
  DIGITALOCEAN_ENDPOINT_ENV,
  type DigitalOceanSettings,
  digitaloceanToken,
} from './digitalocean-settings.js';
import { VERSION } from './version.js';

/**
 * DigitalOcean's error ids by class. Its answers are `{ id, message, request_id }`, and 422
 * covers bad input, "sold out", "limit reached" and "another action is running" alike, which
 * only the message tells apart.
 * https://docs.digitalocean.com/reference/api/digitalocean/#section/Introduction/Responses
 */
const digitaloceanErrors = defineCloudErrors({
  provider: 'digitalocean',
  displayName: 'DigitalOcean',
  codes: {
    authentication: ['unauthorized'],
    permission: ['forbidden'],
    not_found: ['not_found'],
    throttling: ['too_many_requests'],
  },
  messages: [
    { status: 422, pattern: /droplet limit|exceed.*limit/i, errorClass: 'quota' },
    { status: 422, pattern: /not available|unavailable|capacity|sold out/i, errorClass: 'capacity' },
    // A repeated droplet action while the first one runs: "Droplet already has a pending event."
    { status: 422, pattern: /pending event/i, errorClass: 'busy' },
  ],
  hints: {
    authentication: 'Check that the token is current and has read and write scope.',
    permission: 'Check that the token is current and has read and write scope.',
    quota: 'Delete unused droplets or ask DigitalOcean to raise the droplet limit.',
    capacity: 'Try another region or size (`provision plans --provider digitalocean`).',
  },
});

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
    credential: () => loadDeclaredCredential(digitaloceanToken, settings.token, context.env),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    // DigitalOcean's error body: { id, message, request_id }.
    parseError: (body) => {
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return { code: text(record.id), message: text(record.message) };
    },
    errors: digitaloceanErrors,
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
