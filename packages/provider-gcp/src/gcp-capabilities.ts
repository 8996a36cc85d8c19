import type { CallOptions, Host, Quota } from '@provision/core';
import { hasProviderCode, type PowerOperation, powerAction } from '@provision/provider-utils';
import { regionSchema, zoneListSchema } from './gcp-api.js';
import type { GcpApi } from './gcp-client.js';
import { gcpIds, instancePath } from './gcp-ids.js';
import { getInstance } from './gcp-instances.js';
import { instanceToHost } from './map-gcp-instance.js';

// Compute Engine's power methods: `start`, `stop`, and `reset` (a hard reset: the API has no
// guest-aware reboot). https://cloud.google.com/compute/docs/reference/rest/v1/instances/reset
const METHODS: Record<PowerOperation, string> = { start: 'start', stop: 'stop', reboot: 'reset' };

/** The region `quota()` reads: the default zone's (us-central1-a). */
const QUOTA_REGION = 'us-central1';

/**
 * The optional operations: power actions (one POST answering a zone operation, one GET),
 * zones as regions, and a one-item zone listing as the credentials' check.
 */
export function gcpCapabilities(api: GcpApi) {
  function power(id: string, operation: PowerOperation, options?: CallOptions): Promise<Host> {
    const ref = gcpIds.decode(id, operation);
    return powerAction({
      provider: 'gcp',
      id,
      operation,
      send: async () => {
        const answer = await api.client.request({
          method: 'POST',
          path: `${instancePath(ref)}/${METHODS[operation]}`,
          operation,
          allowStatus: [404],
          // Starting a running instance or stopping a stopped one is a no-op operation.
          idempotent: true,
          signal: options?.signal,
        });
        return answer.status === 404 ? 'gone' : 'sent';
      },
      read: async () => {
        const instance = await getInstance(api.client, ref, operation, options);
        return instance === undefined ? undefined : instanceToHost(instance, id);
      },
      isGone: (error) => hasProviderCode(error, 'notFound'),
      isUnderWay: (error) => hasProviderCode(error, 'resourceNotReady'),
    });
  }

  const zones = async (
    operation: 'regions' | 'verifyCredentials',
    maxResults: number,
    options?: CallOptions,
  ) =>
    (
      await api.client.request({
        method: 'GET',
        path: `/projects/${api.project()}/zones`,
        query: { maxResults },
        operation,
        schema: zoneListSchema,
        signal: options?.signal,
      })
    ).data.items ?? [];

  return {
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /** Every zone of the project (at most 500: Compute Engine has about 130). */
    async regions(options?: CallOptions) {
      return (await zones('regions', 500, options)).map((zone) => ({
        id: zone.name,
        name: zone.description ?? zone.name,
        available: zone.status === 'UP',
      }));
    },

    /**
     * The quotas of the default zone's region (`regions.get`): `INSTANCES` as the host limit and
     * count, `CPUS` as the vCPU limit. Compute Engine's quotas are per region; other regions may differ.
     */
    async quota(options?: CallOptions): Promise<Quota> {
      const { data } = await api.client.request({
        method: 'GET',
        path: `/projects/${api.project()}/regions/${QUOTA_REGION}`,
        operation: 'quota',
        schema: regionSchema,
        signal: options?.signal,
      });
      const metric = (name: string) => data.quotas?.find((quota) => quota.metric === name);
      // Limits and usage come as doubles (`24.0`); the quota is counted in whole instances and vCPUs.
      const instances = metric('INSTANCES');
      const cpus = metric('CPUS');
      return {
        ...(instances === undefined
          ? {}
          : { hostLimit: Math.floor(instances.limit), hostsInUse: Math.floor(instances.usage) }),
        ...(cpus === undefined ? {} : { cpuLimit: Math.floor(cpus.limit) }),
      };
    },

    async verifyCredentials(options?: CallOptions): Promise<void> {
      await zones('verifyCredentials', 1, options);
    },
  };
}
