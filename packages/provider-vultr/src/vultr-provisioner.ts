import type { ProvisionerContext, ProvisionerImplementationV1 } from '@provision/core';
import { createRestProvisioner, type JsonClient } from '@provision/provider-utils';
import { vultrHosts } from './map-vultr-instance.js';
import { instanceAnswer, instanceSchema } from './vultr-api.js';
import { vultrCapabilities } from './vultr-capabilities.js';
import { createVultrClient, listAll } from './vultr-client.js';
import { vultrDeletion } from './vultr-delete.js';
import { HostGroups } from './vultr-firewall-group.js';
import { vultrIds } from './vultr-ids.js';
import { vultrInboundRules } from './vultr-inbound-rules.js';
import { vultrOrphans } from './vultr-orphans.js';
import type { VultrSettings } from './vultr-settings.js';
import { vultrManagedTags } from './vultr-tags.js';

/** Each power operation as Vultr's action path names it (`POST /v2/instances/{id}/<action>`). */
const ACTIONS = { start: 'start', stop: 'halt', reboot: 'reboot' } as const;

/**
 * Vultr, on the API v2 over `fetch`, through `createRestProvisioner`:
 * - provision: look up the identity tag (1); with `inbound`, find or make the host's firewall
 *   group and its rules (1 + 1 + one per rule); create the instance inside that group (1); look
 *   the identity up again (1). Vultr has no idempotency token: `createHostOnce` adopts what a lost
 *   answer made, and makes concurrent callers converge on the oldest instance, each loser
 *   destroying its own instance and the group it made.
 * - status: one GET. list: the managed (or owner's) tag, pages of 500. delete: see `vultrDeletion`.
 * - start, stop, reboot: one action (204, harmless to repeat), then one read.
 */
function createInstances(client: JsonClient, context: ProvisionerContext, groups: HostGroups) {
  return createRestProvisioner({
    context,
    machineKind: 'instance',
    tags: vultrManagedTags,
    hosts: vultrHosts,
    client,
    decodeId: (id, operation) => vultrIds.decode(id, operation).instanceId,
    machineIdOf: (instance) => instance.id,
    createdAtOf: (instance) => instance.date_created,
    machinePath: (instanceId) => `/v2/instances/${instanceId}`,
    // Vultr filters by one tag only: the region is matched on each instance.
    list: ({ tag }, operation, options) =>
      listAll(
        client,
        { path: '/v2/instances', key: 'instances', item: instanceSchema, operation, query: { tag } },
        options,
      ),
    // A destroyed instance answers 404 at once: none is ever seen being deleted.
    isDeleting: () => false,
    // The group first: the instance is born inside it, never open on ports it did not ask for.
    prepare: (spec, options) => async () =>
      spec.inbound === undefined ? undefined : groups.ensure(spec, options),
    machineSchema: instanceAnswer,
    createRequest: (spec, ensured) => ({
      path: '/v2/instances',
      body: {
        region: spec.region,
        plan: spec.plan,
        os_id: Number(spec.image),
        label: spec.name,
        hostname: spec.name,
        tags: vultrManagedTags.encode(spec),
        enable_ipv6: true,
        ...(ensured === undefined ? {} : { firewall_group_id: ensured.group.id }),
        ...(spec.userData === undefined
          ? {}
          : { user_data: Buffer.from(spec.userData, 'utf8').toString('base64') }),
      },
    }),
    // Refused: the group goes too when this call made it. One it found may be a racer's, whose
    // instance is yet to be born inside it; `orphans()` finds it if no instance ever is.
    discard: async (ensured) => {
      if (ensured?.created) await groups.remove(ensured.group.id);
    },
    destroyLoser: async (loser, ensured, winner) => {
      await client.request({
        method: 'DELETE',
        path: `/v2/instances/${loser.id}`,
        operation: 'provision',
        allowStatus: [404],
      });
      // Vultr refuses the group while the loser still sits in it: then `orphans()` finds it.
      if (ensured?.created && ensured.group.id !== winner.firewall_group_id)
        await groups.remove(ensured.group.id);
    },
    factsOf: (instance, host) => ({
      region: host.region,
      plan: host.plan,
      ...(instance.os_id == null ? {} : { image: String(instance.os_id) }),
      inbound: instance.firewall_group_id ? ('own' as const) : ('none' as const),
      tags: host.tags,
    }),
    power: (instanceId, operation) => ({ path: `/v2/instances/${instanceId}/${ACTIONS[operation]}` }),
    deletion: vultrDeletion(client),
  });
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
    createInstances(client, context, new HostGroups(client, context.logger)),
    vultrCapabilities(client),
    vultrOrphans(client),
    vultrInboundRules(client),
  );
}
