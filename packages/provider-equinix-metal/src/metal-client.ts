import { MissingCredentialsError, type ProvisionerContext } from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type HttpClientOptions,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import {
  checkMetalToken,
  isProjectId,
  METAL_API,
  METAL_ENDPOINT_ENV,
  METAL_PROJECT_ENV,
  METAL_TOKEN_ENV,
  type MetalSettings,
  readCliConfig,
} from './metal-settings.js';
import { VERSION } from './version.js';

/**
 * Equinix Metal's errors by class. Answers carry no code, only sentences (`{ "errors": [...] }`
 * or `{ "error": "..." }`), so the HTTP status decides, refined by what the sentence says.
 */
const metalErrors = defineCloudErrors({
  provider: 'equinix-metal',
  displayName: 'Equinix Metal',
  messages: [
    {
      pattern: /capacity|no (?:servers|hardware|devices) (?:are )?available|out of stock/i,
      errorClass: 'capacity',
    },
    { pattern: /limit (?:of \d+ )?(?:has been |is )?reached|quota|maximum number of/i, errorClass: 'quota' },
  ],
  hints: {
    authentication: 'Check the API key (Equinix Metal console, Personal Settings, API Keys).',
    permission: 'The API key has no access to this project: check METAL_PROJECT_ID and the key.',
    quota: "Delete unused devices or ask Equinix to raise the project's device limit.",
    capacity:
      'Try another metro or plan (`provision plans --provider equinix-metal`); on-demand inventory varies by metro.',
  },
});

/** Equinix Metal's error body: `{ errors: [sentences] }` or `{ error: sentence }`. */
export function parseMetalError(body: unknown): { message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { errors, error } = body as { errors?: unknown; error?: unknown };
  if (Array.isArray(errors)) {
    const sentences = errors.filter((item): item is string => typeof item === 'string');
    if (sentences.length > 0) return { message: sentences.join('; ') };
  }
  return typeof error === 'string' ? { message: error } : {};
}

/** A client and the project it works in. */
export interface MetalConnection {
  readonly client: JsonClient;
  /** The project's id, read (and checked) on first use: option, `METAL_PROJECT_ID`, CLI config. */
  projectId(): string;
}

/**
 * The HTTP client for one provisioner: the API key read lazily per request (option, then
 * `METAL_AUTH_TOKEN`, then the metal CLI's config file) and sent as `X-Auth-Token`, the endpoint
 * checked before any request.
 */
export function createMetalConnection(
  settings: MetalSettings,
  context: ProvisionerContext,
  pacing: Pick<HttpClientOptions, 'rateLimiter' | 'sleep' | 'now'> = {},
): MetalConnection {
  const config = () => readCliConfig(context.env);
  const projectId = (): string => {
    const value = settings.projectId || context.env[METAL_PROJECT_ENV] || config()['project-id'];
    if (value === undefined || value === '')
      throw new MissingCredentialsError(
        `No Equinix Metal project: pass the "projectId" option or set ${METAL_PROJECT_ENV}.`,
        {
          provider: 'equinix-metal',
          envVars: [METAL_PROJECT_ENV],
          hint: 'The project id is in the Equinix Metal console, Project Settings.',
        },
      );
    if (!isProjectId(value))
      throw new MissingCredentialsError('The Equinix Metal project id is malformed: it is not a UUID.', {
        provider: 'equinix-metal',
        envVars: [METAL_PROJECT_ENV],
        hint: `Set the "projectId" option or ${METAL_PROJECT_ENV} to the project's id (a UUID).`,
      });
    return value;
  };
  const client = createJsonClient({
    ...pacing,
    provider: 'equinix-metal',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'equinix-metal',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: METAL_ENDPOINT_ENV,
      env: context.env,
      fallback: METAL_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    // The project is checked with the key, before any request: every call needs one or the other.
    credential: () => {
      projectId();
      return loadCredential({
        provider: 'equinix-metal',
        value: settings.token ?? (context.env[METAL_TOKEN_ENV] ? undefined : config().token),
        option: 'token',
        envVars: [METAL_TOKEN_ENV],
        env: context.env,
        validate: checkMetalToken,
      });
    },
    authorize: (token) => ({ 'x-auth-token': token }),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: parseMetalError,
    errors: metalErrors,
  });
  return { client, projectId };
}
