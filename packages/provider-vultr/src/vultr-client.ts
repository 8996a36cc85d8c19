import type { CallOptions, Operation, ProvisionerContext } from '@provision/core';
import {
  collectPages,
  createRestConnection,
  defineCloudErrors,
  type HttpClientOptions,
  type JsonClient,
  loadDeclaredCredential,
} from '@provision/provider-utils';
import type * as z from 'zod/mini';
import { PAGE_SIZE, pageOf } from './vultr-api.js';
import { VULTR_API, VULTR_ENDPOINT_ENV, type VultrSettings, vultrApiKey } from './vultr-settings.js';

/**
 * Vultr's errors by class. Its answers are `{ error, status }` (read by the client's default
 * `parseError`) with no code, and most refusals are 400, whose message alone tells an account
 * limit or a sold-out plan from bad input. https://www.vultr.com/api/#section/Introduction/Response-Codes
 */
const vultrErrors = defineCloudErrors({
  provider: 'vultr',
  displayName: 'Vultr',
  messages: [
    { status: 400, pattern: /limit|maximum number|quota/i, errorClass: 'quota' },
    { status: 400, pattern: /not available|unavailable|sold out|out of stock/i, errorClass: 'capacity' },
  ],
  hints: {
    authentication: 'Check that the API key is current and that its access control allows this address.',
    quota: 'Destroy unused instances or ask Vultr support to raise the instance limit.',
    capacity: 'Try another region or plan (`provision plans --provider vultr`).',
  },
});

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
  return createRestConnection({
    ...pacing,
    settings,
    context,
    endpointEnv: VULTR_ENDPOINT_ENV,
    defaultEndpoint: VULTR_API,
    credential: () => loadDeclaredCredential(vultrApiKey, settings.apiKey, context.env),
    errors: vultrErrors,
  });
}

/**
 * Every item of a cursor-paged listing (`key` holds the items of each page), pages of Vultr's
 * maximum size, following `meta.links.next` until it is empty.
 */
export function listAll<Item extends z.ZodMiniType>(
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
