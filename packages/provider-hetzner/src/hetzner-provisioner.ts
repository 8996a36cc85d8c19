import {
  type CallOptions,
  type DeleteResult,
  decodeManagedTags,
  failedCreationHost,
  type Host,
  HostNotFoundError,
  type HostRef,
  hostIdentity,
  type ListFilter,
  MANAGED_TAG_KEYS,
  ProviderApiError,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { getIfFound, type HostDeletion, hasProviderCode, type JsonClient } from '@provision/provider-utils';
import { actionPage, createServerAnswer, type Server, serverEnvelope, serverPage } from './hetzner-api.js';
import { hetznerCapabilities } from './hetzner-capabilities.js';
import { hetznerCatalog } from './hetzner-catalog.js';
import { createHetznerClient } from './hetzner-client.js';
import { hetznerDeletion } from './hetzner-delete.js';
import { ensureFirewall } from './hetzner-host-firewall.js';
import { hetznerIds } from './hetzner-ids.js';
import { hetznerInboundRules } from './hetzner-inbound-rules.js';
import { FIREWALL_LABEL, managedSelector, serverLabels, serverName } from './hetzner-labels.js';
import { listServers } from './hetzner-listing.js';
import { hetznerOrphans } from './hetzner-orphans.js';
import type { HetznerSettings } from './hetzner-settings.js';
import { firewallIdOf, hostIdOf, serverToHost } from './map-hetzner-server.js';

/**
 * Hetzner Cloud, on the API v1 over `fetch`:
 * - provision: create the server (1; names are unique per project, so a repeat or a race answers
 *   `uniqueness_error` and the server of that name is adopted when it carries our identity
 *   label), and with `inbound` its firewall, applied at creation (1). A refused firewall deletes
 *   the server again, so no host is left open on ports it did not ask for. The server's public
 *   IPs are created with it (`auto_delete`), so they go with it.
 * - status: one GET; while the server is off, also its failed actions (a failed create leaves
 *   the server off, with the create action's error).
 * - delete: see `hetznerDeletion`.
 * - inboundRules: the server, then each firewall applied to it (`hetznerInboundRules`).
 */
class HetznerProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly deletion: HostDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const signal = options?.signal;
    let server: Server;
    try {
      server = await this.create(spec, options);
    } catch (error) {
      // A repeat, a racer, or a lost answer: the server of this name may be ours already.
      const outcomeUnknown = ProvisionError.isInstance(error) && error.retryable;
      if (signal?.aborted || !(hasProviderCode(error, 'uniqueness_error') || outcomeUnknown)) throw error;
      const existing = await this.byName(spec, options).catch(() => undefined);
      if (existing !== undefined && this.isSameHost(existing, spec))
        return this.existingHost(existing, spec, options);
      if (!hasProviderCode(error, 'uniqueness_error')) throw error;
      if (existing !== undefined)
        throw new ProviderApiError(
          `A server named "${existing.name}" already exists in this Hetzner project and is not the host (${spec.owner}, ${spec.name}): server names are unique per project.`,
          { provider: 'hetzner', operation: 'provision', status: 409, providerCode: 'uniqueness_error' },
        );
      // The server that held the name is gone (or being deleted): the name is free again.
      server = await this.create(spec, options);
    }
    if (spec.inbound === undefined)
      return serverToHost(server, hetznerIds.encode({ serverId: String(server.id) }));
    const firewall = await ensureFirewall(
      this.client,
      spec,
      server.id,
      server.public_net?.ipv4?.ip,
      options,
      // Without the caller's signal: a rollback cut short would leave the host open.
      () =>
        this.client
          .request({
            method: 'DELETE',
            path: `/servers/${server.id}`,
            operation: 'provision',
            allowStatus: [404],
          })
          .then(() => undefined),
    );
    return serverToHost(
      server,
      hetznerIds.encode({ serverId: String(server.id), firewallId: String(firewall.id) }),
    );
  }

  private async create(spec: ResolvedHostSpec, options?: CallOptions): Promise<Server> {
    const { data } = await this.client.request({
      method: 'POST',
      path: '/servers',
      body: {
        name: serverName(spec),
        server_type: spec.plan,
        image: spec.image,
        location: spec.region,
        labels: serverLabels(spec),
        start_after_create: true,
        // Auto-assigned primary IPs are created with `auto_delete`: deleted with the server.
        public_net: { enable_ipv4: true, enable_ipv6: true },
        ...(spec.userData === undefined ? {} : { user_data: spec.userData }),
      },
      operation: 'provision',
      schema: createServerAnswer,
      // Cut out of the cloud's error messages, should the API or a proxy quote the request.
      secrets: [spec.userData],
      signal: options?.signal,
    });
    return data.server;
  }

  private isSameHost(server: Server, spec: ResolvedHostSpec): boolean {
    return server.labels?.[MANAGED_TAG_KEYS.identity] === hostIdentity(spec.owner, spec.name);
  }

  private async byName(spec: ResolvedHostSpec, options?: CallOptions): Promise<Server | undefined> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/servers',
      query: { name: serverName(spec) },
      operation: 'provision',
      schema: serverPage,
      signal: options?.signal,
    });
    // A server being deleted is not the host any more, even when it still holds the name.
    return data.servers.find((server) => server.status !== 'deleting');
  }

  /** The host provision() found by name, its firewall completed if an interrupted call left none. */
  private async existingHost(server: Server, spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    let firewallId = firewallIdOf(server);
    if (
      firewallId === undefined &&
      server.labels?.[FIREWALL_LABEL] !== undefined &&
      spec.inbound !== undefined
    )
      firewallId = (await ensureFirewall(this.client, spec, server.id, server.public_net?.ipv4?.ip, options))
        .id;
    const id = hetznerIds.encode({
      serverId: String(server.id),
      firewallId: firewallId === undefined ? undefined : String(firewallId),
    });
    const host = serverToHost(server, id);
    const image = server.image?.name ?? undefined;
    const mismatch = specMismatch(
      {
        region: server.location?.name,
        plan: server.server_type?.name,
        image,
        os: Object.entries(hetznerCatalog.images).find(([, name]) => name === image)?.[0],
        inbound: firewallId === undefined ? 'none' : 'own',
        tags: host.tags,
      },
      spec,
    );
    return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { serverId } = hetznerIds.decode(id, 'status');
    const path = `/servers/${serverId}`;
    const found = await getIfFound(this.client, {
      path,
      operation: 'status',
      schema: serverEnvelope,
      signal: options?.signal,
    });
    if (found === undefined) throw new HostNotFoundError(id, { provider: 'hetzner', operation: 'status' });
    const server = found.server;
    const host = serverToHost(server, id);
    // A create whose action failed leaves the server off; the action holds the reason. (A
    // server still initializing has not failed yet: it costs nothing more.)
    if (server.status !== 'off') return host;
    const { data } = await this.client.request({
      method: 'GET',
      path: `/servers/${serverId}/actions`,
      query: { status: 'error', sort: 'id:desc', per_page: 50 },
      operation: 'status',
      schema: actionPage,
      signal: options?.signal,
    });
    const failed = data.actions.find((action) => action.command === 'create_server' && action.error);
    if (failed === undefined) return host;
    const { managed, userTags } = decodeManagedTags(server.labels ?? {});
    return failedCreationHost({
      id,
      provider: 'hetzner',
      nativeStatus: server.status,
      name: managed?.name ?? server.name,
      owner: managed?.owner ?? '',
      region: host.region,
      plan: host.plan,
      tags: userTags,
      reason: `Hetzner failed to create the server (${failed.error?.code}): ${failed.error?.message}`,
    });
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const servers = await listServers(
      this.client,
      { label_selector: managedSelector(filter.owner) },
      'list',
      options,
    );
    return servers
      .filter((server) => filter.region === undefined || server.location?.name === filter.region)
      .map((server) => serverToHost(server, hostIdOf(server)))
      .filter((host) => Object.entries(filter.tags ?? {}).every(([key, value]) => host.tags[key] === value));
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: HetznerSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createHetznerClient(settings, context);
  return Object.assign(
    new HetznerProvisioner(client, hetznerDeletion(client)),
    hetznerCapabilities(client),
    hetznerOrphans(client),
    hetznerInboundRules(client),
  );
}
