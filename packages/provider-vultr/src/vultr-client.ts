import {
  type CallOptions,
  CapacityError,
  type Operation,
  type ProvisionerContext,
  QuotaExceededError,
} from '@provision/core';
import {
  collectPages,
  createJsonClient,
  type HttpClientOptions,
  type HttpFailure,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import type { z } from 'zod';
import { VERSION } from './version.js';
import { PAGE_SIZE, pageOf } from './vultr-api.js';
import {
  apiKeyFromCliConfig,
  checkVultrApiKey,
  VULTR_API,
  VULTR_API_KEY_ENV,
  VULTR_ENDPOINT_ENV,
  type VultrSettings,
} from './vultr-settings.js';

// Vultr answers every error as { error, status } and most refusals as 400, whose message alone
// tells a quota or a sold-out plan from bad input.
// https://www.vultr.com/api/#section/Introduction/Response-Codes
function mapVultrError(failure: HttpFailure) {
  const message = failure.details.message ?? '';
  const base = { provider: failure.provider, operation: failure.operation };
  if (failure.status === 400 && /limit|maximum number|quota/i.test(message))
    return new QuotaExceededError(`Vultr refused: ${message}`, {
      ...base,
      hint: 'Destroy unused instances or ask Vultr support to raise the instance limit.',
    });
  if (failure.status === 400 && /not available|unavailable|sold out|out of stock/i.test(message))
    return new CapacityError(`Vultr cannot place the instance: ${message}`, {
      ...base,
      hint: 'Try another region or plan (`provision plans --provider vultr`).',
    });
  return undefined;
}

/**
 * The HTTP client for one provisioner: the API key read lazily per request (option, then
 * `VULTR_API_KEY`, then vultr-cli's config file), the endpoint checked before any request, paced
 * by the account's shared limiter (Vultr throttles above 30 requests a second with 429).
 * `pacing` replaces the limiter and clock (tests drive them on a fake clock).
 */
export function createVultrClient(
  settings: VultrSettings,
  context: ProvisionerContext,
  pacing: Pick<HttpClientOptions, 'rateLimiter' | 'sleep' | 'now'> = {},
): JsonClient {
  const client = createJsonClient({
    ...pacing,
    provider: 'vultr',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'vultr',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: VULTR_ENDPOINT_ENV,
      env: context.env,
      fallback: VULTR_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () =>
      loadCredential({
        provider: 'vultr',
        value:
          settings.apiKey ?? (context.env[VULTR_API_KEY_ENV] ? undefined : apiKeyFromCliConfig(context.env)),
        option: 'apiKey',
        envVars: [VULTR_API_KEY_ENV],
        env: context.env,
        validate: checkVultrApiKey,
      }),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: (body) => {
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      return { message: typeof record.error === 'string' ? record.error : undefined };
    },
    mapError: mapVultrError,
  });
  return {
    // The user-data goes base64-encoded; both forms are cut out of any error message.
    request(options) {
      const userData = (options.body as { user_data?: unknown } | undefined)?.user_data;
      if (typeof userData !== 'string') return client.request(options);
      const plain = Buffer.from(userData, 'base64').toString('utf8');
      return client.request({ ...options, secrets: [...(options.secrets ?? []), userData, plain] });
    },
  };
}

/**
 * Every item of a cursor-paged listing (`key` holds the items of each page), pages of Vultr's
 * maximum size, following `meta.links.next` until it is empty.
 */
export function listAll<Item extends z.ZodType>(
  client: JsonClient,
  listing: { path: string; key: string; item: Item; operation: Operation; query?: Record<string, string> },
  options?: CallOptions,
): Promise<z.infer<Item>[]> {
  const schema = pageOf(listing.key, listing.item);
  return collectPages<z.infer<Item>, string>(
    '',
    async (cursor) => {
      const query = { ...listing.query, per_page: PAGE_SIZE, ...(cursor === '' ? {} : { cursor }) };
      const { path, operation } = listing;
      const { data } = await client.request({
        method: 'GET',
        path,
        query,
        operation,
        schema,
        signal: options?.signal,
      });
      return { items: data[listing.key] ?? [], next: data.meta?.links?.next || undefined };
    },
    { provider: 'vultr' },
  );
}
