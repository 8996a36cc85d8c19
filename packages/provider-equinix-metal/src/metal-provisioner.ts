import {
  type CallOptions,
  CapacityError,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  MANAGED_TAG_KEYS,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createHostOnce, type HostDeletion } from '@provision/provider-utils';
import { deviceToHost } from './map-metal-device.js';
import { capacityCheck, type Device, deviceSchema } from './metal-api.js';
import { metalCapabilities } from './metal-capabilities.js';
import { createMetalConnection, type MetalConnection } from './metal-client.js';
import { metalDeletion } from './metal-delete.js';
import { metalIds } from './metal-ids.js';
import { listDevices, readDevice } from './metal-listing.js';
import type { MetalSettings } from './metal-settings.js';
import { deviceTagMap, identityTag, MANAGED_TAG, metalTags, readMetalTags } from './metal-tags.js';

/**
 * Equinix Metal, on the Metal API v1 over `fetch`:
 * - provision: look the identity tag up (1) while asking whether the plan has capacity in the
 *   metro (1, `POST /capacity/metros`): none is a `CapacityError` before any create; create the
 *   device (1); look the identity up again (1). There is no idempotency token: `createHostOnce`
 *   adopts what a lost answer made, and makes concurrent callers converge on the oldest device,
 *   each loser deleting its own. A device takes minutes to provision: nothing here waits.
 * - status: one GET. delete: see `metalDeletion`.
 */
class MetalProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly connection: MetalConnection,
    private readonly context: ProvisionerContext,
    private readonly deletion: HostDeletion,
  ) {}

  provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const { client } = this.connection;
    const projectId = this.connection.projectId();
    const signal = options?.signal;
    const capacity = this.hasCapacity(spec, options);
    capacity.catch(() => {});
    return createHostOnce({
      context: this.context,
      machineKind: 'device',
      spec,
      options,
      idOf: (device) => device.id,
      createdAtOf: (device) => device.created_at,
      find: () => this.sameIdentity(projectId, spec, options),
      prepare: async () => {
        if (!(await capacity))
          throw new CapacityError(
            `Equinix Metal has no ${spec.plan} available in ${spec.region} right now.`,
            {
              provider: 'equinix-metal',
              operation: 'provision',
              hint: 'Try another metro or plan: on-demand inventory varies by metro (`provision plans --provider equinix-metal`).',
            },
          );
      },
      create: async () =>
        (
          await client.request({
            method: 'POST',
            path: `/projects/${projectId}/devices`,
            body: {
              hostname: spec.name,
              plan: spec.plan,
              metro: spec.region,
              operating_system: spec.image,
              billing_cycle: 'hourly',
              tags: metalTags.encode(deviceTagMap(spec)),
              ...(spec.userData === undefined ? {} : { userdata: spec.userData }),
            },
            operation: 'provision',
            schema: deviceSchema,
            // Cut out of the cloud's error messages in every form.
            secrets: [spec.userData],
            signal,
          })
        ).data,
      destroyLoser: async (loser) => {
        await client.request({
          method: 'DELETE',
          path: `/devices/${loser.id}`,
          operation: 'provision',
          allowStatus: [404],
        });
      },
      toHost: ({ machine }) => deviceToHost(machine),
      factsOf: (device, host) => ({
        region: host.region,
        plan: host.plan,
        image: device.operating_system?.slug ?? undefined,
        inbound: 'none' as const,
        tags: host.tags,
      }),
    });
  }

  /** Whether the plan can be had in the metro now (one request; the description's capacity check). */
  private async hasCapacity(spec: ResolvedHostSpec, options?: CallOptions): Promise<boolean> {
    const { data } = await this.connection.client.request({
      method: 'POST',
      path: '/capacity/metros',
      body: { servers: [{ metro: spec.region, plan: spec.plan, quantity: '1' }] },
      operation: 'provision',
      schema: capacityCheck,
      signal: options?.signal,
    });
    return data.servers.every((server) => server.available !== false);
  }

  /** Every managed device of `(owner, name)` in the project: one request (a page holds 1,000). */
  private async sameIdentity(
    projectId: string,
    spec: ResolvedHostSpec,
    options?: CallOptions,
  ): Promise<Device[]> {
    const tag = identityTag(spec.owner, spec.name);
    const found = await listDevices(this.connection.client, projectId, 'provision', { tag }, options);
    return found.filter((device) => {
      if (!(device.tags ?? []).includes(tag)) return false;
      // One being deprovisioned is on its way out: not the host any more.
      if (device.state === 'deprovisioning' || device.state === 'deleted') return false;
      const { managed } = readMetalTags(device.tags ?? []);
      return managed?.name === spec.name && managed.owner === spec.owner;
    });
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { deviceId } = metalIds.decode(id, 'status');
    const device = await readDevice(this.connection.client, deviceId, 'status', options);
    if (device === undefined)
      throw new HostNotFoundError(id, { provider: 'equinix-metal', operation: 'status' });
    return deviceToHost(device);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag =
      filter.owner === undefined ? MANAGED_TAG : metalTags.encodeOne(MANAGED_TAG_KEYS.owner, filter.owner);
    const devices = await listDevices(
      this.connection.client,
      this.connection.projectId(),
      'list',
      { tag, ...(filter.region === undefined ? {} : { metro: filter.region }) },
      options,
    );
    // Each device's tags are read once (their identity check hashes), for the filter and the host.
    const wanted = Object.entries(filter.tags ?? {});
    const hosts: Host[] = [];
    for (const device of devices) {
      const tags = readMetalTags(device.tags ?? []);
      if (tags.managed === undefined) continue;
      if (filter.region !== undefined && device.metro?.code !== filter.region) continue;
      if (wanted.every(([key, value]) => tags.userTags[key] === value))
        hosts.push(deviceToHost(device, tags));
    }
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: MetalSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const connection = createMetalConnection(settings, context);
  return Object.assign(
    new MetalProvisioner(connection, context, metalDeletion(connection)),
    metalCapabilities(connection),
  );
}
