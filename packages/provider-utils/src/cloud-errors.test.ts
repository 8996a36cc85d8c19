import {
  AuthenticationError,
  CapacityError,
  type Operation,
  ProviderApiError,
  QuotaExceededError,
  RateLimitError,
} from '@provision/core';
import { describe, expect, it } from 'vitest';
import { cloudErrorClass, defineCloudErrors } from './cloud-errors.js';
import { defaultParseError } from './http-body.js';
import { mapHttpError } from './map-http-error.js';
import { readCloudError } from './read-cloud-error.js';

const operation: Operation = 'provision';
const now = Date.UTC(2026, 11, 1);

// Each table holds codes the cloud's own error reference names.
const ec2 = defineCloudErrors({
  provider: 'aws',
  displayName: 'AWS EC2',
  codes: {
    authentication: ['AuthFailure', 'InvalidClientTokenId'],
    permission: ['UnauthorizedOperation'],
    capacity: ['InsufficientInstanceCapacity'],
    quota: ['VcpuLimitExceeded'],
    throttling: ['RequestLimitExceeded'],
    not_found: ['InvalidInstanceID.NotFound'],
  },
});
const azure = defineCloudErrors({
  provider: 'azure',
  displayName: 'Azure',
  codes: {
    authentication: ['InvalidAuthenticationToken', 'AuthenticationFailed'],
    permission: ['AuthorizationFailed'],
    capacity: ['SkuNotAvailable', 'AllocationFailed', 'ZonalAllocationFailed'],
    quota: ['QuotaExceeded', 'OperationNotAllowed'],
    not_found: ['ResourceNotFound', 'ResourceGroupNotFound'],
  },
});
// Reasons first (they tell a quota from a stock-out), then the gRPC status numbers google-gax gives.
const gce = defineCloudErrors({
  provider: 'gcp',
  displayName: 'Compute Engine',
  codes: {
    quota: ['QUOTA_EXCEEDED'],
    capacity: ['ZONE_RESOURCE_POOL_EXHAUSTED', 'ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS'],
    throttling: ['rateLimitExceeded', 8],
    not_found: [5],
    conflict: [6],
    permission: [7],
    authentication: [16],
  },
});
const scaleway = defineCloudErrors({
  provider: 'scaleway',
  displayName: 'Scaleway',
  codes: {
    authentication: ['denied_authentication'],
    permission: ['permissions_denied'],
    quota: ['quotas_exceeded'],
    capacity: ['out_of_stock'],
    busy: ['transient_state'],
    invalid_request: ['invalid_arguments'],
  },
});
const hetzner = defineCloudErrors({
  provider: 'hetzner',
  displayName: 'Hetzner Cloud',
  codes: {
    quota: ['resource_limit_exceeded'],
    throttling: ['rate_limit_exceeded'],
    conflict: ['uniqueness_error'],
    busy: ['locked'],
    capacity: ['resource_unavailable'],
  },
});
const digitalocean = defineCloudErrors({
  provider: 'digitalocean',
  displayName: 'DigitalOcean',
  messages: [{ status: 422, pattern: /droplet limit/i, errorClass: 'quota' }],
});

describe('defineCloudErrors with SDK exceptions', () => {
  it('reads AWS SDK errors: the code in name or Code, the status in $metadata, Retry-After in $response', () => {
    const capacity = {
      name: 'InsufficientInstanceCapacity',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
      message:
        'We currently do not have sufficient t3.micro capacity in the Availability Zone you requested.',
    };
    const error = ec2.map({ ...readCloudError(capacity, now), operation });
    expect(CapacityError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'AWS EC2 has no capacity for this request right now (InsufficientInstanceCapacity, HTTP 500). The cloud said: We currently do not have sufficient t3.micro capacity in the Availability Zone you requested.',
    );
    const throttled = {
      name: 'Error',
      Code: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
      $response: { headers: { 'Retry-After': '2' } },
    };
    const limited = ec2.map({ ...readCloudError(throttled, now), operation });
    expect(RateLimitError.isInstance(limited) && limited.retryAfterMs).toBe(2000);
    expect(limited.message).toBe(
      'AWS EC2 is rate limiting requests (RequestLimitExceeded, HTTP 503); retry in 2 s.',
    );
    const unknown = ec2.map({
      ...readCloudError(
        { name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 }, message: 'bad' },
        now,
      ),
      operation,
    });
    expect(unknown).toMatchObject({ status: 400, providerCode: 'InvalidParameterValue', retryable: false });
    expect(cloudErrorClass(unknown)).toBe('invalid_request');
  });

  it('tells a deadline from a dropped connection when AWS gave no answer', () => {
    const deadline = ec2.map({
      ...readCloudError({ name: 'TimeoutError', $metadata: { attempts: 1 } }),
      operation,
    });
    expect(deadline).toMatchObject({ code: 'timeout', retryable: true });
    expect(deadline.message).toBe(
      'AWS EC2 did not answer the request for provision in time; it may have been applied.',
    );
    // The SDK's Node handler names a reset socket `TimeoutError` too; its socket code says otherwise.
    const reset = { name: 'TimeoutError', code: 'ECONNRESET', message: 'socket hang up', $metadata: {} };
    const dropped = ec2.map({ ...readCloudError(reset), operation });
    expect(dropped).toMatchObject({ code: 'network_error', retryable: true });
    expect(dropped.message).toBe(
      'AWS EC2 did not answer the request for provision: the connection was dropped (ECONNRESET); it may have been applied.',
    );
    const refused = readCloudError(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    );
    expect(ec2.map({ ...refused, operation }).message).toContain('the connection was refused (ECONNREFUSED)');
  });

  it('never says a read may have been applied when an SDK names no method', () => {
    const refused = readCloudError(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    );
    for (const read of ['list', 'status', 'plans', 'regions', 'orphans'] as const) {
      const error = ec2.map({ ...refused, operation: read });
      expect(error.message).toBe(
        `AWS EC2 did not answer the request for ${read}: the connection was refused (ECONNREFUSED).`,
      );
      expect(error.hint).toBe('Try again; check the endpoint and the network if it keeps happening.');
      expect(error).toMatchObject({ code: 'network_error', retryable: true });
    }
    for (const change of ['provision', 'delete', 'stop'] as const)
      expect(ec2.map({ ...refused, operation: change }).message).toMatch(/; it may have been applied\.$/);
  });

  it('reads Azure RestError: code and statusCode, Retry-After from the response headers', () => {
    const restError = (code: string, statusCode: number, retryAfter?: string) => ({
      name: 'RestError',
      code,
      statusCode,
      message: `${code}: the answer's message`,
      response: {
        status: statusCode,
        headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) },
      },
    });
    expect(
      CapacityError.isInstance(
        azure.map({ ...readCloudError(restError('SkuNotAvailable', 409)), operation }),
      ),
    ).toBe(true);
    expect(
      QuotaExceededError.isInstance(
        azure.map({ ...readCloudError(restError('OperationNotAllowed', 409)), operation }),
      ),
    ).toBe(true);
    const denied = azure.map({ ...readCloudError(restError('AuthorizationFailed', 403)), operation });
    expect(AuthenticationError.isInstance(denied) && cloudErrorClass(denied)).toBe('permission');
    const throttled = azure.map({
      ...readCloudError(restError('TooManyRequests', 429, '7'), now),
      operation,
    });
    expect(RateLimitError.isInstance(throttled) && throttled.retryAfterMs).toBe(7000);
    expect(
      cloudErrorClass(azure.map({ ...readCloudError(restError('ResourceGroupNotFound', 404)), operation })),
    ).toBe('not_found');
  });

  it("reads Google's errors: a reason before the gRPC status number", () => {
    const quota = {
      code: 8,
      reason: 'QUOTA_EXCEEDED',
      message: "Quota 'CPUS' exceeded. Limit: 8.0 in region us-central1.",
    };
    expect(QuotaExceededError.isInstance(gce.map({ ...readCloudError(quota), operation }))).toBe(true);
    expect(
      RateLimitError.isInstance(gce.map({ ...readCloudError({ code: 8, message: 'busy' }), operation })),
    ).toBe(true);
    const rest = {
      response: { status: 403 },
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    };
    expect(RateLimitError.isInstance(gce.map({ ...readCloudError(rest), operation }))).toBe(true);
    expect(
      cloudErrorClass(gce.map({ ...readCloudError({ code: 5, message: 'not found' }), operation })),
    ).toBe('not_found');
    expect(
      gce.map({ ...readCloudError({ code: 4, message: 'Deadline exceeded' }), operation }),
    ).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    // A failed insert operation reports its error in the Operation resource: no status at all.
    const pool = gce.map({
      operation,
      code: 'ZONE_RESOURCE_POOL_EXHAUSTED',
      message: "The zone 'projects/p/zones/z' does not have enough resources.",
    });
    expect(CapacityError.isInstance(pool)).toBe(true);
    expect(pool.message).toContain('(ZONE_RESOURCE_POOL_EXHAUSTED)');
  });

  it('reads Scaleway ScalewayError: status and the body type', () => {
    const scw = (status: number, type: string) => ({
      name: 'ScalewayError',
      status,
      body: { type, message: type },
    });
    expect(
      QuotaExceededError.isInstance(
        scaleway.map({ ...readCloudError(scw(403, 'quotas_exceeded')), operation }),
      ),
    ).toBe(true);
    expect(
      CapacityError.isInstance(scaleway.map({ ...readCloudError(scw(412, 'out_of_stock')), operation })),
    ).toBe(true);
    const busy = scaleway.map({ ...readCloudError(scw(409, 'transient_state')), operation });
    expect(busy).toMatchObject({ retryable: true, providerCode: 'transient_state' });
    expect(RateLimitError.isInstance(scaleway.map({ ...readCloudError({ status: 429 }), operation }))).toBe(
      true,
    );
  });
});

describe('defineCloudErrors with JSON error bodies', () => {
  const hetznerAnswer = (status: number, code: string, headers: Record<string, string> = {}) =>
    mapHttpError(
      {
        status,
        details: defaultParseError({ error: { code, message: `${code} happened`, details: {} } }),
        headers: new Headers(headers),
        operation,
        provider: 'hetzner',
      },
      hetzner,
    );

  it("classifies Hetzner's error.code ahead of the status", () => {
    expect(QuotaExceededError.isInstance(hetznerAnswer(403, 'resource_limit_exceeded'))).toBe(true);
    const unique = hetznerAnswer(409, 'uniqueness_error');
    expect(unique).toMatchObject({ retryable: false, providerCode: 'uniqueness_error', status: 409 });
    expect(cloudErrorClass(unique)).toBe('conflict');
    expect(hetznerAnswer(423, 'locked')).toMatchObject({ retryable: true });
    const limited = hetznerAnswer(429, 'rate_limit_exceeded', { 'retry-after': '4' });
    expect(RateLimitError.isInstance(limited) && limited.retryAfterMs).toBe(4000);
  });

  it("classifies DigitalOcean's 422 by its message, and anything else by its status", () => {
    const answer = (status: number, id: string, message: string) =>
      mapHttpError(
        {
          status,
          details: defaultParseError({ id, message }),
          headers: new Headers(),
          operation,
          provider: 'digitalocean',
        },
        digitalocean,
      );
    expect(
      QuotaExceededError.isInstance(
        answer(422, 'unprocessable_entity', 'creating this droplet will exceed your droplet limit'),
      ),
    ).toBe(true);
    expect(AuthenticationError.isInstance(answer(401, 'unauthorized', 'Unable to authenticate you'))).toBe(
      true,
    );
    const server = answer(503, 'service_unavailable', 'try later');
    expect(server).toMatchObject({ retryable: true, status: 503 });
    expect(server.message).toBe(
      'DigitalOcean answered provision with an error (service_unavailable, HTTP 503). The cloud said: try later',
    );
  });

  it('maps by status alone without a table, naming the provider id', () => {
    const error = mapHttpError({
      status: 401,
      details: {},
      headers: new Headers(),
      operation,
      provider: 'acme',
    });
    expect(error.message).toBe('acme rejected the credentials (HTTP 401).');
    expect(error.hint).toBe('Check that the credentials are current and belong to the account.');
  });
});

describe('the wording every cloud shares', () => {
  it('quotes the cloud folded and capped at 300 characters, and never a message that only repeats the code', () => {
    const long = ec2.map({
      operation,
      code: 'InvalidParameterValue',
      status: 400,
      message: `a \n\n b ${'x'.repeat(400)}`,
    });
    const said = long.message.split(' The cloud said: ')[1] ?? '';
    expect(said.startsWith('a b x')).toBe(true);
    expect(said).toHaveLength(303);
    expect(said.endsWith('...')).toBe(true);
    expect(ec2.map({ operation, code: 'Blocked', status: 400, message: 'Blocked' }).message).not.toContain(
      'said',
    );
  });

  it('says a read was not applied, and what the limiter would make the next request wait', () => {
    const read = ec2.map({
      kind: 'timeout',
      operation: 'status',
      request: 'GET /',
      timeoutMs: 50,
      mayHaveApplied: false,
    });
    expect(read.message).toBe('AWS EC2 did not answer GET / within 50 ms.');
    const paced = ec2.map({ kind: 'paced', operation, waitMs: 2500 });
    expect(RateLimitError.isInstance(paced) && paced.retryAfterMs).toBe(2500);
    expect(paced.message).toBe('AWS EC2 is rate limiting requests; the next one may go in 3 s.');
    expect(ProviderApiError.isInstance(ec2.map({ kind: 'network', operation }))).toBe(true);
  });

  it('takes the hint a provider gives a class instead of the default', () => {
    const table = defineCloudErrors({
      provider: 'aws',
      codes: { quota: ['Q'] },
      hints: { quota: 'Ask AWS.' },
    });
    expect(table.map({ operation, code: 'Q' }).hint).toBe('Ask AWS.');
    expect(table.map({ operation, status: 429 }).hint).toBe('Retry later, or lower the concurrency.');
  });
});
