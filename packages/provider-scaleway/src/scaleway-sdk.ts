import { type Operation, ProviderApiError, ProvisionError } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { createAdvancedClient, withHTTPClient, withProfile, withUserAgent } from '@scaleway/sdk-client';
import { Instancev1 } from '@scaleway/sdk-instance';
import { VERSION } from './version.js';

/**
 * Where the SDK believes it sends. The bridge keeps only the path and query of its requests:
 * the kit's client sends them to the configured endpoint, with the credential.
 */
const SDK_API_URL = 'https://api.scaleway.com';

/** How one SDK call is sent: its operation (logs, errors), the caller's signal, and what to redact. */
export interface SdkCall {
  readonly operation: Operation;
  readonly signal?: AbortSignal | undefined;
  /** Whether repeating the request is harmless (retried after a failure that may have been processed). */
  readonly idempotent?: boolean;
  /** Values this request carries that must never be shown. */
  readonly secrets?: ReadonlyArray<string | undefined>;
}

/** The Instance API v1 of `@scaleway/sdk-instance`. */
export type InstanceApi = InstanceType<typeof Instancev1.API>;

const NO_BODY = new Set([204, 205, 304]);

/**
 * An answer the kit's client has read and parsed, handed to the SDK as it is: the SDK reads it
 * with `json()`, which returns the parsed value instead of parsing a serialized copy (writing the
 * answer out again and parsing it twice was about a third of a list's CPU).
 */
class ParsedAnswer extends Response {
  readonly #data: unknown;

  constructor(data: unknown, init: { status: number; headers: Headers }) {
    super(null, init);
    this.#data = data;
  }
  override async json(): Promise<unknown> {
    return this.#data;
  }
  override async text(): Promise<string> {
    return this.#data === undefined ? '' : JSON.stringify(this.#data);
  }
  override async blob(): Promise<Blob> {
    return new Blob([await this.text()], { type: 'application/json' });
  }
  override clone(): ParsedAnswer {
    return new ParsedAnswer(this.#data, { status: this.status, headers: new Headers(this.headers) });
  }
}

/**
 * An SDK client whose every request goes through the kit's client: the SDK builds and
 * marshals the request and reads the answer; the kit sends it (retries, the account's shared
 * pacing, `X-Auth-Token` read at the request, redaction, Scaleway's errors mapped to core's, which
 * the SDK passes through untouched). Looked up at each request, so interceptors installed later
 * apply, as the SDK itself would not: it keeps the `fetch` it found when imported.
 */
export function instanceApi(client: JsonClient, call: SdkCall): InstanceApi {
  const httpClient = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const common = {
      method: request.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operation: call.operation,
      ...(call.idempotent === undefined ? {} : { idempotent: call.idempotent }),
      ...(call.secrets === undefined ? {} : { secrets: call.secrets }),
      signal: call.signal,
    };
    const contentType = request.headers.get('content-type') ?? 'application/json';
    // The kit's client reads the answer as JSON: a page that is not (a proxy's HTML) fails there.
    const answer = await client.request<unknown>(text === '' ? common : { ...common, text, contentType });
    const empty = NO_BODY.has(answer.status);
    if (!empty && (typeof answer.data !== 'object' || answer.data === null))
      throw new ProviderApiError(
        `Scaleway answered ${call.operation} with HTTP ${answer.status} but no JSON object; a proxy may be in the way.`,
        { provider: 'scaleway', operation: call.operation, status: answer.status, code: 'invalid_response' },
      );
    // The body is no longer the wire's: its length and encoding do not apply.
    const headers = new Headers(answer.headers);
    for (const name of ['content-length', 'content-encoding', 'transfer-encoding']) headers.delete(name);
    return new ParsedAnswer(empty ? undefined : answer.data, { status: answer.status, headers });
  };
  return new Instancev1.API(
    createAdvancedClient(
      withProfile({ apiURL: SDK_API_URL }),
      withHTTPClient(httpClient as typeof fetch),
      withUserAgent(`provision/scaleway/${VERSION}`),
    ),
  );
}

/** The SDK call's answer, or undefined when Scaleway answers 404 (the resource is gone). */
export async function ifFound<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (ProvisionError.isInstance(error) && (error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
