import {
  type CallOptions,
  CapacityError,
  MissingCredentialsError,
  type Operation,
  ProviderApiError,
  type ProvisionerContext,
  QuotaExceededError,
} from '@provision/core';
import {
  collectPages,
  createJsonClient,
  type HttpFailure,
  type JsonClient,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import type { z } from 'zod';
import { PAGE_SIZE } from './linode-api.js';
import {
  checkLinodeToken,
  LINODE_API,
  LINODE_ENDPOINT_ENV,
  LINODE_TOKEN_ENV,
  type LinodeSettings,
  linodeCliToken,
} from './linode-settings.js';
import { VERSION } from './version.js';

// Linode answers errors as { errors: [{ reason, field? }] }; a 400 covers bad input, the account's
// Linode limit and a type sold out in a region, which only the reason tells apart.
// https://techdocs.akamai.com/linode-api/reference/errors
function mapLinodeError(failure: HttpFailure) {
  const message = failure.details.message ?? '';
  const base = { provider: failure.provider, operation: failure.operation };
  if (failure.status === 400 && /account limit|limit reached/i.test(message))
    return new QuotaExceededError(`Linode refused: ${message}`, {
      ...base,
      hint: 'Delete unused Linodes or open a support ticket to raise the limit.',
    });
  if (failure.status === 400 && /not available|capacity|sold out/i.test(message))
    return new CapacityError(`Linode cannot place the Linode: ${message}`, {
      ...base,
      hint: 'Try another region or type (`provision plans --provider linode`).',
    });
  return undefined;
}

/** The reasons of Linode's error body, with the field they name, as one message. */
function parseLinodeError(body: unknown) {
  const errors = (body as { errors?: Array<{ reason?: unknown; field?: unknown }> } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return {};
  const message = errors
    .map((error) => {
      const reason = typeof error.reason === 'string' ? error.reason : 'unknown error';
      return typeof error.field === 'string' ? `${error.field}: ${reason}` : reason;
    })
    .join('; ');
  const field = errors.find((error) => typeof error.field === 'string')?.field as string | undefined;
  return { message, ...(field === undefined ? {} : { code: field }) };
}

/**
 * The HTTP client for one provisioner: the token read lazily per request (the option,
 * `LINODE_TOKEN`, `LINODE_CLI_TOKEN`, then linode-cli's default user), the endpoint checked
 * before any request, paced by the account's shared limiter.
 */
export function createLinodeClient(settings: LinodeSettings, context: ProvisionerContext): JsonClient {
  return createJsonClient({
    provider: 'linode',
    version: VERSION,
    baseUrl: resolveEndpoint({
      provider: 'linode',
      value: settings.endpoint,
      setting: 'endpoint',
      envVar: LINODE_ENDPOINT_ENV,
      env: context.env,
      fallback: LINODE_API,
      allowInsecureHttp: settings.allowInsecureHttp,
    }),
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch: settings.fetch,
    credential: () => linodeToken(settings, context.env),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    logger: context.logger,
    parseError: parseLinodeError,
    mapError: mapLinodeError,
  });
}

/** The token: the option, the variables, then linode-cli's config (read only when the others are unset). */
function linodeToken(settings: LinodeSettings, env: Readonly<Record<string, string | undefined>>): string {
  const unset = settings.token === undefined && LINODE_TOKEN_ENV.every((name) => !env[name]);
  const fromConfig = unset ? linodeCliToken(env) : undefined;
  if (fromConfig !== undefined) {
    const problem = checkLinodeToken(fromConfig);
    if (problem === undefined) return fromConfig;
    throw new MissingCredentialsError(
      `The linode credential in linode-cli's config is malformed: ${problem}.`,
      {
        provider: 'linode',
        envVars: LINODE_TOKEN_ENV,
        hint: 'Run `linode-cli configure` again, or set LINODE_TOKEN.',
      },
    );
  }
  return loadCredential({
    provider: 'linode',
    value: settings.token,
    option: 'token',
    envVars: LINODE_TOKEN_ENV,
    env,
    validate: checkLinodeToken,
  });
}

/** What one listing asks: a path, an `X-Filter` object, and how to read a page. */
export interface Listing<Item> {
  readonly path: string;
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly operation: Operation;
  readonly schema: z.ZodType<{ data: Item[]; page: number; pages: number }>;
  /**
   * The description gives the collection no `page`/`page_size` (types, regions: one page holds
   * all): the first request sends neither; were more pages answered, they are asked by `page`.
   */
  readonly unpaged?: boolean;
}

/**
 * Every item of a listing, in pages of Linode's maximum (500). Page 1 says how many `pages` there
 * are; the others are read in parallel under the shared limiter.
 * https://techdocs.akamai.com/linode-api/reference/pagination
 */
export function listAll<Item>(
  client: JsonClient,
  listing: Listing<Item>,
  options?: CallOptions,
): Promise<Item[]> {
  const headers = listing.filter === undefined ? undefined : { 'x-filter': JSON.stringify(listing.filter) };
  return collectPages(
    1,
    async (page: number) => {
      const { data } = await client.request({
        method: 'GET',
        path: listing.path,
        query: listing.unpaged === true ? (page === 1 ? {} : { page }) : { page, page_size: PAGE_SIZE },
        headers,
        operation: listing.operation,
        schema: listing.schema,
        signal: options?.signal,
      });
      if (data.page !== page)
        throw new ProviderApiError(`Linode answered page ${data.page} when asked for page ${page}.`, {
          provider: 'linode',
          operation: listing.operation,
        });
      return {
        items: data.data,
        next: page < data.pages ? page + 1 : undefined,
        rest:
          page === 1 && data.pages > 1
            ? Array.from({ length: data.pages - 1 }, (_, index) => index + 2)
            : undefined,
      };
    },
    { provider: 'linode', concurrency: 8 },
  );
}
