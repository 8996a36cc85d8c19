import type { ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type JsonClient,
  resolveEndpoint,
} from '@provision/provider-utils';
import { type CredentialSource, resolveCredentialSource, resolveProject } from './gcp-credentials.js';
import { COMPUTE_API, GCP_ENDPOINT_ENV, type GcpSettings } from './gcp-settings.js';
import { createTokenSource, type TokenSource } from './gcp-token.js';
import { VERSION } from './version.js';

/**
 * Compute Engine's error reasons by class. An error answer is
 * `{ error: { code, message, errors: [{ reason, message, domain }] } }`; the reason of its first
 * entry says what happened (400, 403 and 409 each cover several). An operation that failed after
 * it was accepted carries the same codes in `error.errors[].code` (`ZONE_RESOURCE_POOL_EXHAUSTED`).
 * https://cloud.google.com/compute/docs/api/handle-api-errors
 * https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-resource-availability
 */
export const gcpErrors = defineCloudErrors({
  provider: 'gcp',
  displayName: 'Compute Engine',
  codes: {
    authentication: ['authError', 'UNAUTHENTICATED'],
    permission: ['forbidden', 'insufficientPermissions', 'accessNotConfigured', 'PERMISSION_DENIED'],
    quota: ['quotaExceeded', 'QUOTA_EXCEEDED'],
    capacity: [
      'ZONE_RESOURCE_POOL_EXHAUSTED',
      'ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS',
      'resourcePoolExhausted',
    ],
    throttling: ['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED'],
    not_found: ['notFound', 'NOT_FOUND'],
    conflict: ['alreadyExists', 'ALREADY_EXISTS'],
    busy: ['resourceNotReady', 'resourceInUseByAnotherResource'],
    invalid_request: [
      'invalid',
      'required',
      'badRequest',
      'invalidParameter',
      'parseError',
      'INVALID_ARGUMENT',
    ],
    unavailable: ['backendError', 'internalError', 'UNAVAILABLE', 'INTERNAL'],
  },
  hints: {
    authentication:
      'Check the key file or run `gcloud auth application-default login`; a key of a deleted service account no longer works.',
    permission:
      'The account needs the Compute Instance Admin (v1) and Compute Security Admin roles on the project, and the Compute Engine API enabled.',
    quota: 'Delete unused instances, or ask for more in the Cloud Console (IAM & Admin > Quotas).',
    capacity: 'Try another zone or machine type (`provision plans --provider gcp`).',
  },
});

/** Reads a Google error body: the first entry's reason (else the canonical status) and the message. */
function parseGoogleError(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: unknown } | null)?.error;
  if (error === null || typeof error !== 'object') return {};
  const { errors, status, message } = error as { errors?: unknown; status?: unknown; message?: unknown };
  const reason = Array.isArray(errors) ? (errors[0] as { reason?: unknown } | undefined)?.reason : undefined;
  return {
    ...(typeof reason === 'string' ? { code: reason } : typeof status === 'string' ? { code: status } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** The client, and the project settings and environment name (read at the first call that needs it). */
export interface GcpApi {
  readonly client: JsonClient;
  /** The configured project. @throws MissingCredentialsError when none is named anywhere. */
  project(): string;
}

/**
 * The Compute API client of one provisioner: the endpoint checked now (so a bad one fails before
 * any request), credentials read at the first request, an access token kept until it nears its
 * expiry and asked again once after a 401.
 */
export function createGcpApi(settings: GcpSettings, context: ProvisionerContext): GcpApi {
  let source: CredentialSource | undefined;
  let tokens: TokenSource | undefined;
  const credentialSource = () => {
    source ??= resolveCredentialSource(settings, context.env);
    return source;
  };
  const tokenSource = () => {
    tokens ??= createTokenSource(credentialSource(), {
      fetch: settings.fetch,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      logger: context.logger,
      allowInsecureHttp: settings.allowInsecureHttp,
    });
    return tokens;
  };
  let project: string | undefined;
  const client = createJsonClient({
    provider: 'gcp',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'gcp',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: GCP_ENDPOINT_ENV,
      env: context.env,
      fallback: COMPUTE_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }).replace(/\/+$/, ''),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () => tokenSource().token(),
    onUnauthorized: () => tokens?.invalidate(),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    errors: gcpErrors,
    parseError: parseGoogleError,
  });
  return {
    client,
    project() {
      project ??= resolveProject(settings, context.env, credentialSource);
      return project;
    },
  };
}
