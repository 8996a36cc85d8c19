import type { Logger } from '@provision/core';
import {
  type CachedValue,
  createCachedValue,
  createJsonClient,
  defineCloudErrors,
  resolveEndpoint,
} from '@provision/provider-utils';
import * as z from 'zod/mini';
import type { ClientSecretCredentials } from './azure-credentials.js';
import { AZURE_ENV, AZURE_LOGIN, type AzureSettings } from './azure-settings.js';
import { VERSION } from './version.js';

/** The audience of Azure Resource Manager tokens (the same for the emulator, which checks it). */
export const MANAGEMENT_SCOPE = 'https://management.azure.com/.default';

// Entra ID answers errors as `{ error: "invalid_client", error_description: "AADSTS7000215: ..." }`.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
const tokenErrors = defineCloudErrors({
  provider: 'azure',
  displayName: 'Microsoft Entra ID',
  codes: {
    authentication: ['invalid_client', 'unauthorized_client', 'invalid_grant'],
    invalid_request: ['invalid_request', 'invalid_scope', 'unsupported_grant_type'],
    unavailable: ['temporarily_unavailable', 'server_error'],
  },
  // An unknown tenant answers 400 invalid_request (AADSTS90002): the credentials are wrong.
  messages: [{ pattern: /AADSTS(90002|700016|7000215|7000222)/, errorClass: 'authentication' }],
  hints: {
    authentication:
      'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (`az ad sp credential reset` makes a new secret).',
  },
});

const tokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.nullish(z.union([z.number(), z.string()])),
});

/**
 * A cached access token for Azure Resource Manager from the OAuth 2.0 client credentials grant
 * (`POST {authority}/{tenant}/oauth2/v2.0/token`), the request the SDKs' `ClientSecretCredential`
 * sends. Sent through the plugin's own `fetch`, so the `fetch` setting, the endpoint override and
 * the emulator apply; the token lives until shortly before its `expires_in`.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
export function createTokenCache(
  settings: AzureSettings,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  credentials: () => ClientSecretCredentials,
): CachedValue<string> {
  const login = createJsonClient({
    provider: 'azure',
    version: VERSION,
    baseUrl: () =>
      resolveEndpoint({
        provider: 'azure',
        value: settings.authorityHost,
        setting: 'authorityHost',
        envVar: AZURE_ENV.authorityHost,
        env,
        fallback: AZURE_LOGIN,
        allowInsecureHttp: settings.allowInsecureHttp,
      }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    // The credential travels in the form body; nothing in the Authorization header.
    authorize: () => ({}),
    credential: () => credentials().clientSecret,
    // The shared limiter is keyed by the client id, never by the secret.
    account: () => credentials().clientId,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger,
    parseError: (body) => {
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      return {
        code: typeof record.error === 'string' ? record.error : undefined,
        message: typeof record.error_description === 'string' ? record.error_description : undefined,
      };
    },
    errors: tokenErrors,
  });
  return createCachedValue(async () => {
    const { tenantId, clientId, clientSecret } = credentials();
    const started = Date.now();
    const { data } = await login.request({
      method: 'POST',
      path: `/${tenantId}/oauth2/v2.0/token`,
      form: {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: MANAGEMENT_SCOPE,
      },
      // A token request is safe to repeat: it changes nothing.
      idempotent: true,
      operation: 'verifyCredentials',
      schema: tokenAnswer,
      secrets: [clientSecret],
    });
    const seconds = Number(data.expires_in ?? 3600);
    return {
      value: data.access_token,
      expiresAt: started + (Number.isFinite(seconds) ? seconds : 3600) * 1000,
    };
  });
}
