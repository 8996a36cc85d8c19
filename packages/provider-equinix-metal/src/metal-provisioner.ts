import {
  type CallOptions,
  CapacityError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createRestProvisioner, listNumberedPages } from '@provision/provider-utils';
import { isDeprovisioning, metalHosts } from './map-metal-device.js';
import { capacityCheck, devicePage, deviceSchema, PAGE_SIZE, UNREAD_DEVICE_OBJECTS } from './metal-api.js';
import { metalCapabilities } from './metal-capabilities.js';
import { createMetalConnection, type MetalConnection } from './metal-client.js';
import { metalIds } from './metal-ids.js';
import type { MetalSettings } from './metal-settings.js';
import { metalManagedTags } from './metal-tags.js';

/** Each power operation as `POST /devices/{id}/actions` takes it (`DeviceActionInput.type`). */
const ACTIONS = { start: 'power_on', stop: 'power_off', reboot: 'reboot' } as const;

/** Whether the plan can be had in the metro now (one request; the description's capacity check). */
async function hasCapacity(
  { client }: MetalConnection,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<boolean> {
  const { data } = await client.request({
    method: 'POST',
    path: '/capacity/metros',
    body: { servers: [{ metro: spec.region, plan: spec.plan, quantity: '1' }] },
    operation: 'provision',
    schema: capacityCheck,
    signal: options?.signal,
  });
  return data.servers.every((server) => server.available !== false);
}

/**
 * Equinix Metal, on the Metal API v1 over `fetch`, through `createRestProvisioner` (called by core
 * through the manifest's `load()`):
 * - provision: look the identity tag up (1) while asking whether the plan has capacity in the
 *   metro (1, `POST /capacity/metros`): none is a `CapacityError` before any create; create the
 *   device (1); look the identity up again (1). There is no idempotency token: `createHostOnce`
 *   adopts what a lost answer made, and makes concurrent callers converge on the oldest device,
 *   each loser deleting its own. A device takes minutes to provision: nothing here waits.
 * - status: one GET. list: the project's devices carrying the tag (`?tag=`, and `metro` when a
 *   region is asked), in pages of 1,000 following `meta.last_page` (page 1, then the others at
 *   once): one page in the budget. Listings other than provision()'s ask the nested objects no
 *   host reads left out (`exclude`, `UNREAD_DEVICE_OBJECTS`).
 * - delete: a device keeps nothing beside it (bare metal has no cloud firewall, and its addresses
 *   come and go with it), so a host is its device alone. Each call reads the device (only a
 *   managed one is deleted); the first sends `DELETE` and answers done: false while Equinix Metal
 *   deprovisions it (no second DELETE); the call that reads 404 answers done: true.
 * - start, stop, reboot: `POST /devices/{id}/actions`, then one read.
 */
export function createProvisioner(
  settings: MetalSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const connection = createMetalConnection(settings, context);
  const { client } = connection;
  const provisioner = createRestProvisioner({
    context,
    machineKind: 'device',
    tags: metalManagedTags,
    hosts: metalHosts,
    client,
    decodeId: (id, operation) => metalIds.decode(id, operation).deviceId,
    machineIdOf: (device) => device.id,
    createdAtOf: (device) => device.created_at,
    machinePath: (deviceId) => `/devices/${deviceId}`,
    list: ({ tag, region }, operation, options) =>
      listNumberedPages(
        client,
        {
          path: `/projects/${connection.projectId()}/devices`,
          query: {
            tag,
            ...(region === undefined ? {} : { metro: region }),
            // provision() reads the operating system of a host it finds (its facts); hosts do not.
            ...(operation === 'provision' ? {} : { exclude: UNREAD_DEVICE_OBJECTS.join(',') }),
          },
          operation,
          schema: devicePage,
          pageQuery: (page) => ({ page, per_page: PAGE_SIZE }),
          read: (data) => ({ items: data.devices, lastPage: data.meta?.last_page ?? undefined }),
          signal: options?.signal,
        },
        { provider: 'equinix-metal' },
      ),
    isDeleting: isDeprovisioning,
    prepare(spec, options) {
      const capacity = hasCapacity(connection, spec, options);
      capacity.catch(() => {});
      return async () => {
        if (!(await capacity))
          throw new CapacityError(
            `Equinix Metal has no ${spec.plan} available in ${spec.region} right now.`,
            {
              provider: 'equinix-metal',
              operation: 'provision',
              hint: 'Try another metro or plan: on-demand inventory varies by metro (`provision plans --provider equinix-metal`).',
            },
          );
      };
    },
    machineSchema: deviceSchema,
    createRequest: (spec) => ({
      path: `/projects/${connection.projectId()}/devices`,
      body: {
        hostname: spec.name,
        plan: spec.plan,
        metro: spec.region,
        operating_system: spec.image,
        billing_cycle: 'hourly',
        tags: metalManagedTags.encode(spec),
        ...(spec.userData === undefined ? {} : { userdata: spec.userData }),
      },
    }),
    factsOf: (device, host) => ({
      region: host.region,
      plan: host.plan,
      image: device.operating_system?.slug ?? undefined,
      inbound: 'none' as const,
      tags: host.tags,
    }),
    power: (deviceId, operation) => ({
      path: `/devices/${deviceId}/actions`,
      body: { type: ACTIONS[operation] },
    }),
  });
  return Object.assign(provisioner, metalCapabilities(connection));
}
