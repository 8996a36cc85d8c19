import { RouteResponse } from '@provision/testkit/fake-cloud';

/** Operation name of server creation, for faults and `failNextCreation`. */
export const CREATE_SERVER_OPERATION = 'servers:post';
/** The highest compute microversion the fake serves (and the one the plugin asks for). */
export const MAX_COMPUTE_MICROVERSION = '2.47';

/** The services the fake serves, by the first segment of their paths. */
export type FakeService = 'identity' | 'compute' | 'network' | 'image';

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** 204, no body (Neutron's and Nova's DELETE). */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

// Nova's fault names by status: https://docs.openstack.org/api-guide/compute/faults.html
const NOVA_FAULTS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  429: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

// Neutron's exception names for the generic answers: https://docs.openstack.org/api-ref/network/v2/#response-codes
const NEUTRON_TYPES: Record<number, string> = {
  400: 'HTTPBadRequest',
  401: 'HTTPUnauthorized',
  403: 'HTTPForbidden',
  404: 'HTTPNotFound',
  409: 'HTTPConflict',
  429: 'HTTPTooManyRequests',
  500: 'HTTPInternalServerError',
  503: 'HTTPServiceUnavailable',
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An error in the service's own shape: Nova `{ "<fault>": { message, code } }`, Neutron
 * `{ NeutronError: { type, message, detail } }`, Keystone `{ error: { code, message, title } }`,
 * Glance `{ message, code: "404 Not Found", title }`. `type` overrides Nova's fault or Neutron's
 * exception name (`SecurityGroupInUse`).
 */
export function serviceError(
  service: FakeService,
  status: number,
  message: string,
  type?: string,
  headers: Record<string, string> = {},
): Response {
  const reason = REASONS[status] ?? 'Error';
  switch (service) {
    case 'compute':
      return json(
        { [type ?? NOVA_FAULTS[status] ?? 'computeFault']: { message, code: status } },
        status,
        headers,
      );
    case 'network':
      return json(
        { NeutronError: { type: type ?? NEUTRON_TYPES[status] ?? 'HTTPError', message, detail: '' } },
        status,
        headers,
      );
    case 'identity':
      return json({ error: { code: status, message, title: reason } }, status, headers);
    case 'image':
      return json({ message, code: `${status} ${reason}`, title: reason }, status, headers);
  }
}

/** Answers at once, from inside a handler, with the service's error. */
export function fail(service: FakeService, status: number, message: string, type?: string): never {
  throw new RouteResponse(serviceError(service, status, message, type));
}

/** `2026-12-02T10:00:00Z`, as Nova and Neutron write times (no fraction). */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The service a URL path addresses: its first segment under the fake's base. */
export function serviceOf(path: string): FakeService {
  const match = /\/(identity|compute|network|image)(\/|$)/.exec(path);
  return (match?.[1] as FakeService | undefined) ?? 'compute';
}

/** The compute microversion a request asks for (`OpenStack-API-Version: compute 2.47`), or ''. */
export function requestedMicroversion(request: Request): string {
  const header = request.headers.get('openstack-api-version');
  const match = header === null ? null : /(?:^|,)\s*compute\s+([0-9.]+|latest)/i.exec(header);
  return match?.[1] ?? request.headers.get('x-openstack-nova-api-version') ?? '';
}
