import {
  type CallOptions,
  type DeleteResult,
  decodeManagedTags,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  MANAGED_TAG_KEYS,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createHostOnce, type HostDeletion, type JsonClient } from '@provision/provider-utils';
import { instanceToHost } from './map-vultr-instance.js';
import { type Instance, instanceEnvelope, instancePage, instanceSchema, PAGE_SIZE } from './vultr-api.js';
import { vultrCapabilities } from './vultr-capabilities.js';
import { createVultrClient, listAll } from './vultr-client.js';
import { readInstance, vultrDeletion } from './vultr-delete.js';
import { HostGroups } from './vultr-firewall-group.js';
import { vultrIds } from './vultr-ids.js';
import { vultrInboundRules } from './vultr-inbound-rules.js';
import { vultrOrphans } from './vultr-orphans.js';
import type { VultrSettings } from './vultr-settings.js';
import { identityTag, instanceTagMap, MANAGED_TAG, vultrTags } from './vultr-tags.js';

/**
 * Vultr, on the API v2 over `fetch`:
 * - provision: look up the identity tag (1); with `inbound`, find or make the host's firewall
 *   group and its rules (1 + 1 + one per rule); create the instance inside that group (1); look
 *   the identity up again (1). Vultr has no idempotency token: `createHostOnce` adopts what a lost
 *   answer made, and makes concurrent callers converge on the oldest instance, each loser
 *   destroying its own instance and the group it made.
 * - status: one GET. delete: see `vultrDeletion`.
 */
class VultrProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly groups: HostGroups,
    private readonly deletion: HostDeletion,
  ) {}

  provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const signal = options?.signal;
    return createHostOnce({
      context: this.context,
      machineKind: 'instance',
      spec,
      options,
      idOf: (instance) => instance.id,
      createdAtOf: (instance) => instance.date_created,
      find: () => this.sameIdentity(spec, options),
      // The group first: the instance is born inside it, never open on ports it did not ask for.
      prepare: async () => (spec.inbound === undefined ? undefined : this.groups.ensure(spec, options)),
      create: async (ensured) =>
        (
          await this.client.request({
            method: 'POST',
            path: '/v2/instances',
            body: {
              region: spec.region,
              plan: spec.plan,
              os_id: Number(spec.image),
              label: spec.name,
              hostname: spec.name,
              tags: vultrTags.encode(instanceTagMap(spec)),
              enable_ipv6: true,
              ...(ensured === undefined ? {} : { firewall_group_id: ensured.group.id }),
              ...(spec.userData === undefined
                ? {}
                : { user_data: Buffer.from(spec.userData, 'utf8').toString('base64') }),
            },
            operation: 'provision',
            schema: instanceEnvelope,
            // Cut out of the cloud's error messages in every form (as sent, base64 and decoded).
            secrets: [spec.userData],
            signal,
          })
        ).data.instance,
      // Refused: the group (made or adopted here, no instance in it) goes too.
      discard: async (ensured) => {
        if (ensured !== undefined) await this.groups.remove(ensured.group.id);
      },
      destroyLoser: async (loser, ensured, winner) => {
        await this.client.request({
          method: 'DELETE',
          path: `/v2/instances/${loser.id}`,
          operation: 'provision',
          allowStatus: [404],
        });
        // Vultr refuses the group while the loser still sits in it: then `orphans()` finds it.
        if (ensured?.created && ensured.group.id !== winner.firewall_group_id)
          await this.groups.remove(ensured.group.id);
      },
      toHost: ({ machine }) => instanceToHost(machine),
      factsOf: (instance, host) => ({
        region: host.region,
        plan: host.plan,
        ...(instance.os_id == null ? {} : { image: String(instance.os_id) }),
        inbound: instance.firewall_group_id ? ('own' as const) : ('none' as const),
        tags: host.tags,
      }),
    });
  }

  /** Every instance carrying the identity tag of `(owner, name)`: one request (a page holds 500). */
  private async sameIdentity(spec: ResolvedHostSpec, options?: CallOptions): Promise<Instance[]> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/v2/instances',
      query: { tag: identityTag(spec.owner, spec.name), per_page: PAGE_SIZE },
      operation: 'provision',
      schema: instancePage,
      signal: options?.signal,
    });
    return data.instances;
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { instanceId } = vultrIds.decode(id, 'status');
    const instance = await readInstance(this.client, instanceId, 'status', options);
    if (instance === undefined) throw new HostNotFoundError(id, { provider: 'vultr', operation: 'status' });
    return instanceToHost(instance);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag =
      filter.owner === undefined ? MANAGED_TAG : vultrTags.encodeOne(MANAGED_TAG_KEYS.owner, filter.owner);
    const listing = {
      path: '/v2/instances',
      key: 'instances',
      item: instanceSchema,
      operation: 'list',
    } as const;
    const instances = await listAll(this.client, { ...listing, query: { tag } }, options);
    return instances
      .filter((instance) => {
        const { managed, userTags } = decodeManagedTags(vultrTags.decode(instance.tags ?? []));
        if (managed === undefined) return false;
        if (filter.region !== undefined && instance.region !== filter.region) return false;
        return Object.entries(filter.tags ?? {}).every(([key, value]) => userTags[key] === value);
      })
      .map(instanceToHost);
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: VultrSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  return createVultrProvisioner(createVultrClient(settings, context), context);
}

/** The implementation on a given client (tests pass one paced on a fake clock). */
export function createVultrProvisioner(
  client: JsonClient,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  return Object.assign(
    new VultrProvisioner(client, context, new HostGroups(client, context.logger), vultrDeletion(client)),
    vultrCapabilities(client),
    vultrOrphans(client),
    vultrInboundRules(client),
  );
}
