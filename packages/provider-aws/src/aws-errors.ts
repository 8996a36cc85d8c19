import { MissingCredentialsError, type Operation, ProviderApiError, ProvisionError } from '@provision/core';
import { defineCloudErrors, readCloudError } from '@provision/provider-utils';
import type { NotEc2AnswerError } from './aws-checked-handler.js';

const PROVIDER = 'aws';

/**
 * EC2's error codes by class, declared once: the mapping to core's errors, the retry strategy
 * (capacity is not repeated) and the pacing (throttling is paced) all read this table.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
export const ec2Errors = defineCloudErrors({
  provider: PROVIDER,
  displayName: 'AWS EC2',
  codes: {
    // The throttling codes end in "LimitExceeded" like the account limits, but a rate limit passes
    // by itself and must never read as a quota to raise: the codes are compared exactly.
    throttling: [
      'RequestLimitExceeded',
      'Throttling',
      'ThrottlingException',
      'RequestThrottled',
      'RequestThrottledException',
      // HTTP 503: "The server is overloaded and can't handle the request."
      'Unavailable',
    ],
    authentication: ['AuthFailure', 'SignatureDoesNotMatch', 'InvalidClientTokenId'],
    permission: ['UnauthorizedOperation', 'OptInRequired', 'Blocked'],
    capacity: [
      'InsufficientInstanceCapacity',
      'InsufficientCapacity',
      'InsufficientHostCapacity',
      'InsufficientAddressCapacity',
    ],
    quota: [
      'InstanceLimitExceeded',
      'VcpuLimitExceeded',
      'SecurityGroupLimitExceeded',
      'RulesPerSecurityGroupLimitExceeded',
      'AddressLimitExceeded',
    ],
    not_found: ['InvalidInstanceID.NotFound', 'InvalidGroup.NotFound'],
    conflict: [
      'IdempotentParameterMismatch',
      'InvalidGroup.Duplicate',
      'InvalidPermission.Duplicate',
      'DependencyViolation',
    ],
    // A power action on an instance that is between states (stopping, pending).
    busy: ['IncorrectInstanceState'],
  },
  hints: {
    authentication: 'Check the access key, and that its IAM policy allows the EC2 actions this plugin uses.',
    permission: 'Check the access key, and that its IAM policy allows the EC2 actions this plugin uses.',
    capacity: 'Try another region or instance type, or try again later.',
    quota: 'Delete unused resources or ask AWS (Service Quotas) to raise the limit.',
  },
});

/**
 * The wait before a throttled request is worth repeating when the answer has no `Retry-After`:
 * one second, where EC2's request-token buckets start refilling.
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 */
const DEFAULT_THROTTLE_WAIT_MS = 1000;

/** EC2's error code of an SDK error, e.g. `'InvalidInstanceID.NotFound'`; undefined when no answer came. */
export function awsErrorCode(error: unknown): string | undefined {
  const read = readCloudError(error);
  if (read.kind !== 'answer') return undefined;
  const [code] = Array.isArray(read.code) ? read.code : [read.code];
  return typeof code === 'string' ? code : undefined;
}

/**
 * An SDK error as one of core's errors, through `ec2Errors`. The SDK error is not kept as
 * `cause`: its request and response objects carry the signed headers.
 */
export function mapAwsError(error: unknown, operation: Operation): ProvisionError {
  if (ProvisionError.isInstance(error)) return error;
  const name = (error as { name?: unknown } | undefined)?.name;
  const base = { provider: PROVIDER, operation };
  if (name === 'CredentialsProviderError') {
    return new MissingCredentialsError(
      'No AWS credentials were found: not in the "credentials" setting, not in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and the SDK\'s default chain (profiles, SSO, container and instance roles) found none.',
      { ...base, envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] },
    );
  }
  if (name === 'NotEc2AnswerError') {
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
  if (name === 'RateLimitWaitTooLong') {
    const waitMs = (error as { waitMs?: number }).waitMs ?? 0;
    return ec2Errors.map({ kind: 'paced', waitMs, operation });
  }
  const read = readCloudError(error);
  if (read.kind !== 'answer') return ec2Errors.map({ ...read, operation });
  return ec2Errors.map({ ...read, retryAfterMs: read.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS, operation });
}
