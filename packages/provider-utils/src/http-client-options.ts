import type { Logger, Operation, ProvisionError } from '@provision/core';
import type { CloudErrorTable } from './cloud-errors.js';
import type { ApiErrorDetails, HttpFailure } from './map-http-error.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ResponseSchema } from './response-schema.js';
import type { RetryOptions } from './retry.js';

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request signer sees, per attempt: exactly what is about to be sent. */
export interface SigningInput {
  readonly method: HttpMethod;
  /** The full URL, query included. */
  readonly url: URL;
  /** Headers about to be sent (lower-case names), credentials from `authorize` included. */
  readonly headers: Readonly<Record<string, string>>;
  /** The encoded body, as sent; undefined when there is none. */
  readonly body: string | undefined;
  /** The client's clock, in epoch ms, for this attempt (a retry is signed anew). */
  readonly now: number;
  /** 0 for the first attempt. */
  readonly attempt: number;
}

/** How a client is built. */
export interface HttpClientOptions {
  /** Plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /** Plugin package version, for the user agent. */
  readonly version: string;
  /**
   * API root, e.g. `'https://api.digitalocean.com'`; may carry a path prefix (the emulator's). Or
   * a function resolving it on first use (a service catalog); its answer is kept, and asked again
   * only after it failed or after `onUnauthorized`. Checked by `checkEndpoint` either way.
   */
  readonly baseUrl: string | (() => string | Promise<string>);
  /** Allows plain `http://` to a host that is not loopback. Default false: it would carry the credentials in clear. */
  readonly allowInsecureHttp?: boolean | undefined;
  /**
   * Sends every request. Default: Node's `node:http`/`node:https` while `globalThis.fetch` is the
   * one the process started with (the first `fetch()` loads undici, about 100 ms of CPU), else
   * `globalThis.fetch`, looked up at each request (so interceptors installed later apply).
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Called before each request; throw `MissingCredentialsError` from here (see `loadCredential`). Omit when `sign` does all. */
  readonly credential?: (() => string | Promise<string>) | undefined;
  /** Headers carrying the credential. Default: `Authorization: Bearer <credential>`. */
  readonly authorize?:
    | ((credential: string) => Record<string, string> | Promise<Record<string, string>>)
    | undefined;
  /** Headers computed per attempt from the request and the time (OVH's signature, AWS-style signing). */
  readonly sign?:
    | ((input: SigningInput) => Record<string, string> | Promise<Record<string, string>>)
    | undefined;
  /**
   * Called once when a request is answered 401; the request is then sent once more with the
   * credential asked again (a cached token refreshed: Keystone). Without it a 401 is an error at once.
   */
  readonly onUnauthorized?: (() => void | Promise<void>) | undefined;
  /**
   * Headers sent with every request. They may replace `accept`; a request's own headers replace
   * these; the body's content type, `authorize` and `sign` are applied after and win.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** `Accept` header. Default `'application/json'`. */
  readonly accept?: string | undefined;
  /** Reads an answer's text (XML, say). Default `JSON.parse`. Throwing means "not the cloud's format". */
  readonly parse?: ((text: string, response: Response) => unknown) | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Per attempt, in ms, from sending until the whole answer is read. Default 30000. */
  readonly timeoutMs?: number | undefined;
  /** Gets method, path (without query), status, attempt and duration. Never headers or bodies. */
  readonly logger?: Logger | undefined;
  /** Reads the cloud's error body (parsed by `parse`). Default: `{ code: body.code ?? body.id, message: body.message }`. */
  readonly parseError?: ((body: unknown, response: Response) => ApiErrorDetails) | undefined;
  /**
   * The cloud's error table (`defineCloudErrors`): how error answers, no answer and the limiter's
   * refusal become core's errors. Default: a table of the HTTP status classes alone.
   */
  readonly errors?: CloudErrorTable | undefined;
  /** A mapping that runs before the table, for what a table cannot say; return undefined to fall back to it. */
  readonly mapError?: ((failure: HttpFailure) => ProvisionError | undefined) | undefined;
  /**
   * Paces requests. Default: the limiter shared by every client of the same provider, account and
   * base URL (`sharedRateLimiter`).
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /** What identifies the account for the shared limiter (hashed, never kept). Default: the credential. */
  readonly account?: (() => string | Promise<string>) | undefined;
  /** For tests: waits. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** For tests and signing: the clock in epoch ms. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** Form fields; `undefined` values are left out. A `URLSearchParams` keeps order and repeats. */
export type FormFields = Readonly<Record<string, string | number | boolean | undefined>> | URLSearchParams;

/** The body of a request: JSON (`body`), form-encoded (`form`) or raw text such as XML (`text`). */
export type RequestBody =
  | {
      readonly body?: unknown;
      readonly form?: undefined;
      readonly text?: undefined;
      readonly contentType?: string;
    }
  | {
      readonly form: FormFields;
      readonly body?: undefined;
      readonly text?: undefined;
      readonly contentType?: undefined;
    }
  | {
      readonly text: string;
      readonly contentType: string;
      readonly body?: undefined;
      readonly form?: undefined;
    };

/** One request, apart from its body. */
export interface RequestCommon<T> {
  readonly method: HttpMethod;
  /** Path under the base URL, e.g. `'/v2/droplets/123'`, or an absolute URL on the same origin (pagination links). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>> | undefined;
  /** Extra headers for this request. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly operation: Operation;
  /** Reads this answer's text instead of the client's `parse`. */
  readonly parse?: ((text: string, response: Response) => unknown) | undefined;
  /** Checks the parsed answer; a mismatch becomes `ProviderApiError` (`invalid_response`). */
  readonly schema?: ResponseSchema<T> | undefined;
  /**
   * Whether a success with no body is legal (204, most DELETEs). Default: true without a `schema`,
   * false with one. When false an empty answer is `ProviderApiError` (`invalid_response`).
   */
  readonly allowEmptyBody?: boolean | undefined;
  /** Whether repeating the request is harmless. Default: true for GET, HEAD, PUT and DELETE. Only these are retried after a failure that may have been processed. */
  readonly idempotent?: boolean | undefined;
  /** Statuses handed back (with `data` undefined) instead of thrown, e.g. `[404]`. */
  readonly allowStatus?: readonly number[] | undefined;
  /**
   * Values this request carries that must never be shown, such as the user-data: cut out of the
   * cloud's error message (in every form it may be quoted in) before it reaches an error. The
   * credential, the authorization headers and the encoded body are always cut out.
   */
  readonly secrets?: ReadonlyArray<string | undefined> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** One request. */
export type HttpRequest<T> = RequestCommon<T> & RequestBody;

/** A decoded answer. */
export interface HttpAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The validated body; undefined for an empty answer and for statuses in `allowStatus` that are errors. */
  readonly data: T;
}

/** A small HTTP client for a cloud's API: retries, pacing, signing, error mapping. */
export interface HttpClient {
  request<T = undefined>(request: HttpRequest<T>): Promise<HttpAnswer<T>>;
}
