const BRAND = Symbol.for('provision.error');

/** The operations an error can come from. */
export type Operation =
  | 'provision'
  | 'status'
  | 'delete'
  | 'list'
  | 'start'
  | 'stop'
  | 'reboot'
  | 'plans'
  | 'regions'
  | 'verifyCredentials'
  | 'quota'
  | 'orphans'
  | 'inboundRules'
  | 'wait'
  | 'settings';

/** Fields every provision error carries. */
export interface ProvisionErrorOptions {
  /** Plugin id, when the error comes from one. */
  readonly provider?: string | undefined;
  /** Operation that failed. */
  readonly operation?: Operation | undefined;
  /** What the user can do about it, one sentence. */
  readonly hint?: string | undefined;
  /** The underlying error. Never holds a request or response object (they can carry credentials). */
  readonly cause?: unknown;
}

/**
 * Base of every error this project throws. `isInstance()` works across copies of this package
 * (the brand is a `Symbol.for`), where `instanceof` would not.
 * Messages say what happened, why and what to do; they never contain a credential or user-data.
 */
export class ProvisionError extends Error {
  /** Stable machine-readable code, e.g. `'host_not_found'`. */
  readonly code: string;
  /** Plugin id, when known. */
  readonly provider: string | undefined;
  /** Operation that failed, when known. */
  readonly operation: Operation | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** What to do about it. */
  readonly hint: string | undefined;
  readonly [BRAND] = true;

  constructor(code: string, message: string, retryable: boolean, options: ProvisionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.provider = options.provider;
    this.operation = options.operation;
    this.retryable = retryable;
    this.hint = options.hint;
  }

  /** True for any provision error, from any copy of this package. */
  static isInstance(value: unknown): value is ProvisionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Brands a subclass so `Sub.isInstance()` works across package copies. */
export function brandOf(name: string): symbol {
  return Symbol.for(`provision.error.${name}`);
}
