import { brandOf, ProvisionError, type ProvisionErrorOptions } from './provision-error.js';

function isBranded(value: unknown, brand: symbol): boolean {
  return ProvisionError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[brand] === true;
}

const INVALID_REQUEST = brandOf('InvalidRequestError');
/** The input breaks a rule. Thrown before any request is sent. */
export class InvalidRequestError extends ProvisionError {
  readonly [INVALID_REQUEST] = true;
  /** The input field at fault, e.g. `'name'`, `'inbound[2].to'`. */
  readonly field: string | undefined;
  constructor(message: string, options: ProvisionErrorOptions & { field?: string; code?: string } = {}) {
    super(options.code ?? 'invalid_request', message, false, options);
    this.field = options.field;
  }
  static override isInstance(value: unknown): value is InvalidRequestError {
    return isBranded(value, INVALID_REQUEST);
  }
}

const UNSUPPORTED = brandOf('UnsupportedError');
/** The OS, region or feature is not supported by this plugin or cloud. Thrown before any request. */
export class UnsupportedError extends ProvisionError {
  readonly [UNSUPPORTED] = true;
  constructor(message: string, options: ProvisionErrorOptions = {}) {
    super('unsupported', message, false, options);
  }
  static override isInstance(value: unknown): value is UnsupportedError {
    return isBranded(value, UNSUPPORTED);
  }
}

const MISSING_CREDENTIALS = brandOf('MissingCredentialsError');
/** No usable credential was found (or it is malformed). Names the option and the environment variables. */
export class MissingCredentialsError extends ProvisionError {
  readonly [MISSING_CREDENTIALS] = true;
  /** Environment variables that would have been read, in order. */
  readonly envVars: readonly string[];
  constructor(message: string, options: ProvisionErrorOptions & { envVars?: readonly string[] } = {}) {
    super('missing_credentials', message, false, options);
    this.envVars = options.envVars ?? [];
  }
  static override isInstance(value: unknown): value is MissingCredentialsError {
    return isBranded(value, MISSING_CREDENTIALS);
  }
}

const AUTHENTICATION = brandOf('AuthenticationError');
/** The cloud rejected the credentials (401/403). */
export class AuthenticationError extends ProvisionError {
  readonly [AUTHENTICATION] = true;
  constructor(message: string, options: ProvisionErrorOptions = {}) {
    super('authentication_failed', message, false, options);
  }
  static override isInstance(value: unknown): value is AuthenticationError {
    return isBranded(value, AUTHENTICATION);
  }
}

const HOST_NOT_FOUND = brandOf('HostNotFoundError');
/** The host does not exist (or no longer does). */
export class HostNotFoundError extends ProvisionError {
  readonly [HOST_NOT_FOUND] = true;
  /** The id or IP that was looked up. */
  readonly hostId: string;
  constructor(hostId: string, options: ProvisionErrorOptions = {}) {
    super(
      'host_not_found',
      `Host ${hostId} was not found${options.provider ? ` on ${options.provider}` : ''}.`,
      false,
      {
        hint: 'It may have been deleted; `list()` shows the hosts that exist.',
        ...options,
      },
    );
    this.hostId = hostId;
  }
  static override isInstance(value: unknown): value is HostNotFoundError {
    return isBranded(value, HOST_NOT_FOUND);
  }
}

const RATE_LIMIT = brandOf('RateLimitError');
/** The cloud is throttling requests. Retry after `retryAfterMs`. */
export class RateLimitError extends ProvisionError {
  readonly [RATE_LIMIT] = true;
  /** How long the cloud asked us to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ProvisionErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super('rate_limited', message, true, options);
    this.retryAfterMs = options.retryAfterMs;
  }
  static override isInstance(value: unknown): value is RateLimitError {
    return isBranded(value, RATE_LIMIT);
  }
}

const QUOTA = brandOf('QuotaExceededError');
/** The account's limit (hosts, vCPUs, firewalls...) is reached. */
export class QuotaExceededError extends ProvisionError {
  readonly [QUOTA] = true;
  constructor(message: string, options: ProvisionErrorOptions = {}) {
    super('quota_exceeded', message, false, options);
  }
  static override isInstance(value: unknown): value is QuotaExceededError {
    return isBranded(value, QUOTA);
  }
}

const CAPACITY = brandOf('CapacityError');
/** The region or plan is sold out right now. Another region or plan, or a later retry, may work. */
export class CapacityError extends ProvisionError {
  readonly [CAPACITY] = true;
  constructor(message: string, options: ProvisionErrorOptions = {}) {
    super('capacity', message, true, options);
  }
  static override isInstance(value: unknown): value is CapacityError {
    return isBranded(value, CAPACITY);
  }
}

const PROVIDER_API = brandOf('ProviderApiError');
/** The cloud answered with an error we have no better class for, or with a body we could not read. */
export class ProviderApiError extends ProvisionError {
  readonly [PROVIDER_API] = true;
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The cloud's own error code, e.g. `'unprocessable_entity'`. */
  readonly providerCode: string | undefined;
  constructor(
    message: string,
    options: ProvisionErrorOptions & {
      status?: number | undefined;
      providerCode?: string | undefined;
      retryable?: boolean;
      /** Default `'provider_api_error'`; `'network_error'`, `'timeout'` and `'invalid_response'` are also used. */
      code?: string;
    } = {},
  ) {
    super(options.code ?? 'provider_api_error', message, options.retryable ?? false, options);
    this.status = options.status;
    this.providerCode = options.providerCode;
  }
  static override isInstance(value: unknown): value is ProviderApiError {
    return isBranded(value, PROVIDER_API);
  }
}

const WAIT_TIMEOUT = brandOf('WaitTimeoutError');
/** `waitForHost` reached its deadline. The host may still get there: its last known state is attached. */
export class WaitTimeoutError extends ProvisionError {
  readonly [WAIT_TIMEOUT] = true;
  /** The status seen last, if any. */
  readonly lastStatus: string | undefined;
  constructor(message: string, options: ProvisionErrorOptions & { lastStatus?: string | undefined } = {}) {
    super('wait_timeout', message, true, options);
    this.lastStatus = options.lastStatus;
  }
  static override isInstance(value: unknown): value is WaitTimeoutError {
    return isBranded(value, WAIT_TIMEOUT);
  }
}
