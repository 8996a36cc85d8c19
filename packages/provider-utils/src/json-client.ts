import { createHttpClient } from './http-client.js';
import type { HttpAnswer, HttpClient, HttpClientOptions, HttpRequest } from './http-client-options.js';

/** How a JSON client is built: `HttpClientOptions` with a credential (the common case). */
export interface JsonClientOptions extends HttpClientOptions {
  /** Called before each request; throw `MissingCredentialsError` from here (see `loadCredential`). */
  readonly credential: () => string | Promise<string>;
}

/** One JSON request (`HttpRequest`). */
export type RequestOptions<T> = HttpRequest<T>;

/** A decoded JSON answer (`HttpAnswer`). */
export type JsonResponse<T> = HttpAnswer<T>;

/** A client for a JSON API with a bearer token (`HttpClient`). */
export type JsonClient = HttpClient;

/**
 * The JSON convenience of `createHttpClient`: JSON bodies and answers, a bearer token by default.
 * Everything `createHttpClient` does applies (signing, pacing, redirects, timeouts, retries).
 */
export function createJsonClient(options: JsonClientOptions): JsonClient {
  return createHttpClient(options);
}
