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
import {
  createHostOnce,
  dropMadeFirewall,
  type EnsuredFirewall,
  type HostDeletion,
  type HostTags,
  type JsonClient,
  type Readied,
} from '@provision/provider-utils';
import { type Droplet, dropletEnvelope, dropletPage, type Firewall, PAGE_SIZE } from './digitalocean-api.js';
import { digitaloceanCapabilities } from './digitalocean-capabilities.js';
import { createDigitalOceanClient } from './digitalocean-client.js';
import { dropletRaceOrder, oneWinnerPerIdentity } from './digitalocean-converge.js';
import { digitaloceanDeletion, identityOf } from './digitalocean-delete.js';
import { findFailedCreation } from './digitalocean-failed-creation.js';
import { digitaloceanHostFirewall, firewallOf } from './digitalocean-host-firewall.js';
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
 * - provision: look up the identity tag (1), with `inbound` make the tag (1) and the firewall
 *   that targets it (1, `digitaloceanHostFirewall`), create the droplet with the tag (1), look the
 *   identity tag up again (1). The firewall exists before the droplet, so the droplet is guarded
 *   from its creation; a refused firewall sends no create, and a refused create removes the
 *   firewall this call made. DigitalOcean has no idempotency token, so concurrent callers may each
 *   create a droplet; the second lookup makes them converge on one (`createHostOnce`), and the
 *   racers share the firewall of their identity.
 * - status: one GET. delete: see `digitaloceanDeletion` (a GET, the identity's listing and a
 *   DELETE while the droplet exists; its firewall once it is gone).
 */
class DigitalOceanProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly firewall: ReturnType<typeof digitaloceanHostFirewall>,
    private readonly deletion: HostDeletion,
  ) {}

  provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    // Core has checked every one of these against DigitalOcean's 255 characters (the manifest's
    // `hostTags` and `limits.tags.storage`), so none can be refused for its length.
    const tags = digitaloceanTags.encode(dropletTagMap(spec));
    const guarded = spec.inbound !== undefined;
    let made: EnsuredFirewall | undefined;
    return createHostOnce<Droplet, Readied<undefined>>({
      context: this.context,
      machineKind: 'droplet',
      spec,
      options,
      ...dropletRaceOrder,
      find: () => this.sameIdentity(spec, options),
      // Only once no droplet of the identity exists: a refused firewall sends no create.
      ...(guarded
        ? {
            prepare: async () => {
              made = await this.firewall.ensure(spec, undefined, options);
              return { prepared: undefined, firewall: made };
            },
            // Refused: the firewall this call made guards nothing (one adopted stays as it was).
            discard: (readied) => dropMadeFirewall(this.firewall, readied),
          }
        : {}),
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
            secrets: [spec.userData],
            signal: options?.signal,
          })
        ).data.droplet,
      // Its firewall is the winner's too (it targets their shared identity tag), so it stays. The
      // loser keeps its identity tag while DigitalOcean destroys it (see `destroyLosers`).
      destroyLoser: async (loser) => {
        await this.destroy(loser);
      },
      toHost: async ({ machine, origin, losers }) => {
        if (origin === 'created') return this.createdHost(machine, made);
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

  /** The droplet this call made and that won: behind the firewall made for it, when it asked for one. */
  private createdHost(droplet: Droplet, firewall: EnsuredFirewall | undefined): Host {
    const firewallId = firewall?.ref.id;
    return dropletToHost(
      droplet,
      digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId }),
      firewallId !== undefined,
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
   * A loser keeps its identity tag while DigitalOcean destroys it: `list()` hides it behind the
   * winner by that tag, `delete()` of the winner finds it by that tag and finishes it first, and
   * the host's firewall, which targets that tag, guards it meanwhile. No lookup picks it while the
   * winner exists, because the winner is older.
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
    const tagged = hasFirewallTag(droplet);
    let firewall = tagged ? await this.firewall.find(spec, options, droplet.id) : undefined;
    // Gone since (deleted by hand, or made by an earlier version that attached it afterwards and
    // was interrupted): made again, targeting the identity tag the droplet carries.
    if (firewall === undefined && tagged && spec.inbound !== undefined) {
      await this.firewall.ensure(spec, undefined, options);
      firewall = await this.firewall.find(spec, options, droplet.id);
    }
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
      digitaloceanHostFirewall(client),
      digitaloceanDeletion(client),
    ),
    digitaloceanCapabilities(client),
    digitaloceanOrphans(client),
    digitaloceanInboundRules(client),
  );
}
