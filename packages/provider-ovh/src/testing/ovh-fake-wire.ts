import { createHash } from 'node:crypto';

/**
 * Wire details every OVH answer shares: JSON bodies (a `void` operation answers `null`), and the
 * two error shapes: the authentication layer's `{ errorCode, httpCode, message }` and the API's
 * `{ class, message }` (see `test-fixtures/ovh-cloud-api.SOURCE.md`).
 */

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** The authentication layer's refusal: `{"errorCode":"INVALID_SIGNATURE","httpCode":"400 Bad Request","message":"Invalid signature"}`. */
export function authError(status: number, errorCode: string, message: string): Response {
  return jsonResponse({ errorCode, httpCode: `${status} ${REASONS[status] ?? ''}`.trim(), message }, status);
}

/** The API's error: `{ class: "Client::NotFound", message }`. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): Response {
  const kind =
    status >= 500
      ? 'Server::InternalServerError'
      : `Client::${(REASONS[status] ?? 'BadRequest').replace(/ /g, '')}`;
  return new Response(JSON.stringify({ class: kind, message }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A UUID that is the same on every run for the same words. */
export function stableUuid(...words: string[]): string {
  const hex = createHash('sha1').update(words.join('/')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `2026-12-02T10:00:00Z`, as OVH writes a `datetime`. */
export function ovhDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
