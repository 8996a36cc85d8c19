import type { ProvisionerContext, ProvisionerImplementationV1 } from '@provision/core';
import { createRestProvisioner, type JsonClient } from '@provision/provider-utils';
import { vultrHosts } from './map-vultr-instance.js';
import { instanceAnswer, instanceSchema } from './vultr-api.js';
import { vultrCapabilities } from './vultr-capabilities.js';
import { createVultrClient, listAll } from './vultr-client.js';
import { vultrDeletion } from './vultr-delete.js';
import { vultrHostFirewall } from './vultr-firewall-group.js';
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
 * - status: one GET. list: the managed (or owner's) tag, pages of 500. delete: the instance,
 *   then its group (see `vultrHostFirewall`); by IP, the instance found by `vultrDeletion`.
 * - start, stop, reboot: one action (204, harmless to repeat), then one read.
 */
function createInstances(client: JsonClient, context: ProvisionerContext) {
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
    machineSchema: instanceAnswer,
    createRequest: (spec, _prepared, group) => ({
      path: '/v2/instances',
      body: {
        region: spec.region,
        plan: spec.plan,
        os_id: Number(spec.image),
        label: spec.name,
        hostname: spec.name,
        tags: vultrManagedTags.encode(spec),
        enable_ipv6: true,
        ...(group === undefined ? {} : { firewall_group_id: group.id }),
        ...(spec.userData === undefined
          ? {}
          : { user_data: Buffer.from(spec.userData, 'utf8').toString('base64') }),
      },
    }),
    factsOf: (instance, host) => ({
      region: host.region,
      plan: host.plan,
      ...(instance.os_id == null ? {} : { image: String(instance.os_id) }),
      inbound: instance.firewall_group_id ? ('own' as const) : ('none' as const),
      tags: host.tags,
    }),
    power: (instanceId, operation) => ({ path: `/v2/instances/${instanceId}/${ACTIONS[operation]}` }),
    // The group first: the instance is born inside it, never open on ports it did not ask for.
    firewall: vultrHostFirewall(client, context.logger),
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
    createInstances(client, context),
    vultrCapabilities(client),
    vultrOrphans(client),
    vultrInboundRules(client),
  );
}
