import {
  type CallOptions,
  type DeleteResult,
  decodeManagedTags,
  type Host,
  HostNotFoundError,
  type HostRef,
  InvalidRequestError,
  type ListFilter,
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
import { firewallBody } from './digitalocean-firewall-rules.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listDropletsByTag, listFirewalls } from './digitalocean-listing.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import {
  digitaloceanTags,
  dropletTags,
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
    let tags: string[];
    try {
      tags = dropletTags({ ...spec, firewalled: spec.inbound !== undefined });
    } catch (error) {
      throw new InvalidRequestError(
        `A tag is too long for DigitalOcean once encoded: ${(error as Error).message}`,
        {
          provider: 'digitalocean',
          operation: 'provision',
          field: 'tags',
        },
      );
    }
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
    if (spec.inbound === undefined)
      return dropletToHost(droplet, digitaloceanIds.encode([String(droplet.id)]));
    try {
      const firewallId = await this.createFirewall(droplet.id, spec, signal);
      return dropletToHost(droplet, digitaloceanIds.encode([String(droplet.id), firewallId]));
    } catch (error) {
      await this.rollback(droplet.id, spec);
      throw error;
    }
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const [dropletId] = digitaloceanIds.decode(id, 'status');
    const response = await this.client.request({
      method: 'GET',
      path: `/v2/droplets/${dropletId}`,
      operation: 'status',
      schema: dropletEnvelope,
      allowStatus: [404],
      signal: options?.signal,
    });
    if (response.status === 404)
      throw new HostNotFoundError(id, { provider: 'digitalocean', operation: 'status' });
    return dropletToHost(response.data.droplet, id);
  }

  async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    const id = 'id' in ref ? ref.id : await this.idForAddress(ref.ip, options);
    if (id === undefined) return { done: true };
    const [dropletId, firewallId] = digitaloceanIds.decode(id, 'delete');
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
    return digitaloceanIds.encode([String(droplet.id), firewall?.id]);
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
    return dropletToHost(droplet, digitaloceanIds.encode([String(droplet.id), firewallId]));
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

  // Best effort: the firewall request may have been committed even if its answer was lost, so
  // it is looked up by name. Whatever fails here stays tagged or named for `delete`/`gc`.
  private async rollback(dropletId: number, spec: ResolvedHostSpec): Promise<void> {
    try {
      await this.client.request({
        method: 'DELETE',
        path: `/v2/droplets/${dropletId}`,
        operation: 'provision',
        allowStatus: [404],
      });
      const name = firewallName(spec.owner, spec.name);
      for (const firewall of (await listFirewalls(this.client, 'provision')).filter(
        (item) => item.name === name,
      )) {
        await this.client.request({
          method: 'DELETE',
          path: `/v2/firewalls/${firewall.id}`,
          operation: 'provision',
          allowStatus: [404],
        });
      }
    } catch (error) {
      this.context.logger.warn(
        'rollback after a failed firewall left resources behind; `provision gc` removes them',
        {
          provider: 'digitalocean',
          dropletId,
          error: (error as Error).name,
        },
      );
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
  return Object.assign(new DigitalOceanProvisioner(client, context), digitaloceanCapabilities(client));
}
