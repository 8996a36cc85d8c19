import type { CallOptions, Operation, ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  getIfFound,
  type HttpClientOptions,
  type JsonClient,
  listNumberedPages,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import { type Instance, instancePage, instanceSchema, PAGE_SIZE, type Placed } from './civo-api.js';
import {
  CIVO_API,
  CIVO_ENDPOINT_ENV,
  CIVO_TOKEN_ENV,
  type CivoSettings,
  checkCivoToken,
  tokenFromCliConfig,
} from './civo-settings.js';
import { VERSION } from './version.js';

/** Civo's codes for "this name is taken": instances (hostname) and firewalls. */
export const NAME_TAKEN_CODES = [
  'database_instance_duplicate_name',
  'instance_duplicate',
  'database_firewall_duplicate_name',
  'firewall_duplicate',
] as const;

/**
 * Civo's errors by class. Answers are `{ code, reason, result }` (`reason` is the sentence); the
 * codes are the ones Civo's own Go client (civogo, errors.go) tells apart.
 */
const civoErrors = defineCloudErrors({
  provider: 'civo',
  displayName: 'Civo',
  codes: {
    authentication: ['authentication_invalid_key', 'authentication_failed', 'requires_authentication'],
    permission: ['authentication_access_denied'],
    quota: ['quota_limit_reached'],
    capacity: ['region_unavailable'],
    conflict: [...NAME_TAKEN_CODES],
    not_found: [
      'database_instance_not_found',
      'database_firewall_not_found',
      'database_network_not_found',
      'database_disk_image_not_found',
    ],
    invalid_request: ['database_size_not_found', 'parameter_size_missing'],
  },
  hints: {
    authentication: 'Check the API key (Civo dashboard, Settings, Profile, Security).',
    quota: 'Delete unused instances or ask Civo to raise the quota (dashboard, Quota).',
    capacity: 'Try another region (`provision regions --provider civo`).',
  },
});

/** Civo's error body: `{ code, reason, result }`. */
function parseCivoError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { code, reason, result } = body as { code?: unknown; reason?: unknown; result?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : typeof result === 'string' ? { code: result } : {}),
    ...(typeof reason === 'string' ? { message: reason } : {}),
  };
}

/**
 * The HTTP client for one provisioner: the API key read lazily per request (option, then
 * `CIVO_TOKEN`, then the civo CLI's config file), the endpoint checked before any request.
 * `pacing` replaces the limiter and clock (tests drive them on a fake clock).
 */
export function createCivoClient(
  settings: CivoSettings,
  context: ProvisionerContext,
  pacing: Pick<HttpClientOptions, 'rateLimiter' | 'sleep' | 'now'> = {},
): JsonClient {
  return createJsonClient({
    ...pacing,
    provider: 'civo',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'civo',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: CIVO_ENDPOINT_ENV,
      env: context.env,
      fallback: CIVO_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () =>
      loadCredential({
        provider: 'civo',
        value: settings.token ?? (context.env[CIVO_TOKEN_ENV] ? undefined : tokenFromCliConfig(context.env)),
        option: 'token',
        envVars: [CIVO_TOKEN_ENV],
        env: context.env,
        validate: checkCivoToken,
      }),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: parseCivoError,
    errors: civoErrors,
  });
}

/**
 * Every instance of one region matching `query` (`tags`: a space-separated list, all of which an
 * instance must carry), in pages of `PAGE_SIZE`, following `pages`.
 */
export function listInstances(
  client: JsonClient,
  region: string,
  operation: Operation,
  query: Readonly<Record<string, string>> = {},
  options?: CallOptions,
): Promise<Instance[]> {
  return listNumberedPages(
    client,
    {
      path: '/v2/instances',
      query: { ...query, region },
      operation,
      schema: instancePage,
      pageQuery: (page) => ({ page, per_page: PAGE_SIZE }),
      read: (data) => ({ items: data.items, lastPage: data.pages ?? undefined }),
      signal: options?.signal,
    },
    { provider: 'civo' },
  );
}

/** An instance of a region, or undefined once Civo answers 404. */
export async function readInstance(
  client: JsonClient,
  region: string,
  instanceId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Placed | undefined> {
  const instance = await getIfFound(client, {
    path: `/v2/instances/${instanceId}`,
    query: { region },
    operation,
    schema: instanceSchema,
    signal: options?.signal,
  });
  return instance === undefined ? undefined : { instance, region };
}
