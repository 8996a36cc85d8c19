import type { Operation } from '@provision/core';
import type { HttpClient } from './http-client-options.js';
import { type RemovalOutcome, removeSecondaryResource } from './secondary-resources.js';

/** One DELETE of a secondary resource (a firewall, a group) on a JSON API. */
export interface DeleteResourceRequest {
  /** The resource's path, e.g. `/firewalls/42`. */
  readonly path: string;
  readonly operation: Operation;
  /**
   * Whether a refusal means a host still uses the resource (Hetzner's `resource_in_use`, Vultr's
   * 400 "in use"): it is then `'in-use'`, to be removed by a later call, instead of an error.
   */
  readonly inUse?: ((error: unknown) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * One removal attempt of a secondary resource by DELETE (see `removeSecondaryResource`):
 * `'deleted'`, `'absent'` when the cloud answers 404 (gone already: a repeat, or removed out of
 * band), `'in-use'` when `inUse` says so; any other failure is thrown.
 */
export function deleteResource(
  client: Pick<HttpClient, 'request'>,
  request: DeleteResourceRequest,
): Promise<RemovalOutcome> {
  const { path, operation, signal, inUse } = request;
  return removeSecondaryResource(
    async () => {
      const answer = await client.request({ method: 'DELETE', path, operation, allowStatus: [404], signal });
      return answer.status === 404 ? 'absent' : 'deleted';
    },
    (error) => (inUse?.(error) === true ? 'in-use' : undefined),
  );
}
