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
  type Logger,
  MANAGED_TAG_KEYS,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import {
  createByUniqueName,
  dropMadeFirewall,
  getIfFound,
  type HostDeletion,
  hasProviderCode,
  isStillBeingDeleted,
  type JsonClient,
  outcomeUnknown,
  type Readied,
  type RestHostFirewall,
  stillBeingDeleted,
} from '@provision/provider-utils';
import { actionPage, createServerAnswer, type Server, serverEnvelope, serverPage } from './hetzner-api.js';
import { hetznerCapabilities } from './hetzner-capabilities.js';
import { hetznerCatalog } from './hetzner-catalog.js';
import { createHetznerClient } from './hetzner-client.js';
import { hetznerDeletion } from './hetzner-delete.js';
import { hetznerHostFirewall } from './hetzner-host-firewall.js';
import { hetznerIds } from './hetzner-ids.js';
import { hetznerInboundRules } from './hetzner-inbound-rules.js';
import { FIREWALL_LABEL, managedSelector, serverLabels, serverName } from './hetzner-labels.js';
import { listServersAs } from './hetzner-listing.js';
import { hetznerOrphans } from './hetzner-orphans.js';
import type { HetznerSettings } from './hetzner-settings.js';
import { hostIdOf, serverToHost } from './map-hetzner-server.js';

/**
 * Hetzner Cloud, on the API v1 over `fetch`:
 * - provision: with `inbound`, the host's firewall first (1; `hetznerHostFirewall`, no
 *   `apply_to`), then the server created behind it (1; `firewalls` in its create: Hetzner applies
 *   it on the public interface at creation, so the server is never reachable on a port it did not
 *   ask for, not even while it boots). Server names are unique per project, so a repeat or a
 *   race answers `uniqueness_error` and the server of that name is adopted when it carries our
 *   identity label. A refused create (the name another's included) removes the firewall this
 *   call made; an unknown outcome keeps it for a repeat. The server's public IPs are created
 *   with it (`auto_delete`), so they go with it.
 * - status: one GET; while the server is off, also its failed actions (a failed create leaves
 *   the server off, with the create action's error).
 * - delete: see `hetznerDeletion`.
 * - inboundRules: the server, then each firewall applied to it (`hetznerInboundRules`).
 */
class HetznerProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly firewall: RestHostFirewall<Server, undefined>,
    private readonly deletion: HostDeletion,
    private readonly logger: Logger,
  ) {}

  /** Removes the firewall this call made, unless `winner` is behind it; a failure is logged, never thrown. */
  private async dropFirewall(readied: Readied<undefined>, winner?: Server): Promise<void> {
    try {
      await dropMadeFirewall(this.firewall, readied, winner);
    } catch (error) {
      this.logger.warn('could not remove the firewall this call made; orphans() finds it', {
        provider: 'hetzner',
        firewallId: readied.firewall?.ref.id,
        error: (error as Error).name,
      });
    }
  }

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const readied: Readied<undefined> = {
      prepared: undefined,
      ...(spec.inbound === undefined
        ? {}
        : { firewall: await this.firewall.ensure(spec, undefined, options) }),
    };
    try {
      return await this.createOrAdopt(spec, readied, options);
    } catch (error) {
      // Refused (the name held by a server being deleted included): the firewall this call made
      // guards nothing. (Aborted or unknown: the server may exist behind it, for a repeat to find;
      // Hetzner refuses to delete a firewall in use anyway.)
      if (!options?.signal?.aborted && (!outcomeUnknown(error) || isStillBeingDeleted(error)))
        await this.dropFirewall(readied);
      throw error;
    }
  }

  private async createOrAdopt(
    spec: ResolvedHostSpec,
    readied: Readied<undefined>,
    options?: CallOptions,
  ): Promise<Host> {
    const firewall = readied.firewall?.ref.id;
    // A firewall that was there already most likely guards the host of a repeat: one lookup by
    // name instead of a create Hetzner would refuse (and the lookup after it).
    if (readied.firewall?.created === false) {
      const existing = await this.byName(spec, options);
      if (existing !== undefined) this.refuseDeleting(existing, spec);
      if (existing !== undefined && this.isSameHost(existing, spec))
        return this.existingHost(await this.completeFirewall(existing, readied, options), spec);
    }
    const outcome = await createByUniqueName({
      provider: 'hetzner',
      machineKind: 'server',
      name: serverName(spec),
      scope: 'in this Hetzner project',
      uniquePer: 'project',
      spec,
      takenCode: 'uniqueness_error',
      create: () => this.create(spec, firewall, options),
      lookup: () => this.byName(spec, options),
      isHost: (server) => this.isSameHost(server, spec),
      refuse: (server) => this.refuseDeleting(server, spec),
      signal: options?.signal,
    });
    if (outcome.found !== undefined) {
      const host = await this.completeFirewall(outcome.found, readied, options);
      // A winner behind another firewall (or none) leaves the one this call made unused.
      await this.dropFirewall(readied, host);
      return this.existingHost(host, spec);
    }
    const server = outcome.created;
    return serverToHost(server, hetznerIds.encode({ serverId: String(server.id), firewallId: firewall }));
  }

  private async create(
    spec: ResolvedHostSpec,
    firewallId: string | undefined,
    options?: CallOptions,
  ): Promise<Server> {
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
        // Applied on the public interface at creation time, before the server first boots.
        ...(firewallId === undefined ? {} : { firewalls: [{ firewall: Number(firewallId) }] }),
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

  /**
   * A found server made with `inbound` (so labelled) that no firewall guards any more (one removed
   * from it and deleted by hand, or one an earlier version had not applied yet): the firewall this
   * call holds, made with the spec's rules, is applied to it (`apply_to_resources`, one request),
   * so the host is guarded as it was asked to be. A server made without `inbound` is left open:
   * its `specMismatch` says so. Hetzner applies the firewall once its `apply_firewall` action
   * finishes, within seconds; `firewall_already_applied` (a racer applied it) is as good.
   * https://docs.hetzner.cloud/reference/cloud#firewall-actions-apply-to-resources
   */
  private async completeFirewall(
    server: Server,
    readied: Readied<undefined>,
    options?: CallOptions,
  ): Promise<Server> {
    const firewall = readied.firewall?.ref;
    if (
      firewall === undefined ||
      server.labels?.[FIREWALL_LABEL] === undefined ||
      (server.public_net?.firewalls?.length ?? 0) > 0
    )
      return server;
    try {
      await this.client.request({
        method: 'POST',
        path: `/firewalls/${firewall.id}/actions/apply_to_resources`,
        body: { apply_to: [{ type: 'server', server: { id: server.id } }] },
        operation: 'provision',
        signal: options?.signal,
      });
    } catch (error) {
      if (!hasProviderCode(error, 'firewall_already_applied')) throw error;
    }
    this.logger.warn('a server made with inbound rules had no firewall: applied the host firewall to it', {
      provider: 'hetzner',
      serverId: server.id,
      firewallId: firewall.id,
    });
    return { ...server, public_net: { ...server.public_net, firewalls: [{ id: Number(firewall.id) }] } };
  }

  /**
   * A server being deleted is not the host any more, and keeps its name until it is gone: Hetzner
   * refuses another of that name until then, so the caller is told to try again.
   */
  private refuseDeleting(server: Server, spec: ResolvedHostSpec): void {
    if (server.status === 'deleting')
      throw stillBeingDeleted({
        provider: 'hetzner',
        machineKind: 'server',
        machine: `"${server.name}"`,
        spec,
      });
  }

  private isSameHost(server: Server, spec: ResolvedHostSpec): boolean {
    return server.labels?.[MANAGED_TAG_KEYS.identity] === hostIdentity(spec.owner, spec.name);
  }

  /** The server holding the host's name (names are unique per project), being deleted or not. */
  private async byName(spec: ResolvedHostSpec, options?: CallOptions): Promise<Server | undefined> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/servers',
      query: { name: serverName(spec) },
      operation: 'provision',
      schema: serverPage,
      signal: options?.signal,
    });
    return data.servers[0];
  }

  /** The host provision() found by name, with the firewall it was made behind (if any). */
  private existingHost(server: Server, spec: ResolvedHostSpec): Host {
    const id = hostIdOf(server);
    const firewallId = hetznerIds.match(id)?.firewallId;
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
    const wanted = Object.entries(filter.tags ?? {});
    const hostsOf = (servers: readonly Server[]) =>
      servers
        .filter((server) => filter.region === undefined || server.location?.name === filter.region)
        .map((server) => serverToHost(server, hostIdOf(server)))
        .filter((host) => wanted.every(([key, value]) => host.tags[key] === value));
    return listServersAs(
      this.client,
      { label_selector: managedSelector(filter.owner) },
      'list',
      hostsOf,
      options,
    );
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: HetznerSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createHetznerClient(settings, context);
  return Object.assign(
    new HetznerProvisioner(client, hetznerHostFirewall(client), hetznerDeletion(client), context.logger),
    hetznerCapabilities(client),
    hetznerOrphans(client),
    hetznerInboundRules(client),
  );
}
