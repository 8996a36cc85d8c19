import {
  InvalidRequestError,
  MissingCredentialsError,
  type Operation,
  ProviderApiError,
  type ProvisionerContext,
} from '@provision/core';
import {
  createCachedValue,
  createHttpClient,
  defineCloudErrors,
  type HttpClient,
  type HttpClientOptions,
  hasProviderCode,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import * as z from 'zod/mini';
import { type IniSections, readOvhConfig } from './ovh-config-file.js';
import {
  checkOvhKey,
  checkOvhProject,
  DEFAULT_ENDPOINT_NAME,
  endpointUrl,
  OVH_ENDPOINTS,
  OVH_ENV,
  type OvhSettings,
} from './ovh-settings.js';
import { ovhSignature } from './ovh-signature.js';
import { VERSION } from './version.js';

/**
 * OVH's errors. Answers are `{ errorCode?, httpCode?, message, class? }`: the authentication layer
 * gives an `errorCode` (`INVALID_SIGNATURE`, 400; `INVALID_CREDENTIAL`, `INVALID_KEY`,
 * `NOT_GRANTED_CALL`, 403), the API itself a `class` such as `Client::NotFound`.
 */
const ovhErrors = defineCloudErrors({
  provider: 'ovh',
  displayName: 'OVHcloud',
  codes: {
    authentication: [
      'INVALID_SIGNATURE',
      'INVALID_CREDENTIAL',
      'INVALID_KEY',
      'NOT_CREDENTIAL',
      'QUERY_TIME_OUT',
    ],
    permission: ['NOT_GRANTED_CALL', 'Client::Forbidden'],
    not_found: ['Client::NotFound'],
    quota: ['Client::Forbidden::QuotaExceeded'],
    throttling: ['Client::TooManyRequests'],
  },
  messages: [
    { status: 400, pattern: /quota|maximum number of instances/i, errorClass: 'quota' },
    { status: 400, pattern: /out of stock|not available|no more/i, errorClass: 'capacity' },
  ],
  hints: {
    authentication:
      'Check the application key, secret and consumer key (OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY or ovh.conf) and that the consumer key was validated.',
    permission: 'Give the consumer key GET, POST, PUT and DELETE on /cloud/project/*.',
    quota: 'Delete unused instances or raise the project quota in the OVHcloud Control Panel.',
    capacity: 'Try another region or flavor (`provision plans --provider ovh`).',
  },
});

const errorBody = z.looseObject({
  errorCode: z.nullish(z.string()),
  class: z.nullish(z.string()),
  message: z.nullish(z.string()),
});

// Endpoint name -> the subsidiary of its public catalog (a URL endpoint: Europe's).
const SUBSIDIARIES: Readonly<Record<string, string>> = { 'ovh-eu': 'FR', 'ovh-ca': 'CA', 'ovh-us': 'US' };

// The codes that may mean only that our clock is off: OVH accepts a timestamp close to its own.
const CLOCK_CODES = ['INVALID_SIGNATURE', 'QUERY_TIME_OUT'] as const;

/** A provisioner's client: the signed HTTP client, and the project every path is under. */
export interface OvhClient {
  /** Signed requests; a refusal that may be our clock is retried once after learning OVH's time. */
  readonly http: HttpClient;
  /** Unsigned requests, for what OVH serves without keys (`noAuthentication`: the time, the public catalog). */
  readonly keyless: HttpClient;
  /** The OVH subsidiary whose public catalog prices this endpoint's account: FR (Europe), CA, US. */
  subsidiary(): string;
  /** The Public Cloud project (`serviceName`), checked before any request. */
  project(): string;
}

/**
 * The client for one provisioner. Credentials and the endpoint are read at the first request
 * (settings, then `OVH_*` variables, then `ovh.conf`). Each request is signed with the local
 * clock plus the offset to OVH's: the offset starts at zero, so a machine on NTP sends no extra
 * request, and is learnt from `GET /auth/time` (keyless) once OVH refuses a signature or a
 * timestamp; that request is then signed again and sent once more.
 * `pacing` replaces the limiter and clock (tests drive them).
 */
export function createOvhClient(
  settings: OvhSettings,
  context: ProvisionerContext,
  pacing: Pick<HttpClientOptions, 'rateLimiter' | 'sleep' | 'now'> = {},
): OvhClient {
  const env = context.env;
  let config: IniSections | undefined;
  const configFile = () => {
    config ??= readOvhConfig(env);
    return config;
  };
  const endpointName = () => env[OVH_ENV.endpoint] || configFile().default?.endpoint || DEFAULT_ENDPOINT_NAME;
  const endpoint = () => {
    const named = settings.endpoint || env[OVH_ENV.endpoint] || configFile().default?.endpoint;
    const url = named ? endpointUrl(named) : OVH_ENDPOINTS[DEFAULT_ENDPOINT_NAME];
    if (url === undefined)
      throw new InvalidRequestError(
        `The OVH endpoint is neither a URL nor one of ${Object.keys(OVH_ENDPOINTS).join(', ')}.`,
        {
          provider: 'ovh',
          field: 'endpoint',
          hint: 'Set OVH_ENDPOINT to ovh-eu, ovh-ca, ovh-us or an https:// URL.',
        },
      );
    return resolveEndpoint({
      provider: 'ovh',
      value: url.replace(/\/+$/, ''),
      setting: 'endpoint',
      envVar: OVH_ENV.endpoint,
      env,
      fallback: url,
      allowInsecureHttp: settings.allowInsecureHttp,
    });
  };
  const key = (option: 'applicationKey' | 'applicationSecret' | 'consumerKey', iniKey: string) =>
    loadCredential({
      provider: 'ovh',
      value: settings[option] ?? (env[OVH_ENV[option]] ? undefined : configFile()[endpointName()]?.[iniKey]),
      option,
      envVars: [OVH_ENV[option]],
      env,
      validate: checkOvhKey,
    });
  const keys = () => ({
    applicationKey: key('applicationKey', 'application_key'),
    applicationSecret: key('applicationSecret', 'application_secret'),
    consumerKey: key('consumerKey', 'consumer_key'),
  });

  const now = pacing.now ?? Date.now;
  let offsetSeconds = 0;
  let synced = false;
  const common = {
    ...pacing,
    provider: 'ovh',
    version: VERSION,
    baseUrl: endpoint,
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    errors: ovhErrors,
    parseError: (body: unknown) => {
      const parsed = errorBody.safeParse(body);
      if (!parsed.success) return {};
      return {
        code: parsed.data.errorCode ?? parsed.data.class ?? undefined,
        message: parsed.data.message ?? undefined,
      };
    },
  } satisfies Partial<HttpClientOptions>;

  // Keyless: OVH's time is public (`noAuthentication` in the API description).
  const clock = createHttpClient(common);
  // The operation of the request that was refused: a failure here is reported as part of it.
  let refusedOperation: Operation = 'verifyCredentials';
  const learnTime = createCachedValue(async () => {
    const { data } = await clock.request({
      method: 'GET',
      path: '/auth/time',
      operation: refusedOperation,
      schema: z.number(),
    });
    offsetSeconds = data - Math.floor(now() / 1000);
    synced = true;
    return { value: data };
  });

  const signed = createHttpClient({
    ...common,
    // The application key is the account for the shared limiter: OVH counts requests per application.
    account: () => keys().applicationKey,
    sign: ({ method, url, body, now: at }) => {
      const { applicationKey, applicationSecret, consumerKey } = keys();
      const timestamp = Math.floor(at / 1000) + offsetSeconds;
      return {
        'X-Ovh-Application': applicationKey,
        'X-Ovh-Consumer': consumerKey,
        'X-Ovh-Timestamp': String(timestamp),
        'X-Ovh-Signature': ovhSignature({
          applicationSecret,
          consumerKey,
          method,
          url: url.toString(),
          body: body ?? '',
          timestamp,
        }),
      };
    },
    // Before the clock is learnt, a refused signature is handed back by its code (not yet an
    // authentication failure) so the request can be signed again with OVH's time.
    mapError: (failure) =>
      !synced && CLOCK_CODES.includes(failure.details.code as (typeof CLOCK_CODES)[number])
        ? new ProviderApiError('OVH refused the signature or its timestamp.', {
            provider: 'ovh',
            operation: failure.operation,
            status: failure.status,
            providerCode: failure.details.code,
          })
        : undefined,
  });

  const http: HttpClient = {
    async request(request) {
      try {
        return await signed.request(request);
      } catch (error) {
        if (synced || !hasProviderCode(error, ...CLOCK_CODES)) throw error;
        refusedOperation = request.operation;
        await learnTime.get();
        return signed.request(request);
      }
    },
  };

  return {
    http,
    keyless: clock,
    subsidiary: () => SUBSIDIARIES[endpointName().toLowerCase()] ?? 'FR',
    project: () => {
      const value = settings.project ?? env[OVH_ENV.project];
      if (value === undefined || value === '')
        throw new MissingCredentialsError(
          `No OVHcloud Public Cloud project: pass the "project" option or set ${OVH_ENV.project}.`,
          {
            provider: 'ovh',
            envVars: [OVH_ENV.project],
            hint: 'The project id is in the Control Panel, Public Cloud, under the project name.',
          },
        );
      const problem = checkOvhProject(value);
      if (problem !== undefined)
        throw new InvalidRequestError(`The OVHcloud project id is malformed: ${problem}.`, {
          provider: 'ovh',
          field: 'project',
        });
      return value;
    },
  };
}
