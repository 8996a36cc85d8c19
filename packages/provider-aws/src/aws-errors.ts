import {
  AuthenticationError,
  CapacityError,
  MissingCredentialsError,
  type Operation,
  ProviderApiError,
  ProvisionError,
  QuotaExceededError,
  RateLimitError,
} from '@provision/core';
import type { NotEc2AnswerError } from './aws-checked-handler.js';

const PROVIDER = 'aws';

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
const AUTHENTICATION = new Set([
  'AuthFailure',
  'UnauthorizedOperation',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'OptInRequired',
  'Blocked',
]);
const CAPACITY = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientAddressCapacity',
]);
const QUOTA = new Set([
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'SecurityGroupLimitExceeded',
  'RulesPerSecurityGroupLimitExceeded',
  'AddressLimitExceeded',
]);
const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  // HTTP 503: "The server is overloaded and can't handle the request."
  'Unavailable',
]);

/**
 * The wait before a throttled request is worth repeating: the answer's `Retry-After` when it has
 * one, else one second, where EC2's request-token buckets start refilling.
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 */
const DEFAULT_THROTTLE_WAIT_MS = 1000;

function retryAfterMs(failure: SdkFailure): number {
  const header = failure.$response?.headers?.['retry-after'];
  const seconds = header === undefined ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = header === undefined ? Number.NaN : Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  return DEFAULT_THROTTLE_WAIT_MS;
}

/** An error the SDK threw: a service answer (`name` is EC2's code) or a failure before one. */
interface SdkFailure {
  readonly name?: string;
  readonly message?: string;
  readonly Code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: { readonly headers?: Readonly<Record<string, string>> };
}

/** EC2's error code of an SDK error, e.g. `'InvalidInstanceID.NotFound'`; undefined when no answer came. */
export function awsErrorCode(error: unknown): string | undefined {
  const failure = error as SdkFailure | undefined;
  if (failure?.$metadata?.httpStatusCode === undefined) return undefined;
  return failure.Code ?? failure.name;
}

// EC2's messages are its own text about our request (ids, parameter names); they never hold the
// request's credentials or user-data. Capped so an HTML error page does not become a message.
function cloudSays(error: SdkFailure): string {
  const message = (error.message ?? '').replace(/\s+/g, ' ').trim();
  if (message === '' || message === 'UnknownError') return '';
  return ` EC2 said: ${message.length > 300 ? `${message.slice(0, 300)}...` : message}`;
}

/**
 * An SDK error as one of core's errors. The SDK error is not kept as `cause`: its request and
 * response objects carry the signed headers.
 */
export function mapAwsError(error: unknown, operation: Operation): ProvisionError {
  if (ProvisionError.isInstance(error)) return error;
  const failure = (error ?? {}) as SdkFailure;
  const base = { provider: PROVIDER, operation };
  const status = failure.$metadata?.httpStatusCode;
  if (failure.name === 'CredentialsProviderError') {
    return new MissingCredentialsError(
      'No AWS credentials were found: not in the "credentials" setting, not in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and the SDK\'s default chain (profiles, SSO, container and instance roles) found none.',
      { ...base, envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] },
    );
  }
  if (failure.name === 'NotEc2AnswerError') {
    const answer = error as NotEc2AnswerError;
    return new ProviderApiError(
      `AWS EC2 answered ${operation} with HTTP ${answer.statusCode} but not in EC2's XML (${answer.found}), so the answer says nothing; the request may or may not have been applied.`,
      {
        ...base,
        code: 'invalid_response',
        status: answer.statusCode,
        retryable: true,
        hint: 'Check the endpoint (AWS_ENDPOINT_URL_EC2, the endpoint setting) and any proxy on the way; the call is safe to repeat.',
      },
    );
  }
  if (failure.name === 'RateLimitWaitTooLong') {
    const waitMs = (error as { waitMs?: number }).waitMs;
    return new RateLimitError(
      `AWS is throttling EC2 requests; the next one may go in ${Math.ceil((waitMs ?? 0) / 1000)} s.`,
      { ...base, retryAfterMs: waitMs, hint: 'Retry later, or lower the concurrency.' },
    );
  }
  const code = awsErrorCode(error);
  if (code === undefined) {
    // No answer: the connection failed or timed out, possibly after EC2 committed the request. The
    // SDK's Node handler names a dropped connection `TimeoutError` too (code ECONNRESET, "socket
    // hang up"): only one without such a code is a deadline.
    const socketCode = (error as { code?: unknown }).code;
    const dropped = typeof socketCode === 'string' && /^E[A-Z]+$/.test(socketCode);
    const timedOut = failure.name === 'TimeoutError' && !dropped;
    const what = timedOut
      ? 'timed out'
      : dropped
        ? `failed: the connection was dropped (${socketCode})`
        : 'failed: the connection could not be made or was dropped';
    return new ProviderApiError(
      `The request to AWS EC2 for ${operation} ${what}; it may have been applied.`,
      {
        ...base,
        code: timedOut ? 'timeout' : 'network_error',
        retryable: true,
        hint: 'Repeat the call: provision() and delete() are safe to repeat.',
      },
    );
  }
  const said = cloudSays(failure);
  // Throttling is checked first: its codes end in "LimitExceeded" like the account limits, but
  // a rate limit passes by itself and must never read as a quota to raise.
  if (THROTTLING.has(code) || (status === 429 && code === 'UnknownError')) {
    return new RateLimitError(`AWS is throttling EC2 requests (${code}).`, {
      ...base,
      retryAfterMs: retryAfterMs(failure),
      hint: 'Retry later, or lower the concurrency.',
    });
  }
  if (AUTHENTICATION.has(code)) {
    return new AuthenticationError(`AWS rejected the credentials or their permissions (${code}).${said}`, {
      ...base,
      hint: 'Check the access key, and that its IAM policy allows the EC2 actions this plugin uses.',
    });
  }
  if (CAPACITY.has(code)) {
    return new CapacityError(`AWS has no capacity for this launch right now (${code}).${said}`, {
      ...base,
      hint: 'Try another region or instance type, or try again later.',
    });
  }
  if (QUOTA.has(code)) {
    return new QuotaExceededError(`An AWS account limit is reached (${code}).${said}`, {
      ...base,
      hint: 'Delete unused resources or ask AWS (Service Quotas) to raise the limit.',
    });
  }
  return new ProviderApiError(`AWS EC2 answered ${code} (HTTP ${status}) to ${operation}.${said}`, {
    ...base,
    status,
    providerCode: code,
    retryable: status !== undefined && status >= 500,
  });
}
