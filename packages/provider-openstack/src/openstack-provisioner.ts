import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createHostOnce, type HostDeletion, readHostTags } from '@provision/provider-utils';
import { hostIdOf, serverToHost } from './map-openstack-server.js';
import { createServerAnswer, type Server } from './openstack-api.js';
import { openstackCapabilities } from './openstack-capabilities.js';
import { openstackDeletion, removeResources } from './openstack-delete.js';
import { hasIdentity, openstackIds, RESOURCE_KEYS, serverMetadata } from './openstack-ids.js';
import { openstackInboundRules } from './openstack-inbound-rules.js';
import { type FlavorNeeds, SMALLEST_PLAN } from './openstack-lookups.js';
import { prepareNetworking } from './openstack-networking.js';
import { openstackOrphans } from './openstack-orphans.js';
import { AUTO_REGION } from './openstack-region.js';
import { RegionLookups } from './openstack-region-lookups.js';
import { openstackRegions } from './openstack-regions.js';
import { listServers, serverIfAny } from './openstack-servers.js';
import { OpenStackSession, type RegionClients } from './openstack-session.js';
import type { OpenStackSettings } from './openstack-settings.js';

/**
 * OpenStack, on Keystone v3, Nova (microversion 2.47), Neutron and Glance over `fetch`:
 * - provision: the identity lookup (servers named so, carrying its identity in their metadata);
 *   the image (Glance properties), the flavors and the networks (cached per provisioner); with
 *   `inbound` the host's security group and its rules; the host's port in it; a floating IP on
 *   the port when the network is internal; the server on the port; the identity lookup again.
 *   Nova has no idempotency token, so racing callers may each make a server; the second lookup
 *   makes them converge on the oldest (`createHostOnce`) and each loser removes its server, port
 *   and floating IP, and its group unless the winner is in it too.
 * - status: one GET. delete: see `openstackDeletion`.
 */
class OpenStackProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly session: OpenStackSession,
    private readonly lookups: RegionLookups,
    private readonly deletion: HostDeletion,
    private readonly settings: OpenStackSettings,
    private readonly context: ProvisionerContext,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const clients = await this.session.clients(spec.region);
    const region = clients.region;
    return createHostOnce({
      context: this.context,
      machineKind: 'server',
      spec,
      options,
      idOf: (server) => server.id,
      // The create answers no time: a server this call made but the lookup does not list yet
      // sorts after every listed one.
      createdAtOf: (server) => server.created,
      find: () => this.sameIdentity(clients, spec, options),
      prepare: () => this.prepare(clients, spec, options),
      create: async ({ image, flavor, networking, metadata }) => {
        const { data } = await clients.compute.request({
          method: 'POST',
          path: '/servers',
          body: {
            server: {
              name: spec.name,
              imageRef: image.id,
              flavorRef: flavor.id,
              networks: [{ port: networking.portId }],
              metadata,
              ...(spec.userData === undefined
                ? {}
                : { user_data: Buffer.from(spec.userData, 'utf8').toString('base64') }),
            },
          },
          operation: 'provision',
          schema: createServerAnswer,
          // Cut out of the cloud's error messages in every form (as sent, base64 and decoded).
          secrets: [spec.userData],
          signal: options?.signal,
        });
        // Nova answers the id alone; the rest is what was asked.
        return {
          id: data.server.id,
          name: spec.name,
          status: 'BUILD',
          metadata,
          flavor: { original_name: flavor.name },
        } satisfies Server;
      },
      // Refused: the port, address and group this call made go too; those it found may be a
      // racer's, whose server is yet to be born on them. Unknown: they stay for the retry to adopt.
      discard: ({ networking }) => removeResources(clients, networking.made, 'provision'),
      // The port and address are the loser's alone. The group is one per identity: a racer may
      // have found the one this call made, or made the one it found, so the group the winner's
      // metadata names stays, whoever made it. Another may still be in use by the loser's port
      // for a moment; `orphans()` finds it then.
      destroyLoser: async (loser, { networking }, winner) => {
        await clients.compute.request({
          method: 'DELETE',
          path: `/servers/${loser.id}`,
          operation: 'provision',
          allowStatus: [404],
        });
        const winnersGroup = winner.metadata?.[RESOURCE_KEYS.securityGroup];
        await removeResources(
          clients,
          networking.securityGroupId === winnersGroup
            ? { ...networking, securityGroupId: undefined }
            : networking,
          'provision',
        );
      },
      toHost: ({ machine, origin, listed }) =>
        serverToHost(
          origin === 'created' ? (listed ?? { ...machine, created: new Date().toISOString() }) : machine,
          region,
        ),
      factsOf: (server, host) => ({
        // `auto` and `smallest` name what the cloud resolved them to, whatever it is.
        ...(spec.region === AUTO_REGION ? {} : { region }),
        ...(spec.plan === SMALLEST_PLAN ? {} : { plan: host.plan }),
        inbound: server.metadata?.[RESOURCE_KEYS.securityGroup] === undefined ? 'none' : 'own',
        tags: host.tags,
      }),
    });
  }

  /**
   * What the server needs before it is born: the image, the flavor that fits and the placement
   * (cached per provisioner), then the host's own Neutron resources, and the metadata that names
   * them on the server.
   */
  private async prepare(clients: RegionClients, spec: ResolvedHostSpec, options?: CallOptions) {
    const [image, flavors, placement] = await Promise.all([
      this.lookups.image(clients, spec.image, options),
      this.lookups.flavors(clients, options),
      this.lookups.placement(clients, this.settings, options),
    ]);
    const flavor = this.lookups.flavor(flavors, spec.plan, spec.options as FlavorNeeds, image);
    const networking = await prepareNetworking(clients, spec, placement, options);
    const metadata = {
      ...serverMetadata(spec),
      [RESOURCE_KEYS.port]: networking.portId,
      ...(networking.floatingIpId === undefined
        ? {}
        : { [RESOURCE_KEYS.floatingIp]: networking.floatingIpId }),
      ...(networking.securityGroupId === undefined
        ? {}
        : { [RESOURCE_KEYS.securityGroup]: networking.securityGroupId }),
    };
    return { image, flavor, networking, metadata };
  }

  /** Every live server of this project named `spec.name` and carrying the identity of `(owner, name)`. */
  private async sameIdentity(
    clients: RegionClients,
    spec: ResolvedHostSpec,
    options?: CallOptions,
  ): Promise<Server[]> {
    // Nova's `name` filter is a regular expression; host names are letters, digits and "-".
    const servers = await listServers(clients.compute, { name: `^${spec.name}$` }, 'provision', options);
    return servers.filter(
      // A server being deleted is not the host any more, though it still holds the name.
      (server) =>
        hasIdentity(server.metadata, spec) &&
        server.status !== 'DELETED' &&
        server.status !== 'SOFT_DELETED' &&
        server['OS-EXT-STS:task_state'] !== 'deleting',
    );
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const parts = openstackIds.decode(id, 'status');
    const clients = await this.session.clients(parts.region);
    const server = await serverIfAny(clients.compute, parts.serverId, 'status', options);
    if (server === undefined) throw new HostNotFoundError(id, { provider: 'openstack', operation: 'status' });
    return serverToHost(server, parts.region, id);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const clients = await this.session.clients(filter.region ?? 'auto');
    const servers = await listServers(clients.compute, {}, 'list', options);
    return servers.flatMap((server) => {
      const { managed, userTags } = readHostTags(server.metadata ?? {});
      const id = hostIdOf(server, clients.region);
      if (managed === undefined || id === undefined) return [];
      if (filter.owner !== undefined && managed.owner !== filter.owner) return [];
      if (!Object.entries(filter.tags ?? {}).every(([key, value]) => userTags[key] === value)) return [];
      return [serverToHost(server, clients.region, id)];
    });
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: OpenStackSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const session = new OpenStackSession(settings, context);
  return Object.assign(
    new OpenStackProvisioner(
      session,
      new RegionLookups(session),
      openstackDeletion(session),
      settings,
      context,
    ),
    openstackCapabilities(session),
    openstackRegions(session),
    openstackOrphans(session),
    openstackInboundRules(session),
  );
}
