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
 * (the brand is a `Symbol.for`), and so does `instanceof` for this class and the subclasses this
 * package defines: a provider's bundle carries its own copy of these classes, and a
 * `HostNotFoundError` it throws is still `instanceof` the caller's `HostNotFoundError`.
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

  /**
   * `instanceof` as `isInstance()`, for the classes that define one (this one and core's
   * subclasses): an error from another copy of this package is an instance by its brand. A
   * subclass without its own `isInstance()` (say, a plugin's) is matched by its prototype only, as
   * usual: it has no brand of its own to tell its instances from its parent's.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore-start lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about (a subclass, say).
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (Object.hasOwn(this, 'isInstance') && this.isInstance(value))
    );
    // biome-ignore-end lint/complexity/noThisInStatic: see above
  }
}

/** Brands a subclass so `Sub.isInstance()` works across package copies. */
export function brandOf(name: string): symbol {
  return Symbol.for(`provision.error.${name}`);
}
