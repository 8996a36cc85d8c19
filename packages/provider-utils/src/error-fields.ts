import type { ApiErrorDetails } from './map-http-error.js';

/** Which top-level fields of an error body hold the code and the message, first present wins. */
export interface ErrorFields {
  readonly code?: readonly string[];
  readonly message?: readonly string[];
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (!Array.isArray(value)) return undefined;
  const sentences = value.filter((item): item is string => typeof item === 'string' && item !== '');
  return sentences.length > 0 ? sentences.join('; ') : undefined;
}

/**
 * A `parseError` for a cloud whose error body is one flat JSON object: the code and the message
 * are the first of the named fields holding a string, or an array of strings (joined with "; ").
 * Equinix Metal `{ errors: [...] }` or `{ error }` (`message: ['errors', 'error']`), Civo
 * `{ code | result, reason }`, DigitalOcean `{ id, message }`. Nested errors (Linode's
 * `errors: [{ field, reason }]`, Azure's, Google's) need the cloud's own parser.
 */
export function parseErrorFields(fields: ErrorFields): (body: unknown) => ApiErrorDetails {
  const first = (record: Record<string, unknown>, names: readonly string[] = []) => {
    for (const name of names) {
      const text = textOf(record[name]);
      if (text !== undefined) return text;
    }
    return undefined;
  };
  return (body) => {
    if (typeof body !== 'object' || body === null) return {};
    const record = body as Record<string, unknown>;
    const code = first(record, fields.code);
    const message = first(record, fields.message);
    return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
  };
}
