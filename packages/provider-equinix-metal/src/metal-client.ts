import type { ProvisionerContext } from '@provision/core';
import {
  createRestConnection,
  defineCloudErrors,
  type JsonClient,
  loadDeclaredCredential,
  parseErrorFields,
} from '@provision/provider-utils';
import {
  METAL_API,
  METAL_ENDPOINT_ENV,
  type MetalSettings,
  metalProject,
  metalToken,
} from './metal-settings.js';

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
export function createMetalConnection(settings: MetalSettings, context: ProvisionerContext): MetalConnection {
  const projectId = () => loadDeclaredCredential(metalProject, settings.projectId, context.env);
  const client = createRestConnection({
    settings,
    context,
    endpointEnv: METAL_ENDPOINT_ENV,
    defaultEndpoint: METAL_API,
    // The project is checked with the key, before any request: every call needs one or the other.
    credential: () => {
      projectId();
      return loadDeclaredCredential(metalToken, settings.token, context.env);
    },
    authorize: (token) => ({ 'x-auth-token': token }),
    // Answers carry sentences only: `{ errors: [sentences] }` or `{ error: sentence }`.
    parseError: parseErrorFields({ message: ['errors', 'error'] }),
    errors: metalErrors,
  });
  return { client, projectId };
}
