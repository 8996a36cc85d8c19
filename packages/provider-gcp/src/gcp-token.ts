import type { Logger } from '@provision/core';
import {
  createHttpClient,
  defineCloudErrors,
  type HttpClient,
  type RetryOptions,
} from '@provision/provider-utils';
import * as z from 'zod/mini';
import type { CredentialSource } from './gcp-credentials.js';
import { COMPUTE_SCOPE } from './gcp-settings.js';
import { VERSION } from './version.js';

/** The grant a service-account key uses (RFC 7523). https://developers.google.com/identity/protocols/oauth2/service-account#httprest */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const tokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.nullish(z.number()),
});

// The token endpoint answers RFC 6749 errors: `{ error, error_description }`.
const tokenErrors = defineCloudErrors({
  provider: 'gcp',
  displayName: "Google's token endpoint",
  codes: {
    authentication: ['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope'],
    invalid_request: ['invalid_request', 'unsupported_grant_type'],
  },
  hints: {
    authentication:
      'The key may be deleted or disabled, or the ADC login expired: make a new key, or run `gcloud auth application-default login`.',
  },
});

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A signed JWT assertion for the service account, valid for an hour from `nowSeconds`. */
export function serviceAccountAssertion(
  source: Extract<CredentialSource, { kind: 'service_account' }>,
  nowSeconds: number,
): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(source.privateKeyId ? { kid: source.privateKeyId } : {}) };
  const claims = {
    iss: source.clientEmail,
    scope: COMPUTE_SCOPE,
    aud: source.tokenUri,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // node:crypto is loaded here, where a key is signed with, not where this module is: loading it
  // costs about 6 ms of CPU, which a process holding an access token (or a user's ADC) never needs.
  const { createSign } = process.getBuiltinModule('node:crypto');
  const signature = createSign('RSA-SHA256').update(unsigned).sign(source.privateKey);
  return `${unsigned}.${base64url(signature)}`;
}

/** Options of `createTokenSource`. */
export interface TokenSourceOptions {
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly retry?: RetryOptions | undefined;
  readonly timeoutMs?: number | undefined;
  readonly logger?: Logger | undefined;
  readonly allowInsecureHttp?: boolean | undefined;
  readonly now?: () => number;
}

/** An access token, fetched when first asked and kept until a minute before it expires. */
export interface TokenSource {
  token(): Promise<string>;
  /** Forgets the kept token (after a 401), so the next `token()` asks again. */
  invalidate(): void;
}

/**
 * The token of a credential source: a given token as it is; a service-account key by the JWT
 * bearer grant to its `token_uri`; an `authorized_user` file by its refresh token. One exchange
 * at a time: concurrent callers share it.
 */
export function createTokenSource(source: CredentialSource, options: TokenSourceOptions = {}): TokenSource {
  if (source.kind === 'token') return { token: async () => source.token, invalidate: () => {} };
  const now = options.now ?? Date.now;
  const tokenUrl = new URL(source.tokenUri);
  let client: HttpClient | undefined;
  let kept: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  const exchange = async (): Promise<string> => {
    client ??= createHttpClient({
      provider: 'gcp',
      version: VERSION,
      baseUrl: tokenUrl.origin,
      allowInsecureHttp: options.allowInsecureHttp,
      fetch: options.fetch,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      errors: tokenErrors,
      account: async () => (source.kind === 'service_account' ? source.clientEmail : source.clientId),
      parseError: (body) => {
        const error = (body ?? {}) as { error?: unknown; error_description?: unknown };
        return {
          code: typeof error.error === 'string' ? error.error : undefined,
          message: typeof error.error_description === 'string' ? error.error_description : undefined,
        };
      },
    });
    const started = now();
    const form =
      source.kind === 'service_account'
        ? {
            grant_type: JWT_BEARER_GRANT,
            assertion: serviceAccountAssertion(source, Math.floor(started / 1000)),
          }
        : {
            grant_type: 'refresh_token',
            client_id: source.clientId,
            client_secret: source.clientSecret,
            refresh_token: source.refreshToken,
          };
    const { data } = await client.request({
      method: 'POST',
      path: tokenUrl.pathname,
      form,
      // The exchange is the credentials' own check, whichever call needed the token.
      operation: 'verifyCredentials',
      schema: tokenAnswer,
      // Repeating an exchange is harmless: it only mints another token.
      idempotent: true,
      secrets: Object.values(form),
    });
    const lifetimeMs = (data.expires_in ?? 3600) * 1000;
    kept = { token: data.access_token, until: started + Math.max(0, lifetimeMs - 60_000) };
    return data.access_token;
  };

  return {
    token() {
      if (kept !== undefined && now() < kept.until) return Promise.resolve(kept.token);
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      kept = undefined;
    },
  };
}
