import type { ProvisionerContext } from '@provision/core';
import {
  createCachedValue,
  createJsonClient,
  defineCloudErrors,
  type JsonClient,
  resolveEndpoint,
} from '@provision/provider-utils';
import { cliAccessToken } from './azure-cli-credential.js';
import { cliDefaultSubscription, hasCliLogin } from './azure-cli-profile.js';
import { clientSecretCredentials, subscriptionId } from './azure-credentials.js';
import { AZURE_ENV, AZURE_MANAGEMENT, type AzureSettings } from './azure-settings.js';
import { createTokenCache } from './azure-token.js';
import { VERSION } from './version.js';

/**
 * Azure Resource Manager's error codes by class. Answers are `{ error: { code, message, details } }`;
 * a deployment refused in validation is `InvalidTemplateDeployment` whose first detail says why
 * (read by `parseAzureError`). https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors
 */
export const azureErrors = defineCloudErrors({
  provider: 'azure',
  displayName: 'Azure',
  codes: {
    authentication: [
      'InvalidAuthenticationToken',
      'ExpiredAuthenticationToken',
      'AuthenticationFailed',
      'InvalidAuthenticationTokenTenant',
    ],
    permission: ['AuthorizationFailed', 'LinkedAuthorizationFailed', 'SubscriptionNotRegistered'],
    quota: ['QuotaExceeded', 'PublicIPCountLimitReached', 'ResourceQuotaExceeded'],
    capacity: [
      'SkuNotAvailable',
      'AllocationFailed',
      'ZonalAllocationFailed',
      'OverconstrainedAllocationRequest',
    ],
    throttling: ['TooManyRequests', 'SubscriptionRequestsThrottled'],
    not_found: ['ResourceNotFound', 'ResourceGroupNotFound', 'NotFound', 'DeploymentNotFound'],
    // DeploymentActive answers a repeat of a create that is running: ours, accepted (never repeated).
    conflict: ['Conflict', 'ResourceExists', 'DeploymentActive'],
    busy: ['AnotherOperationInProgress', 'ResourceGroupBeingDeleted'],
    invalid_request: [
      'InvalidParameter',
      'InvalidRequestContent',
      'InvalidRequestFormat',
      'InvalidTemplate',
      'InvalidTemplateDeployment',
      'InvalidResourceReference',
      'BadRequest',
      'MissingApiVersionParameter',
      'InvalidApiVersionParameter',
      'LocationNotAvailableForResourceType',
      'PlatformImageNotFound',
    ],
    unavailable: ['InternalServerError', 'ServiceUnavailable', 'GatewayTimeout', 'InternalOperationError'],
  },
  // Core quota refusals used to be `OperationNotAllowed` with this wording.
  messages: [{ pattern: /exceeding approved .* quota/i, errorClass: 'quota' }],
  hints: {
    authentication: 'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET and the subscription.',
    permission: 'Give the service principal the Contributor role on the subscription.',
    quota: 'Delete unused VMs or public IPs, or request more vCPU quota (Azure portal, Quotas).',
    capacity: 'Try another region or size (`provision plans --provider azure`).',
  },
});

/** ARM's error body, with the first detail's code when the outer one only says "validation failed". */
export function parseAzureError(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const detail = Array.isArray(error.details)
    ? (error.details[0] as { code?: unknown; message?: unknown })
    : undefined;
  const wrapper = error.code === 'InvalidTemplateDeployment' || error.code === 'DeploymentFailed';
  return {
    code: (wrapper ? text(detail?.code) : undefined) ?? text(error.code),
    message: (wrapper ? text(detail?.message) : undefined) ?? text(error.message),
  };
}

/** The ARM client and the subscription of one provisioner. */
export interface AzureClient {
  readonly client: JsonClient;
  /** The subscription id, read at the first request (settings, then `AZURE_SUBSCRIPTION_ID`). */
  readonly subscription: () => string;
}

/**
 * The HTTP client of Azure Resource Manager for one provisioner: a bearer token from the client
 * credentials grant (cached, asked again after a 401), the endpoint from settings or
 * `AZURE_RESOURCE_MANAGER_ENDPOINT` (checked before any request).
 */
export function createAzureClient(settings: AzureSettings, context: ProvisionerContext): AzureClient {
  const env = context.env;
  const credentials = () => clientSecretCredentials(settings, env);
  // DefaultAzureCredential's order: a service principal's secret when one is given (settings or
  // AZURE_CLIENT_SECRET), else the Azure CLI's login when there is one. Decided per request, never
  // at import; without either, the secret's MissingCredentialsError names what is missing.
  const viaCli = () => !(settings.clientSecret || env[AZURE_ENV.clientSecret]) && hasCliLogin(env);
  const secretTokens = createTokenCache(settings, env, context.logger, credentials);
  const cliTokens = createCachedValue(() => cliAccessToken(env));
  const tokens = () => (viaCli() ? cliTokens : secretTokens);
  // The settings' or AZURE_SUBSCRIPTION_ID, else (with the CLI's login) the CLI's default one.
  const subscription = () => {
    const fromCli =
      settings.subscriptionId || env[AZURE_ENV.subscriptionId] || !viaCli()
        ? undefined
        : cliDefaultSubscription(env);
    return subscriptionId(
      { ...settings, ...(fromCli === undefined ? {} : { subscriptionId: fromCli }) },
      env,
    );
  };
  const client = createJsonClient({
    provider: 'azure',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'azure',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: AZURE_ENV.endpoint,
      env: context.env,
      fallback: AZURE_MANAGEMENT,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: async () => {
      subscription();
      return tokens().get();
    },
    onUnauthorized: () => tokens().invalidate(),
    account: () => (viaCli() ? `cli/${subscription()}` : `${credentials().clientId}/${subscription()}`),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: parseAzureError,
    errors: azureErrors,
  });
  return { client, subscription };
}
