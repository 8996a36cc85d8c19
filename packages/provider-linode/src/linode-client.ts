import {
  type CallOptions,
  MissingCredentialsError,
  type Operation,
  ProviderApiError,
  type ProvisionerContext,
} from '@provision/core';
import {
  createJsonClient,
  defineCloudErrors,
  type JsonClient,
  listNumberedPages,
  loadCredential,
  resolveEndpoint,
} from '@provision/provider-utils';
import type * as z from 'zod/mini';
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

/**
 * Linode's errors by class. Its answers are `{ errors: [{ reason, field? }] }` with no code, and a
 * 400 covers bad input, the account's Linode limit ("Account Limit reached") and a type sold out
 * in a region, which only the reason tells apart. https://techdocs.akamai.com/linode-api/reference/errors
 */
const linodeErrors = defineCloudErrors({
  provider: 'linode',
  displayName: 'Linode',
  messages: [
    { status: 400, pattern: /account limit|limit reached/i, errorClass: 'quota' },
    { status: 400, pattern: /not available|capacity|sold out/i, errorClass: 'capacity' },
    // An action while another runs on the same Linode: "Linode busy."
    { status: 400, pattern: /\bbusy\b/i, errorClass: 'busy' },
  ],
  hints: {
    authentication: 'Check that the token is current and has the Linodes and Firewalls read/write scopes.',
    permission: 'Check that the token has the Linodes and Firewalls read/write scopes.',
    quota: 'Delete unused Linodes or open a support ticket to raise the limit.',
    capacity: 'Try another region or type (`provision plans --provider linode`).',
  },
});

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
    errors: linodeErrors,
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
  readonly schema: z.ZodMiniType<{ data: Item[]; page: number; pages: number }>;
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
  const { path, operation, schema } = listing;
  return listNumberedPages(
    client,
    {
      path,
      operation,
      schema,
      headers: listing.filter === undefined ? undefined : { 'x-filter': JSON.stringify(listing.filter) },
      pageQuery: (page) =>
        listing.unpaged === true ? (page === 1 ? {} : { page }) : { page, page_size: PAGE_SIZE },
      read: (data, page) => {
        if (data.page !== page)
          throw new ProviderApiError(`Linode answered page ${data.page} when asked for page ${page}.`, {
            provider: 'linode',
            operation,
          });
        return { items: data.data, lastPage: data.pages };
      },
      signal: options?.signal,
    },
    { provider: 'linode', concurrency: 8 },
  );
}
