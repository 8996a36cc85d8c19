import {
  AuthenticationError,
  CapacityError,
  type Operation,
  ProviderApiError,
  type ProvisionError,
  QuotaExceededError,
  RateLimitError,
} from '@provision/core';

/** The classes a cloud's error codes fall into; each maps to one of core's errors. */
export const CLOUD_ERROR_CLASSES = [
  /** The credentials were rejected: `AuthenticationError`. */
  'authentication',
  /** The credentials are valid but lack a permission: `AuthenticationError`. */
  'permission',
  /** The region or plan is sold out right now: `CapacityError`. */
  'capacity',
  /** An account limit is reached: `QuotaExceededError`. */
  'quota',
  /** The cloud is pacing requests: `RateLimitError`. */
  'throttling',
  /** The resource does not exist: `ProviderApiError`, not retryable. */
  'not_found',
  /** The request clashes with what exists (a taken name, a resource in use): `ProviderApiError`, not retryable. */
  'conflict',
  /** The resource is in the middle of another change (an action running, a locked item): `ProviderApiError`, retryable. */
  'busy',
  /** The cloud refused the request's content: `ProviderApiError`, not retryable. */
  'invalid_request',
  /** The cloud failed for a passing reason (5xx, 408): `ProviderApiError`, retryable. */
  'unavailable',
] as const;

/** One class of cloud error (see `CLOUD_ERROR_CLASSES`). */
export type CloudErrorClass = (typeof CLOUD_ERROR_CLASSES)[number];

/** A cloud's own error code: a string (`'RequestLimitExceeded'`, `'uniqueness_error'`) or a number (a gRPC status). */
export type CloudErrorCode = string | number;

/** Classifies an answer by its message, for clouds whose code is too coarse (DigitalOcean's 422). */
export interface CloudErrorMessageRule {
  /** Only answers with this HTTP status; any status when omitted. */
  readonly status?: number | undefined;
  readonly pattern: RegExp;
  readonly errorClass: CloudErrorClass;
}

/** How a cloud's errors are declared, once per provider. */
export interface CloudErrorTableOptions {
  /** Plugin id, e.g. `'hetzner'`. */
  readonly provider: string;
  /** The cloud as messages name it, e.g. `'AWS EC2'`. Default: `provider`. */
  readonly displayName?: string | undefined;
  /** The cloud's codes by class, compared exactly. A code in no list falls to `messages`, then `statuses`. */
  readonly codes?: Partial<Record<CloudErrorClass, readonly CloudErrorCode[]>> | undefined;
  /** Message rules, tried in order after the codes. */
  readonly messages?: readonly CloudErrorMessageRule[] | undefined;
  /** Classes by HTTP status, merged over `DEFAULT_STATUS_CLASSES`; any other 5xx is `unavailable`. */
  readonly statuses?: Readonly<Record<number, CloudErrorClass>> | undefined;
  /** What the user can do, per class, replacing the default hint. */
  readonly hints?: Partial<Record<CloudErrorClass, string>> | undefined;
}

/** The class an HTTP status gives when no code or message rule decides. */
export const DEFAULT_STATUS_CLASSES: Readonly<Record<number, CloudErrorClass>> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  408: 'unavailable',
  409: 'conflict',
  422: 'invalid_request',
  423: 'busy',
  429: 'throttling',
};

/** What an answer said: from an error body (`parseError`) or an SDK exception (`readCloudError`). */
export interface CloudAnswer {
  readonly kind?: 'answer' | undefined;
  /** The cloud's code, or several in order of precedence (a GCE `reason` before its gRPC number). */
  readonly code?: CloudErrorCode | ReadonlyArray<CloudErrorCode | undefined> | undefined;
  /** The HTTP status, when known. */
  readonly status?: number | undefined;
  /** The cloud's message; quoted, whitespace folded and capped, as "The cloud said: ...". */
  readonly message?: string | undefined;
  /** How long the cloud asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number | undefined;
}

/** No answer came: the deadline passed, or the connection failed. The request may have been applied. */
export interface CloudNoAnswer {
  readonly kind: 'timeout' | 'network';
  /** What was sent, e.g. `'GET /v2/droplets'`. Default: `the request for <operation>`. */
  readonly request?: string | undefined;
  /** The deadline that passed, in ms. */
  readonly timeoutMs?: number | undefined;
  /** The socket's error code for a failed connection, e.g. `'ECONNRESET'`. */
  readonly socketCode?: string | undefined;
  /** Whether the request can have changed something (not a GET). Default true. */
  readonly mayHaveApplied?: boolean | undefined;
}

/** The account's rate limiter would hold the request longer than allowed (`RateLimitWaitTooLong`). */
export interface CloudPacedOut {
  readonly kind: 'paced';
  /** How long the next request must wait, in ms. */
  readonly waitMs: number;
}

/** Anything a call to the cloud can end in, with the operation it was for. */
export type CloudFailure = (CloudAnswer | CloudNoAnswer | CloudPacedOut) & { readonly operation: Operation };

/** A provider's declared error codes, and the one mapping to core's errors. */
export interface CloudErrorTable {
  readonly provider: string;
  readonly displayName: string;
  /** The class of an answer: its codes first, then the message rules, then its status. */
  classify(answer: CloudAnswer): CloudErrorClass | undefined;
  /** Core's error for `failure`, worded the same for every cloud; `cloudErrorClass()` reads its class back. */
  map(failure: CloudFailure): ProvisionError;
}

const DEFAULT_HINTS: Record<CloudErrorClass, string | undefined> = {
  authentication: 'Check that the credentials are current and belong to the account.',
  permission: 'Check that the credentials may manage servers (the token scopes, or the IAM policy or role).',
  capacity: 'Try another region or plan, or try again later.',
  quota: 'Delete unused resources or ask the cloud to raise the limit.',
  throttling: 'Retry later, or lower the concurrency.',
  not_found: undefined,
  conflict: undefined,
  busy: 'Try again in a moment, once the other change is done.',
  invalid_request: undefined,
  unavailable: 'Try again; the call is safe to repeat.',
};

const classes = new WeakMap<object, CloudErrorClass>();

/** The class a `CloudErrorTable` gave `error`, or undefined for an error it did not make. */
export function cloudErrorClass(error: unknown): CloudErrorClass | undefined {
  return typeof error === 'object' && error !== null ? classes.get(error) : undefined;
}

const MESSAGE_CAP = 300;

/**
 * ` The cloud said: <message>` with whitespace folded and at most 300 characters, or '' when it
 * says nothing beyond its code. The cloud's message is its own text about the request; the
 * caller cuts out anything it sent (`redactSent`) before it gets here.
 */
export function cloudSays(message: string | undefined, codes: readonly CloudErrorCode[] = []): string {
  const folded = message?.replace(/\s+/g, ' ').trim() ?? '';
  if (folded === '' || folded === 'UnknownError' || codes.some((code) => String(code) === folded)) return '';
  return ` The cloud said: ${folded.length > MESSAGE_CAP ? `${folded.slice(0, MESSAGE_CAP)}...` : folded}`;
}

function codesOf(answer: CloudAnswer): CloudErrorCode[] {
  const { code } = answer;
  if (code === undefined) return [];
  const list = typeof code === 'string' || typeof code === 'number' ? [code] : code;
  return list.filter((entry): entry is CloudErrorCode => entry !== undefined && entry !== '');
}

// "InvalidParameterValue, HTTP 400": what the answer was, for the parentheses of every message.
function answerLabel(codes: readonly CloudErrorCode[], status: number | undefined): string {
  const parts = [
    ...(codes.length > 0 ? [String(codes[0])] : []),
    ...(status === undefined ? [] : [`HTTP ${status}`]),
  ];
  return parts.length > 0 ? parts.join(', ') : 'an error without a code';
}

function socketReason(socketCode: string | undefined): string {
  if (socketCode === undefined) return 'the connection failed';
  if (socketCode === 'ECONNREFUSED') return 'the connection was refused (ECONNREFUSED)';
  if (socketCode === 'ENOTFOUND' || socketCode === 'EAI_AGAIN')
    return `the host name did not resolve (${socketCode})`;
  return `the connection was dropped (${socketCode})`;
}

/** The operations that change something in the cloud; a request of any other left unanswered applied nothing. */
const CHANGING_OPERATIONS: ReadonlySet<Operation> = new Set<Operation>([
  'provision',
  'delete',
  'start',
  'stop',
  'reboot',
]);
/**
 * Declares a cloud's error codes once, by class, and returns the one mapping from what a call
 * ended in (an answer's code, status and message; no answer; the limiter's refusal) to core's
 * errors, with the same wording for every cloud:
 *
 * ```ts
 * const hetznerErrors = defineCloudErrors({
 *   provider: 'hetzner',
 *   displayName: 'Hetzner Cloud',
 *   codes: { quota: ['resource_limit_exceeded'], conflict: ['uniqueness_error'], busy: ['locked'] },
 * });
 * throw hetznerErrors.map({ operation: 'provision', code: 'uniqueness_error', status: 409, message });
 * ```
 */
export function defineCloudErrors(options: CloudErrorTableOptions): CloudErrorTable {
  const provider = options.provider;
  const name = options.displayName ?? provider;
  const byCode = new Map<CloudErrorCode, CloudErrorClass>();
  for (const errorClass of CLOUD_ERROR_CLASSES)
    for (const code of options.codes?.[errorClass] ?? []) if (!byCode.has(code)) byCode.set(code, errorClass);
  const statuses = { ...DEFAULT_STATUS_CLASSES, ...options.statuses };
  const hint = (errorClass: CloudErrorClass) => options.hints?.[errorClass] ?? DEFAULT_HINTS[errorClass];

  const classify = (answer: CloudAnswer): CloudErrorClass | undefined => {
    for (const code of codesOf(answer)) {
      const found = byCode.get(code);
      if (found !== undefined) return found;
    }
    const message = answer.message ?? '';
    for (const rule of options.messages ?? [])
      if ((rule.status === undefined || rule.status === answer.status) && rule.pattern.test(message))
        return rule.errorClass;
    if (answer.status === undefined) return undefined;
    return statuses[answer.status] ?? (answer.status >= 500 ? 'unavailable' : undefined);
  };

  const mapAnswer = (answer: CloudAnswer, operation: Operation): ProvisionError => {
    const codes = codesOf(answer);
    const { status } = answer;
    const label = answerLabel(codes, status);
    const said = cloudSays(answer.message, codes);
    const errorClass = classify(answer);
    const base = { provider, operation };
    const classed = <E extends ProvisionError>(error: E): E => {
      if (errorClass !== undefined) classes.set(error, errorClass);
      return error;
    };
    switch (errorClass) {
      case 'authentication':
        return classed(
          new AuthenticationError(`${name} rejected the credentials (${label}).${said}`, {
            ...base,
            hint: hint('authentication'),
          }),
        );
      case 'permission':
        return classed(
          new AuthenticationError(
            `${name} rejected the request: the credentials lack a permission it needs (${label}).${said}`,
            { ...base, hint: hint('permission') },
          ),
        );
      case 'capacity':
        return classed(
          new CapacityError(`${name} has no capacity for this request right now (${label}).${said}`, {
            ...base,
            hint: hint('capacity'),
          }),
        );
      case 'quota':
        return classed(
          new QuotaExceededError(`An account limit on ${name} is reached (${label}).${said}`, {
            ...base,
            hint: hint('quota'),
          }),
        );
      case 'throttling': {
        const wait = answer.retryAfterMs;
        return classed(
          new RateLimitError(
            `${name} is rate limiting requests (${label})${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}.`,
            { ...base, retryAfterMs: wait, hint: hint('throttling') },
          ),
        );
      }
      default: {
        const busy = errorClass === 'busy';
        const text = busy
          ? `${name} is busy with another change to this resource (${label}).${said}`
          : `${name} answered ${operation} with an error (${label}).${said}`;
        const providerCode = codes.length > 0 ? String(codes[0]) : undefined;
        const retryable = busy || errorClass === 'unavailable';
        const classHint = errorClass === undefined ? undefined : hint(errorClass);
        return classed(
          new ProviderApiError(text, {
            ...base,
            status,
            providerCode,
            retryable,
            ...(classHint === undefined ? {} : { hint: classHint }),
          }),
        );
      }
    }
  };

  const mapNoAnswer = (failure: CloudNoAnswer, operation: Operation): ProvisionError => {
    const request = failure.request ?? `the request for ${operation}`;
    // Unsaid (an SDK's failure names no method): only an operation that changes something can have.
    const mayHaveApplied = failure.mayHaveApplied ?? CHANGING_OPERATIONS.has(operation);
    const applied = mayHaveApplied ? '; it may have been applied.' : '.';
    const timedOut = failure.kind === 'timeout';
    const what = timedOut
      ? `${name} did not answer ${request} ${failure.timeoutMs === undefined ? 'in time' : `within ${failure.timeoutMs} ms`}`
      : `${name} did not answer ${request}: ${socketReason(failure.socketCode)}`;
    return new ProviderApiError(`${what}${applied}`, {
      provider,
      operation,
      code: timedOut ? 'timeout' : 'network_error',
      retryable: true,
      hint: !mayHaveApplied
        ? 'Try again; check the endpoint and the network if it keeps happening.'
        : 'Repeat the call: provision() and delete() are safe to repeat.',
    });
  };

  return {
    provider,
    displayName: name,
    classify,
    map(failure) {
      if (failure.kind === 'timeout' || failure.kind === 'network')
        return mapNoAnswer(failure, failure.operation);
      if (failure.kind === 'paced') {
        const error = new RateLimitError(
          `${name} is rate limiting requests; the next one may go in ${Math.ceil(failure.waitMs / 1000)} s.`,
          { provider, operation: failure.operation, retryAfterMs: failure.waitMs, hint: hint('throttling') },
        );
        classes.set(error, 'throttling');
        return error;
      }
      // Neither no answer nor the limiter's refusal: an answer (its `kind` may be omitted).
      return mapAnswer(failure as CloudAnswer, failure.operation);
    },
  };
}
