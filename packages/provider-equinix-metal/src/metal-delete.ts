import { createHostDeletion, type HostDeletion } from '@provision/provider-utils';
import { deviceToHost, isManaged } from './map-metal-device.js';
import type { Device } from './metal-api.js';
import type { MetalConnection } from './metal-client.js';
import { metalIds } from './metal-ids.js';
import { listDevices, readDevice } from './metal-listing.js';
import { MANAGED_TAG } from './metal-tags.js';

/**
 * `delete()` of Equinix Metal hosts (see `createHostDeletion`): a device keeps nothing beside it
 * (bare metal has no cloud firewall, and its addresses come and go with it), so a host is its
 * device alone. Each call reads the device (only a managed one is deleted); the first sends
 * `DELETE` and answers done: false while Equinix Metal deprovisions it (`deprovisioning`, no second
 * DELETE); the call that reads 404 answers done: true.
 */
export function metalDeletion({ client, projectId }: MetalConnection): HostDeletion {
  return createHostDeletion<Device>({
    machineKind: 'device',
    decode: (id) => ({ machineId: metalIds.decode(id, 'delete').deviceId, secondaries: [] }),
    read: (deviceId, options) => readDevice(client, deviceId, 'delete', options),
    isManaged,
    machineIdOf: (device) => device.id,
    isDeleting: (device) => device.state === 'deprovisioning' || device.state === 'deleted',
    async destroy(device, options) {
      await client.request({
        method: 'DELETE',
        path: `/devices/${device.id}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    // Nothing secondary is ever named, so nothing is ever removed.
    remove: async () => 'absent',
    async findByAddress(ip, options) {
      const devices = await listDevices(client, projectId(), 'delete', { tag: MANAGED_TAG }, options);
      const device = devices.find((candidate) => {
        if (!isManaged(candidate)) return false;
        const host = deviceToHost(candidate);
        return host.ipv4 === ip || host.ipv6 === ip;
      });
      return device === undefined ? undefined : { machine: device, id: device.id, secondaries: [] };
    },
  });
}
