import {
  type CallOptions,
  type DeleteResult,
  decodeManagedTags,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import {
  type Droplet,
  dropletEnvelope,
  dropletPage,
  firewallEnvelope,
  PAGE_SIZE,
} from './digitalocean-api.js';
import { digitaloceanCapabilities } from './digitalocean-capabilities.js';
import { createDigitalOceanClient } from './digitalocean-client.js';
import { findFailedCreation } from './digitalocean-failed-creation.js';
import { firewallBody } from './digitalocean-firewall-rules.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listDropletsByTag, listFirewalls } from './digitalocean-listing.js';
import { digitaloceanOrphans } from './digitalocean-orphans.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import {
  digitaloceanTags,
  dropletTagMap,
  firewallName,
  identityTag,
  MANAGED_TAG,
  ownerTag,
} from './digitalocean-tags.js';
import { dropletToHost, hasFirewallTag } from './map-digitalocean-droplet.js';

/**
 * DigitalOcean, on the Droplets API v2 over `fetch`:
 * - provision: look up the identity tag (1), create the droplet (1), and with `inbound` its
 *   firewall (1). Idempotent by (owner, name) through the lookup; a failed firewall rolls the
 *   droplet back so no host is ever left open without the firewall it asked for.
 * - status: one GET. delete: one DELETE per call, plus the firewall's once the droplet is gone.
 */
class DigitalOceanProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    // Core has checked every one of these against DigitalOcean's 255 characters (the manifest's
    // `hostTags` and `limits.tags.storage`), so none can be refused for its length.
    const tags = digitaloceanTags.encode(dropletTagMap(spec));
    const signal = options?.signal;
    const { data: found } = await this.client.request({
      method: 'GET',
      path: '/v2/droplets',
      query: { tag_name: identityTag(spec.owner, spec.name), per_page: PAGE_SIZE },
      operation: 'provision',
      schema: dropletPage,
      signal,
    });
    const existing = found.droplets[0];
    if (existing !== undefined) return this.existingHost(existing, spec, options);

    const { data } = await this.client.request({
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
      signal,
    });
    const droplet = data.droplet;
    const dropletId = String(droplet.id);
    if (spec.inbound === undefined) return dropletToHost(droplet, digitaloceanIds.encode({ dropletId }));
    const firewallId = await this.guardDroplet(droplet.id, spec, signal);
    return dropletToHost(droplet, digitaloceanIds.encode({ dropletId, firewallId }));
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

  async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    const id = 'id' in ref ? ref.id : await this.idForAddress(ref.ip, options);
    if (id === undefined) return { done: true };
    const { dropletId, firewallId } = digitaloceanIds.decode(id, 'delete');
    const droplet = await this.client.request({
      method: 'DELETE',
      path: `/v2/droplets/${dropletId}`,
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
    // Destroying a droplet is asynchronous; the firewall goes only once the droplet is gone,
    // so the host is never reachable on ports it did not ask for while it shuts down.
    if (droplet.status !== 404) {
      return {
        done: false,
        id,
        remaining: [`droplet ${dropletId}`, ...(firewallId ? [`firewall ${firewallId}`] : [])],
      };
    }
    if (firewallId !== undefined) {
      await this.client.request({
        method: 'DELETE',
        path: `/v2/firewalls/${firewallId}`,
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    }
    return { done: true, id };
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag = filter.owner === undefined ? MANAGED_TAG : ownerTag(filter.owner);
    const droplets = (await listDropletsByTag(this.client, tag, 'list', options)).filter((droplet) => {
      const { managed, userTags } = decodeManagedTags(digitaloceanTags.decode(droplet.tags ?? []));
      if (managed === undefined) return false;
      if (filter.region !== undefined && droplet.region?.slug !== filter.region) return false;
      return Object.entries(filter.tags ?? {}).every(([key, value]) => userTags[key] === value);
    });
    const firewalls = droplets.some(hasFirewallTag) ? await listFirewalls(this.client, 'list', options) : [];
    return droplets.map((droplet) => dropletToHost(droplet, this.idOf(droplet, firewalls)));
  }

  private idOf(droplet: Droplet, firewalls: ReadonlyArray<{ id: string; name: string }>): string {
    const host = dropletToHost(droplet, String(droplet.id));
    const firewall = hasFirewallTag(droplet)
      ? firewalls.find((item) => item.name === firewallName(host.owner, host.name))
      : undefined;
    return digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId: firewall?.id });
  }

  /** The host `provision()` found by name: returned as it is, with its firewall completed if a retry left it without one. */
  private async existingHost(droplet: Droplet, spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    if (!hasFirewallTag(droplet)) return dropletToHost(droplet, String(droplet.id));
    const name = firewallName(spec.owner, spec.name);
    let firewallId = (await listFirewalls(this.client, 'provision', options)).find(
      (item) => item.name === name,
    )?.id;
    if (firewallId === undefined && spec.inbound !== undefined)
      firewallId = await this.createFirewall(droplet.id, spec, options?.signal);
    return dropletToHost(droplet, digitaloceanIds.encode({ dropletId: String(droplet.id), firewallId }));
  }

  private async createFirewall(
    dropletId: number,
    spec: ResolvedHostSpec,
    signal?: AbortSignal,
  ): Promise<string> {
    const { data } = await this.client.request({
      method: 'POST',
      path: '/v2/firewalls',
      body: firewallBody(firewallName(spec.owner, spec.name), dropletId, spec.inbound ?? 'all'),
      operation: 'provision',
      schema: firewallEnvelope,
      signal,
    });
    return data.firewall.id;
  }

  private async findFirewall(spec: ResolvedHostSpec, signal?: AbortSignal): Promise<string | undefined> {
    const name = firewallName(spec.owner, spec.name);
    return (await listFirewalls(this.client, 'provision', { signal })).find((item) => item.name === name)?.id;
  }

  /**
   * Puts the new droplet behind its firewall. A firewall request that may have been committed
   * (no answer, 5xx) is checked by name and tried once more, so one lost answer costs two calls,
   * not a host without its firewall. A refusal rolls the droplet back: no host is ever left open
   * on ports it did not ask for. Whatever a failed rollback leaves is tagged or named for `gc`.
   */
  private async guardDroplet(
    dropletId: number,
    spec: ResolvedHostSpec,
    signal?: AbortSignal,
  ): Promise<string> {
    try {
      return await this.createFirewall(dropletId, spec, signal);
    } catch (error) {
      if (ProvisionError.isInstance(error) && error.retryable) {
        const found = await this.findFirewall(spec, signal).catch(() => undefined);
        if (found !== undefined) return found;
        try {
          return await this.createFirewall(dropletId, spec, signal);
        } catch {
          // The droplet keeps its firewall tag: the caller's retry of provision() completes it.
          throw error;
        }
      }
      await this.client
        .request({
          method: 'DELETE',
          path: `/v2/droplets/${dropletId}`,
          operation: 'provision',
          allowStatus: [404],
        })
        .catch((rollbackError: unknown) =>
          this.context.logger.warn(
            'could not roll back a droplet whose firewall was refused; `provision gc` removes it',
            {
              provider: 'digitalocean',
              dropletId,
              error: (rollbackError as Error).name,
            },
          ),
        );
      throw error;
    }
  }

  private async idForAddress(ip: string, options?: CallOptions): Promise<string | undefined> {
    const droplet = (await listDropletsByTag(this.client, MANAGED_TAG, 'delete', options)).find((item) =>
      item.networks?.v4?.some((network) => network.type === 'public' && network.ip_address === ip),
    );
    if (droplet === undefined) return undefined;
    const firewalls = hasFirewallTag(droplet) ? await listFirewalls(this.client, 'delete', options) : [];
    return this.idOf(droplet, firewalls);
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: DigitalOceanSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createDigitalOceanClient(settings, context);
  return Object.assign(
    new DigitalOceanProvisioner(client, context),
    digitaloceanCapabilities(client),
    digitaloceanOrphans(client),
  );
}
