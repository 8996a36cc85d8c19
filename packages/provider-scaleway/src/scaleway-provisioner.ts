import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  createHostOnce,
  dropMadeFirewall,
  type HostDeletion,
  type JsonClient,
  type Readied,
  type RestHostFirewall,
} from '@provision/provider-utils';
import { failureOf, hostIdOf, serverToHost } from './map-scaleway-server.js';
import type { Server } from './scaleway-api.js';
import { scalewayCapabilities } from './scaleway-capabilities.js';
import { refuseUnsoldType, scalewayCatalog } from './scaleway-catalog.js';
import { createScalewayClient, type ScalewayAccount, scalewayAccount } from './scaleway-client.js';
import { scalewayDeletion } from './scaleway-delete.js';
import { scalewayIds } from './scaleway-ids.js';
import { scalewayInboundRules } from './scaleway-inbound-rules.js';
import { scalewayOrphans } from './scaleway-orphans.js';
import { instanceApi } from './scaleway-sdk.js';
import { scalewayHostGroups } from './scaleway-security-group.js';
import { listServers, serverAction, serverIfAny, serversTagged } from './scaleway-servers.js';
import type { ScalewaySettings } from './scaleway-settings.js';
import {
  bootPending,
  identityTag,
  MANAGED_TAG,
  readServerTags,
  scalewayTags,
  serverTagMap,
  volumeName,
} from './scaleway-tags.js';

/**
 * Scaleway Instances, on the Instance API v1 over `fetch`:
 * - provision: look up the identity tag (1); with `inbound`, find or make the host's security
 *   group with its rules (1 + 1 + 1); create the server inside it (1), look the identity up again
 *   (1: no idempotency token, so `createHostOnce` makes racing callers converge on the oldest),
 *   then set the cloud-init user-data (1) and power it on (1). Creating a server does not boot
 *   it. The server carries a boot-pending tag until then, so a repeat after an interruption finds
 *   it and completes the missing steps, and status() never calls it stopped. A server that
 *   exists is returned with `specMismatch` where its zone, type, own group or tags differ.
 * - status: one GET. delete: see `scalewayDeletion`.
 */
class ScalewayProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly account: ScalewayAccount,
    private readonly groups: RestHostFirewall<Server, undefined>,
    private readonly deletion: HostDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    refuseUnsoldType(spec);
    const zone = spec.region;
    return createHostOnce<Server, Readied<undefined>>({
      context: this.context,
      machineKind: 'server',
      spec,
      options,
      idOf: (server) => server.id,
      createdAtOf: (server) => server.creationDate,
      find: () => this.sameIdentity(spec, options),
      // The group first: the server is born inside it, never open on ports it did not ask for.
      prepare: async () => ({
        prepared: undefined,
        ...(spec.inbound === undefined
          ? {}
          : { firewall: await this.groups.ensure(spec, undefined, options) }),
      }),
      create: async ({ firewall }) => {
        const api = instanceApi(this.client, { operation: 'provision', signal: options?.signal });
        const answer = await api.createServer({
          zone,
          name: spec.name,
          commercialType: spec.plan,
          // A marketplace label: Scaleway picks its own image for this zone and type.
          image: spec.image,
          project: this.account.projectId(),
          tags: scalewayTags.encode(serverTagMap(spec)),
          // Without it the server gets no public IPv4. A dynamic IP is released with the server.
          dynamicIpRequired: true,
          bootType: 'local',
          protected: false,
          // A local root volume, which `terminate` deletes with the server (a block volume would
          // only be detached, and billed on).
          volumes: { '0': { volumeType: 'l_ssd', name: volumeName(spec) } },
          ...(firewall === undefined ? {} : { securityGroup: firewall.ref.id }),
        });
        if (answer.server === undefined)
          throw new TypeError('Scaleway answered a create without the server.');
        return answer.server;
      },
      // Refused: the group goes too when this call made it. One it found may be a racer's, whose
      // server is yet to be born inside it; `orphans()` finds it if no server ever is.
      discard: (readied) => dropMadeFirewall(this.groups, readied),
      // Never booted: stopped, so a plain delete and its volume (the loser carries the managed
      // tags: `delete()` of its id finishes it), then the group this call made unless the winner
      // is inside it too (it adopted the group before any server was).
      destroyLoser: async (loser, readied, winner) => {
        await this.deletion.byId(hostIdOf(loser, zone));
        await dropMadeFirewall(this.groups, readied, winner);
      },
      toHost: ({ machine }) => this.complete(machine, spec, options),
      // The server shows the image Scaleway resolved the label to, never the label: the OS is
      // left out. A group of its own is `own`: its rules would cost two more requests.
      factsOf: (_server, host) => ({
        region: host.region,
        plan: host.plan,
        inbound: host.firewalled ? ('own' as const) : ('none' as const),
        tags: host.tags,
      }),
    });
  }

  /** Every server of the zone carrying the identity tag of `(owner, name)`: one request. */
  private sameIdentity(spec: ResolvedHostSpec, options?: CallOptions): Promise<Server[]> {
    return serversTagged(
      this.client,
      spec.region,
      [identityTag(spec.owner, spec.name)],
      'provision',
      options,
    );
  }

  /**
   * The host, its first boot completed: a server still stopped with the boot-pending tag gets its
   * user-data (again: the request replaces it) and its power-on. Nothing is awaited.
   */
  private async complete(server: Server, spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const zone = server.zone ?? spec.region;
    if (server.state !== 'stopped' || !bootPending(server.tags) || failureOf(server) !== undefined)
      return serverToHost(server, zone);
    // Sent by the kit's client, not the SDK: the SDK's debug log (off unless the host enables it)
    // prints request bodies, and the user-data must never reach a log.
    if (spec.userData !== undefined)
      await this.client.request({
        method: 'PATCH',
        path: `/instance/v1/zones/${zone}/servers/${server.id}/user_data/cloud-init`,
        text: spec.userData,
        contentType: 'text/plain',
        operation: 'provision',
        // The PATCH replaces the key's content: a repeat is harmless.
        idempotent: true,
        secrets: [spec.userData],
        signal: options?.signal,
      });
    try {
      await serverAction(this.client, zone, server.id, 'poweron', 'provision', options);
    } catch (error) {
      // A racing caller powered it on first and its boot is over: the action is refused now.
      const now =
        ProvisionError.isInstance(error) && !error.retryable ? await this.reread(zone, server) : undefined;
      if (now === undefined || now.state === 'stopped') throw error;
      return serverToHost(now, zone);
    }
    return { ...serverToHost(server, zone), status: 'provisioning' };
  }

  private reread(zone: string, server: Server): Promise<Server | undefined> {
    return serverIfAny(this.client, zone, server.id, 'provision');
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { zone, serverId } = scalewayIds.decode(id, 'status');
    const server = await serverIfAny(this.client, zone, serverId, 'status', options);
    if (server === undefined) throw new HostNotFoundError(id, { provider: 'scaleway', operation: 'status' });
    return serverToHost(server, zone, id);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  /** The managed servers of one zone (`filter.region`) or of every zone, listed in parallel. */
  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const zones =
      filter.region === undefined ? scalewayCatalog.regions.map((region) => region.id) : [filter.region];
    const listed = await Promise.all(
      zones.map(async (zone) =>
        (await listServers(this.client, zone, [MANAGED_TAG], 'list', options)).map((server) => ({
          server,
          zone,
        })),
      ),
    );
    const wanted = Object.entries(filter.tags ?? {});
    const hosts: Host[] = [];
    for (const { server, zone } of listed.flat()) {
      // Read once: the filter and the host use the same tags.
      const tags = readServerTags(server.tags);
      if (tags.managed === undefined) continue;
      if (filter.owner !== undefined && tags.managed.owner !== filter.owner) continue;
      if (!wanted.every(([key, value]) => tags.userTags[key] === value)) continue;
      hosts.push(serverToHost(server, zone, hostIdOf(server, zone), tags));
    }
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: ScalewaySettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createScalewayClient(settings, context);
  const account = scalewayAccount(settings, context.env);
  const zones = scalewayCatalog.regions.map((region) => region.id);
  const groups = scalewayHostGroups(client, context.logger, zones, account.projectId);
  return Object.assign(
    new ScalewayProvisioner(client, context, account, groups, scalewayDeletion(client, groups, zones)),
    scalewayCapabilities(client, account, context.manifest.defaults.region),
    scalewayOrphans(client),
    scalewayInboundRules(client),
  );
}
