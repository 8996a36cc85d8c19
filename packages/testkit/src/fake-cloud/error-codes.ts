import { RouteResponse } from './route-context.js';

/** One error a cloud answers: its HTTP status, its own code and its message (fixed, or made from a detail). */
export interface CloudErrorCode {
  readonly status: number;
  /** The cloud's code as it spells it (`'not_found'`, `'InvalidInstanceID.NotFound'`, `'ResourceNotFound'`). */
  readonly code: string;
  readonly message: string | ((detail: string | undefined) => string);
}

/** The generic codes `FakeCloud` and its faults pass to `errorResponse`. */
export type BaseErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'internal_error'
  | 'rate_limited'
  | 'invalid_request'
  | 'forbidden';

/** An error as it goes on the wire; the cloud's `render` turns it into its body. */
export interface RenderedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** A cloud's error codes, declared once, and the answers made from them. */
export interface ErrorCodeTable<Name extends string> {
  /** The declared codes by name. */
  readonly codes: Readonly<Record<Name, CloudErrorCode>>;
  /** The cloud's answer for `name`; `detail` feeds a message function. */
  response(name: Name, detail?: string, headers?: Record<string, string>): Response;
  /** Throws the answer for `name` from inside a route handler (see `RouteResponse`). */
  fail(name: Name, detail?: string, headers?: Record<string, string>): never;
  /**
   * What a fake's `errorResponse` returns: a base code mapped in `base` answers as that cloud
   * code (its status and message, the base's message as detail); anything else goes as given.
   */
  fromBase(status: number, code: string, message: string, headers?: Record<string, string>): Response;
}

/**
 * Declares a cloud's error codes once (status + code + message) with how its error body looks,
 * so a fake answers every error in the cloud's own shape:
 *
 * ```ts
 * const errors = defineErrorCodes(
 *   { notFound: { status: 404, code: 'not_found', message: 'The resource was not found.' } },
 *   (error) => Response.json({ id: error.code, message: error.message }, { status: error.status }),
 *   { not_found: 'notFound' },
 * );
 * ```
 */
export function defineErrorCodes<const Codes extends Record<string, CloudErrorCode>>(
  codes: Codes,
  render: (error: RenderedError, headers: Record<string, string>) => Response,
  base: Partial<Record<BaseErrorCode, keyof Codes & string>> = {},
): ErrorCodeTable<keyof Codes & string> {
  type Name = keyof Codes & string;
  const rendered = (name: Name, detail: string | undefined): RenderedError => {
    const entry = codes[name] as CloudErrorCode | undefined;
    if (entry === undefined) throw new TypeError(`No error code named ${name}.`);
    const message = typeof entry.message === 'function' ? entry.message(detail) : entry.message;
    return { status: entry.status, code: entry.code, message };
  };
  const table: ErrorCodeTable<Name> = {
    codes,
    response: (name, detail, headers = {}) => render(rendered(name, detail), headers),
    fail(name, detail, headers) {
      throw new RouteResponse(table.response(name, detail, headers));
    },
    fromBase(status, code, message, headers = {}) {
      const name = base[code as BaseErrorCode];
      return name === undefined
        ? render({ status, code, message }, headers)
        : render(rendered(name, message), headers);
    },
  };
  return table;
}
