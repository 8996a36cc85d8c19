import type { CallOptions, Host } from '@provision/core';
import type { SecondaryRef } from './host-deletion.js';
import { type PowerOperation, powerAction } from './power-action.js';
import type { MachineRequests, PowerRequest, RestProvisionerDefinition } from './rest-definition.js';

/**
 * The power actions of a REST provisioner: one request of the cloud's (a POST unless said), then
 * one read, the machine's host as `hostOf` makes it from the id asked for.
 */
export function powerActions<Machine, Prepared, Found extends SecondaryRef>(
  definition: RestProvisionerDefinition<Machine, Prepared, Found>,
  requests: MachineRequests<Machine, Prepared>,
  toRequest: (machineId: string, operation: PowerOperation) => PowerRequest,
  hostOf: (machine: Machine, id: string) => Host,
): Record<PowerOperation, (id: string, options?: CallOptions) => Promise<Host>> {
  const provider = definition.context.manifest.id;
  const power = (operation: PowerOperation) => (id: string, options?: CallOptions) => {
    const machineId = definition.decodeId(id, operation);
    const request = toRequest(machineId, operation);
    return powerAction({
      provider,
      id,
      operation,
      send: async () => {
        const answer = await definition.client.request({
          method: request.method ?? 'POST',
          path: request.path,
          ...(request.body === undefined ? {} : { body: request.body }),
          operation,
          allowStatus: [404],
          // Powering on a running machine changes nothing: a retry after a lost answer is harmless.
          idempotent: true,
          signal: options?.signal,
        });
        return answer.status === 404 ? 'gone' : undefined;
      },
      read: async () => {
        const machine = await requests.read(machineId, operation, options);
        return machine === undefined ? undefined : hostOf(machine, id);
      },
    });
  };
  return { start: power('start'), stop: power('stop'), reboot: power('reboot') };
}
