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
import { createHostOnce, type HostDeletion, type HostTags, type JsonClient } from '@provision/provider-utils';
import { type Droplet, dropletEnvelope, dropletPage, type Firewall, PAGE_SIZE } from './digitalocean-api.js';
import { digitaloceanCapabilities } from './digitalocean-capabilities.js';
import { createDigitalOceanClient } from './digitalocean-client.js';
import { dropletRaceOrder, oneWinnerPerIdentity } from './digitalocean-converge.js';
import { digitaloceanDeletion, identityOf } from './digitalocean-delete.js';
import { findFailedCreation } from './digitalocean-failed-creation.js';
import { firewallOf, HostFirewalls } from './digitalocean-host-firewall.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { digitaloceanInboundRules } from './digitalocean-inbound-rules.js';
import { listDropletsByTag, listFirewalls } from './digitalocean-listing.js';
import { digitaloceanOrphans } from './digitalocean-orphans.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { specMismatch } from './digitalocean-spec-mismatch.js';
import { digitaloceanTags, dropletTagMap, identityTag, MANAGED_TAG, ownerTag } from './digitalocean-tags.js';
import { dropletTags, dropletToHost, hasFirewallTag } from './map-digitalocean-droplet.js';

/**
 * DigitalOcean, on the Droplets API v2 over `fetch`:
 * - provision: look up the identity tag (1), create the droplet (1), look the identity tag up
 *   again (1), and with `inbound` create its firewall (1). DigitalOcean has no idempotency token,
 *   so concurrent callers may each create a droplet; the second lookup makes them converge on
 *   one (`createHostOnce`). A refused firewall rolls the droplet back so no host is ever left
 *   open without the firewall it asked for; a droplet rolled back or lost to a race first loses
 *   its identity tag (one request more, on those paths only), so no lookup adopts it while
 *   DigitalOcean still lists it during its destroy.
 * - status: one GET. delete: see `digitaloceanDeletion` (a GET, the identity's listing and a
 *   DELETE while the droplet exists; its firewall once it is gone).
 */
class DigitalOceanProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly firewalls: HostFirewalls,
    private readonly deletion: HostDeletion,
  ) {}

  provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    // Core has checked every one of these against DigitalOcean's 255 characters (the manifest's
    // `hostTags` and `limits.tags.storage`), so none can be refused for its length.
    const tags = digitaloceanTags.encode(dropletTagMap(spec));
    return createHostOnce({
      context: this.context,
      machineKind: 'droplet',
      spec,
      options,
      ...dropletRaceOrder,
      find: () => this.sameIdentity(spec, options),
      create: async () =>
        (
          await this.client.request({
            method: 'POST',
            path: '/v2/droplets',
            body: {
              name: spec.name,
              region: spec.region,
              size: spec.plan,
              image: spec.image,
              tags,
              ipv6: true,
              monitoring: false,
              ...(spec.userData === undefined ? {} : { user_data: spec.userData }),
            },
            operation: 'provision',
            schema: dropletEnvelope,
            signal: options?.signal,
          })
        ).data.droplet,
      // It has no firewall yet: the firewall is made only once the droplet has won. It keeps its
      // identity tag while DigitalOcean destroys it (see `destroyLosers`).
      destroyLoser: async (loser) => {
        await this.destroy(loser);
      },
      toHost: async ({ machine, origin, losers }) => {
        if (origin === 'created') return this.createdHost(machine, spec, options);
        // A lookup no create of this call was part of shows droplets a racer that stopped early left.
        if (origin === 'found' || origin === 'adopted') await this.destroyLosers(losers);
        return this.existingHost(machine, spec, options);
      },
    });
  }

  /** Every droplet carrying the identity tag of `(owner, name)`: one request (the first page holds 200). */
  private async sameIdentity(spec: ResolvedHostSpec, options?: CallOptions): Promise<Droplet[]> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/v2/droplets',
      query: { tag_name: identityTag(spec.owner, spec.name), per_page: PAGE_SIZE },
      operation: 'provision',
      schema: dropletPage,
      signal: options?.signal,
    });
    return data.droplets;
  }

  /**
   * The droplet this call made and that won: with `inbound`, put behind its firewall, and rolled
   * back if DigitalOcean refuses that firewall (`HostFirewalls.ensure`), so no host is ever left
   * open on ports it did not ask for.
   */
  private async createdHost(droplet: Droplet, spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    if (spec.inbound === undefined)
      return dropletToHost(droplet, digitaloceanIds.encode({ dropletId: String(droplet.id) }), false);
    const firewall = await this.firewalls.ensure(droplet.id, spec, options, true);
    return dropletToHost(
      droplet,
      digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId: firewall.id }),
      true,
    );
  }

  /** `DELETE` of one droplet, without the caller's signal: a loser left behind would be a second host. */
  private async destroy(droplet: Droplet): Promise<void> {
    await this.client.request({
      method: 'DELETE',
      path: `/v2/droplets/${droplet.id}`,
      operation: 'provision',
      allowStatus: [404],
    });
  }

  /**
   * Destroys droplets that lost a race (never the winner). A failure is logged; later calls
   * destroy it again.
   *
   * A loser keeps its identity tag while DigitalOcean destroys it (unlike a rolled-back droplet,
   * see `retireDroplet`): `list()` hides it behind the winner by that tag, and `delete()` of the
   * winner finds it by that tag and finishes it first. No lookup picks it while the winner
   * exists, because the winner is older; the one gap is a winner rolled back while a loser is
   * still listed (docs/providers/digitalocean.md, caveats).
   */
  private async destroyLosers(losers: readonly Droplet[]): Promise<void> {
    await Promise.all(
      losers.map((droplet) =>
        this.destroy(droplet).catch((error: unknown) =>
          this.context.logger.warn('could not destroy a duplicate droplet; the next provision() retries', {
            provider: 'digitalocean',
            dropletId: droplet.id,
            error: (error as Error).name,
          }),
        ),
      ),
    );
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { dropletId } = digitaloceanIds.decode(id, 'status');
    const response = await this.client.request({
      method: 'GET',
      path: `/v2/droplets/${dropletId}`,
      operation: 'status',
      schema: dropletEnvelope,
      allowStatus: [404],
      signal: options?.signal,
    });
    if (response.status !== 404) return dropletToHost(response.data.droplet, id);
    const failed = await findFailedCreation(this.client, id, Number(dropletId), options);
    if (failed !== undefined) return failed;
    throw new HostNotFoundError(id, { provider: 'digitalocean', operation: 'status' });
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag = filter.owner === undefined ? MANAGED_TAG : ownerTag(filter.owner);
    const wantedTags = Object.entries(filter.tags ?? {});
    // Each droplet's tags are decoded once, for the filter and then for its host.
    const tagsOf = new Map<Droplet, HostTags>();
    const managed = (await listDropletsByTag(this.client, tag, 'list', options)).filter((droplet) => {
      const tags = dropletTags(droplet);
      if (tags.managed === undefined) return false;
      if (filter.region !== undefined && droplet.region?.slug !== filter.region) return false;
      if (!wantedTags.every(([key, value]) => tags.userTags[key] === value)) return false;
      tagsOf.set(droplet, tags);
      return true;
    });
    // A droplet that lost a race of concurrent provision() calls is being destroyed: not a host.
    const droplets = oneWinnerPerIdentity(managed, identityOf);
    const firewalls = droplets.some(hasFirewallTag) ? await listFirewalls(this.client, 'list', options) : [];
    return droplets.map((droplet) => this.hostOf(droplet, firewalls, tagsOf.get(droplet)));
  }

  /** A listed droplet as a host: firewalled only when its firewall exists and guards it. */
  private hostOf(droplet: Droplet, firewalls: readonly Firewall[], tags?: HostTags): Host {
    const host = dropletToHost(droplet, String(droplet.id), false, tags);
    const firewall = hasFirewallTag(droplet)
      ? firewallOf(firewalls, host.owner, host.name, droplet.id)
      : undefined;
    return firewall === undefined
      ? host
      : {
          ...host,
          id: digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId: firewall.id }),
          firewalled: true,
        };
  }

  /**
   * The host `provision()` found by name: returned as it is, with its firewall completed if an
   * interrupted or concurrent call left it without one, and with `specMismatch` when it differs
   * from the spec.
   */
  private async existingHost(droplet: Droplet, spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    let firewall = hasFirewallTag(droplet) ? await this.firewalls.find(spec, droplet.id, options) : undefined;
    if (firewall === undefined && hasFirewallTag(droplet) && spec.inbound !== undefined)
      firewall = await this.firewalls.ensure(droplet.id, spec, options, false);
    const host = dropletToHost(
      droplet,
      digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId: firewall?.id }),
      firewall !== undefined,
    );
    const mismatch = specMismatch(droplet, firewall, host.tags, spec);
    return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: DigitalOceanSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createDigitalOceanClient(settings, context);
  return Object.assign(
    new DigitalOceanProvisioner(
      client,
      context,
      new HostFirewalls(client, context),
      digitaloceanDeletion(client),
    ),
    digitaloceanCapabilities(client),
    digitaloceanOrphans(client),
    digitaloceanInboundRules(client),
  );
}
