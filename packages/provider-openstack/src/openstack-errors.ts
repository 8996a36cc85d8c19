import type { ApiErrorDetails } from '@provision/provider-utils';
import { defineCloudErrors } from '@provision/provider-utils';

/**
 * The error body of each service, read into code and message:
 * - Nova: `{ "itemNotFound": { "message", "code": 404 } }` (the key is the code);
 * - Neutron: `{ "NeutronError": { "type", "message", "detail" } }`;
 * - Keystone: `{ "error": { "code": 401, "message", "title" } }`;
 * - Glance: `{ "message", "code": "404 Not Found", "title" }` (webob's JSON error).
 * https://docs.openstack.org/api-guide/compute/faults.html
 * https://docs.openstack.org/api-ref/network/v2/#response-codes
 */
export function parseOpenStackError(body: unknown): ApiErrorDetails {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const neutron = record.NeutronError as { type?: unknown; message?: unknown } | undefined;
  if (typeof neutron === 'object' && neutron !== null)
    return { code: stringOf(neutron.type), message: stringOf(neutron.message) };
  const keystone = record.error as { title?: unknown; message?: unknown } | undefined;
  if (typeof keystone === 'object' && keystone !== null)
    return { code: stringOf(keystone.title), message: stringOf(keystone.message) };
  const keys = Object.keys(record);
  const only = keys.length === 1 ? record[keys[0] as string] : undefined;
  if (typeof only === 'object' && only !== null && 'message' in only)
    return { code: keys[0], message: stringOf((only as { message: unknown }).message) };
  return { code: stringOf(record.title), message: stringOf(record.message) };
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * OpenStack's error codes by class, over the four services. A quota refusal is Nova's 403
 * `forbidden` ("Quota exceeded for instances") and Neutron's 409 `OverQuota`.
 */
export const openstackErrors = defineCloudErrors({
  provider: 'openstack',
  displayName: 'OpenStack',
  codes: {
    authentication: ['Unauthorized'],
    quota: ['OverQuota'],
    // Nova's 413/429 `overLimit` is its rate limit (with Retry-After); quotas are 403 `forbidden`.
    throttling: ['overLimit'],
    not_found: [
      'itemNotFound',
      'Not Found',
      'NotFound',
      'SecurityGroupNotFound',
      'PortNotFound',
      'FloatingIPNotFound',
      'NetworkNotFound',
    ],
    conflict: ['conflictingRequest', 'Conflict'],
    capacity: ['IpAddressGenerationFailure'],
    invalid_request: ['badRequest', 'BadRequest', 'HTTPBadRequest', 'Bad Request', 'InvalidInput'],
    unavailable: ['computeFault', 'serviceUnavailable'],
  },
  messages: [
    { status: 403, pattern: /quota exceeded/i, errorClass: 'quota' },
    { pattern: /no valid host was found/i, errorClass: 'capacity' },
  ],
  hints: {
    authentication:
      'Check OS_USERNAME, OS_PASSWORD and the project (or the application credential): `openstack token issue` with the same settings.',
    quota:
      'Delete unused servers, ports or floating IPs, or ask the cloud operator to raise the quota (`openstack quota show`).',
    capacity: 'Try another flavor or region, or ask the cloud operator (`openstack flavor list`).',
  },
});
