import type { CloudAnswer, CloudErrorCode, CloudNoAnswer } from './cloud-errors.js';
import { retryAfterMs } from './retry.js';

/** What `readCloudError` found in an exception: an answer's fields, or that no answer came. */
export type ReadCloudError = (CloudAnswer & { readonly kind: 'answer' }) | CloudNoAnswer;

type Loose = Record<string, unknown>;

const record = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Loose) : {};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const whole = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

// Headers as a plain record (AWS `$response.headers`), a `Headers`, or Azure's `HttpHeaders` (`get`).
function headersOf(value: unknown): Headers {
  if (value instanceof Headers) return value;
  const source = record(value);
  const headers = new Headers();
  if (typeof source.get === 'function') {
    const found = (source.get as (name: string) => unknown).call(value, 'retry-after');
    if (typeof found === 'string') headers.set('retry-after', found);
    return headers;
  }
  for (const [name, entry] of Object.entries(source))
    if (typeof entry === 'string' && name.toLowerCase() === 'retry-after') headers.set(name, entry);
  return headers;
}

// A Node socket error code (`ECONNRESET`, `ECONNREFUSED`), on the error or its cause.
function socketCodeOf(error: Loose): string | undefined {
  for (const candidate of [error.code, record(error.cause).code])
    if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
  return undefined;
}

// Compute Engine's REST errors list their reasons (`QUOTA_EXCEEDED`, `rateLimitExceeded`).
function reasonsOf(error: Loose): string[] {
  const lists = [error.errors, record(error.error).errors, record(record(error.body).error).errors];
  return lists
    .flatMap((list) =>
      Array.isArray(list)
        ? list.flatMap((entry) => [text(record(entry).reason), text(record(entry).code)])
        : [],
    )
    .filter((entry): entry is string => entry !== undefined);
}

/**
 * Reads an SDK's exception into the fields `CloudErrorTable.map` takes (add the `operation`):
 *
 * - AWS SDK v3: `$metadata.httpStatusCode` marks an answer; the code is `Code` or `name`;
 *   `Retry-After` from `$response.headers`. Without a status no answer came.
 * - Azure `RestError`: `statusCode` and `code`; `Retry-After` from `response.headers`.
 * - Google's clients (google-gax, REST errors): `reason` and the listed `errors[].reason`, then the
 *   gRPC status number in `code`; `DEADLINE_EXCEEDED` (4) without a status is a timeout.
 * - Scaleway `ScalewayError`: `status` and `type` (on the error or its `body`).
 * - Anything else that carries `status` or `statusCode` is an answer; an error with neither is no
 *   answer: a timeout when its name says so (`TimeoutError`, `AbortError` from a deadline) and no
 *   socket code, else a failed connection with its socket code (`ECONNRESET`).
 *
 * The exception itself is not kept: SDK errors carry the signed request.
 */
export function readCloudError(error: unknown, now: number = Date.now()): ReadCloudError {
  const failure = record(error);
  const message = text(failure.message);
  const metadata = record(failure.$metadata);
  if ('$metadata' in failure) {
    const status = whole(metadata.httpStatusCode);
    if (status !== undefined) {
      return {
        kind: 'answer',
        code: [text(failure.Code) ?? text(failure.name)],
        status,
        message,
        retryAfterMs: retryAfterMs(headersOf(record(failure.$response).headers), now),
      };
    }
  }
  const body = record(failure.body);
  const status = whole(failure.statusCode) ?? whole(failure.status) ?? whole(record(failure.response).status);
  const grpcCode = '$metadata' in failure ? undefined : whole(failure.code);
  // gRPC's DEADLINE_EXCEEDED (4) is a deadline, whichever side set it: the request may have been applied.
  if (status === undefined && grpcCode === 4) return { kind: 'timeout' };
  if (status !== undefined || grpcCode !== undefined) {
    const codes: Array<CloudErrorCode | undefined> = [
      text(failure.reason),
      ...reasonsOf(failure),
      text(failure.type),
      text(body.type),
      text(failure.code),
      grpcCode,
    ];
    return {
      kind: 'answer',
      code: codes,
      status,
      message: message ?? text(body.message),
      retryAfterMs: retryAfterMs(headersOf(record(failure.response).headers), now),
    };
  }
  const socketCode = socketCodeOf(failure);
  const name = text(failure.name) ?? '';
  const causeCode = text(record(failure.cause).code) ?? '';
  // undici names its deadlines in the cause's code (`UND_ERR_CONNECT_TIMEOUT`, `UND_ERR_HEADERS_TIMEOUT`).
  if (
    socketCode === undefined &&
    (/^(TimeoutError|RequestTimeout|AbortError)$/.test(name) || /TIMEOUT/.test(causeCode))
  )
    return { kind: 'timeout' };
  return { kind: 'network', socketCode };
}
