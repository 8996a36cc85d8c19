import { ProviderApiError } from '@provision/core';
import type { HttpRequest } from './http-client-options.js';
import type { ApiErrorDetails } from './map-http-error.js';
import { checkAnswer } from './response-check.js';
import type { ResponseSchema } from './response-schema.js';

/** A request body as sent: its text and media type. */
export interface EncodedBody {
  readonly text: string | undefined;
  readonly contentType: string | undefined;
}

/** Encodes a request's JSON, form or raw body. */
export function encodeBody(request: HttpRequest<unknown>): EncodedBody {
  if (request.text !== undefined) return { text: request.text, contentType: request.contentType };
  if (request.form !== undefined) {
    const form =
      request.form instanceof URLSearchParams
        ? request.form
        : new URLSearchParams(
            Object.entries(request.form).flatMap(
              ([key, value]): Array<[string, string]> => (value === undefined ? [] : [[key, String(value)]]),
            ),
          );
    return { text: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (request.body === undefined) return { text: undefined, contentType: undefined };
  return { text: JSON.stringify(request.body), contentType: request.contentType ?? 'application/json' };
}

/**
 * The common JSON error bodies: `{ code | id, message }` (DigitalOcean's `id`), the same nested
 * under `error` (Hetzner's `{ error: { code, message } }`), or `error` as the message (Vultr).
 */
export function defaultParseError(body: unknown): ApiErrorDetails {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const inner =
    typeof record.error === 'object' && record.error !== null
      ? (record.error as Record<string, unknown>)
      : {};
  return {
    code: text(record.code) ?? text(record.id) ?? text(inner.code),
    message: text(record.message) ?? text(inner.message) ?? text(record.error),
  };
}

// The media type only (never the body): enough to tell an HTML page from the cloud's format.
function mediaType(response: Response): string {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const clean = type.replace(/[^\w.+/-]/g, '').slice(0, 60);
  return clean === '' ? 'no content type' : clean;
}

/** How to read one answer. */
export interface DecodeRules<T> {
  readonly provider: string;
  readonly what: string;
  readonly operation: HttpRequest<T>['operation'];
  readonly parse: (text: string, response: Response) => unknown;
  readonly schema: ResponseSchema<T> | undefined;
  readonly allowEmptyBody: boolean;
}

/**
 * Reads a success (or an allowed status): empty where that is legal, else parsed and checked.
 * Anything else is the wrong answer, never a success: `ProviderApiError` (`invalid_response`),
 * whose message names the media type but never repeats the body.
 */
export function decodeAnswer<T>(text: string, response: Response, rules: DecodeRules<T>): T {
  const { provider, what, operation } = rules;
  const invalid = (problem: string) =>
    new ProviderApiError(`${provider} answered ${what} with ${problem}.`, {
      provider,
      operation,
      code: 'invalid_response',
      status: response.status,
      retryable: false,
      hint: 'Check that the endpoint is the cloud API (not a proxy or a web page) and try again.',
    });
  if (text.trim() === '') {
    if (rules.allowEmptyBody || !response.ok) return undefined as T;
    throw invalid('an empty body where one was expected');
  }
  let parsed: unknown;
  try {
    parsed = rules.parse(text, response);
  } catch {
    throw invalid(`a body it could not read (${mediaType(response)})`);
  }
  if (!response.ok || rules.schema === undefined) return (response.ok ? parsed : undefined) as T;
  const checked = checkAnswer(rules.schema, parsed);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join('.') || '(root)';
    throw invalid(`an unexpected body (at ${where})`);
  }
  return checked.data;
}

/** Parses an error answer for `parseError`; a body that does not parse is no details, not a new error. */
export function parseErrorBody(
  text: string,
  response: Response,
  parse: (text: string, response: Response) => unknown,
): unknown {
  if (text.trim() === '') return undefined;
  try {
    return parse(text, response);
  } catch {
    return undefined;
  }
}
