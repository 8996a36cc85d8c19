import type { ProvisionerContext } from '@provision/core';
import { resolveEndpoint } from './endpoint.js';
import type { HttpClientOptions } from './http-client-options.js';
import { createJsonClient, type JsonClient } from './json-client.js';

/** The settings every plugin has (core's `commonSettings`) that shape its client. */
export interface ConnectionSettings {
  readonly endpoint?: string | undefined;
  readonly allowInsecureHttp?: boolean | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly retry?: HttpClientOptions['retry'];
  readonly timeoutMs?: number | undefined;
}

/** What `createRestConnection` needs: the cloud's few facts, and any client option on top. */
export interface RestConnectionOptions
  extends Omit<
    HttpClientOptions,
    'baseUrl' | 'credential' | 'logger' | 'fetch' | 'retry' | 'timeoutMs' | 'provider' | 'version'
  > {
  readonly settings: ConnectionSettings;
  /** The provisioner's context; its manifest, when given, names the provider and version. */
  readonly context: Pick<ProvisionerContext, 'env' | 'logger'> & {
    readonly manifest?: Pick<ProvisionerContext['manifest'], 'id' | 'version'>;
  };
  /** The plugin id in errors and logs. Default: `context.manifest.id`. */
  readonly provider?: string | undefined;
  /** The plugin's version, in the User-Agent. Default: `context.manifest.version`. */
  readonly version?: string | undefined;
  /** The variable that overrides the endpoint (the emulator sets it), e.g. `'METAL_API_URL'`. */
  readonly endpointEnv: string;
  /** The public API's base URL. */
  readonly defaultEndpoint: string;
  /** The credential, read per request (see `loadCredential`, with its `file` for the CLI's config). */
  readonly credential: () => string | Promise<string>;
}

/**
 * The JSON client of one provisioner on a REST cloud: the endpoint from the `endpoint` setting,
 * then `endpointEnv`, then `defaultEndpoint` (checked before any request), the credential read
 * lazily per request, and the plugin's common settings (fetch, retry, timeout) and logger passed
 * on, the provider and version from the context's manifest. Everything else (`authorize`,
 * `parseError`, `errors`, pacing) is the cloud's, as given.
 * Assumes one base URL and one credential per provisioner (Equinix Metal, Vultr, Civo, Linode,
 * DigitalOcean); a cloud that signs requests passes `sign` the same way.
 */
export function createRestConnection(options: RestConnectionOptions): JsonClient {
  const { settings, context, endpointEnv, defaultEndpoint, ...client } = options;
  const provider = options.provider ?? context.manifest?.id;
  const version = options.version ?? context.manifest?.version;
  if (provider === undefined || version === undefined)
    throw new TypeError('createRestConnection needs provider and version, or a context with the manifest.');
  return createJsonClient({
    ...client,
    provider,
    version,
    baseUrl: resolveEndpoint({
      provider,
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: endpointEnv,
      env: context.env,
      fallback: defaultEndpoint,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
  });
}
