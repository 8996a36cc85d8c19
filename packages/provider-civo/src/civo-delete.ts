import type { CallOptions, DeleteResult, Operation } from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { type Instance, instanceSchema } from './civo-api.js';
import { listInstances } from './civo-client.js';
import { listFirewalls, removeFirewall } from './civo-firewall.js';
import { civoIds } from './civo-ids.js';
import { firewallName, firewallNames, MANAGED_TAG, readCivoTags } from './civo-tags.js';
import { hostIdOf, instanceToHost } from './map-civo-instance.js';

function isManaged(instance: Instance): boolean {
  return readCivoTags(instance.tags ?? []).managed !== undefined;
}

/**
 * `delete()` of Civo hosts, converging over calls: the instance first (one GET, one DELETE; the
 * call answers `done: false`), then, once the instance answers 404, its own firewall, which Civo
 * refuses to delete while an instance still uses it. So the host is never open while it shuts
 * down, and nothing is left once `done: true`.
 *
 * By IP, the call that destroys the instance first renames its firewall to carry the address
 * (`...-released-<ip>-...`), so later calls, which find the address on no instance, find the
 * firewall by listing.
 */
export class CivoDeletion {
  constructor(
    private readonly client: JsonClient,
    private readonly regions: () => readonly string[],
  ) {}

  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const { region, firewallId } = civoIds.decode(id, 'delete');
    const found = await this.instanceIfAny(id, 'delete', options);
    // Only an instance provision made is destroyed: a mistyped id of another one is not found.
    if (found !== undefined && !isManaged(found.instance)) return { done: true, id, found: false };
    if (found !== undefined) return this.#destroy(found.instance, region, id, firewallId, options);
    if (firewallId === undefined) return { done: true, id, found: false };
    return this.#removeFirewall(region, firewallId, options, id);
  }

  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const regions = this.regions();
    const perRegion = await Promise.all(
      regions.map(async (region) =>
        (await listInstances(this.client, region, 'delete', { tags: MANAGED_TAG }, options)).map(
          (instance) => ({ instance, region }),
        ),
      ),
    );
    const hit = perRegion.flat().find(({ instance }) => instance.public_ip === ip && isManaged(instance));
    if (hit !== undefined) {
      const { instance, region } = hit;
      const { firewallId } = readCivoTags(instance.tags ?? []);
      if (firewallId !== undefined) {
        const host = instanceToHost(instance, region);
        await this.client.request({
          method: 'PUT',
          path: `/v2/firewalls/${firewallId}`,
          body: { name: firewallName(host.owner, host.name, ip), region },
          operation: 'delete',
          signal: options?.signal,
        });
      }
      return this.#destroy(instance, region, hostIdOf(instance, region), firewallId, options);
    }
    const released = ip.replaceAll('.', '-');
    const firewalls = await Promise.all(
      regions.map(async (region) =>
        (await listFirewalls(this.client, region, 'delete', options)).map((firewall) => ({
          firewall,
          region,
        })),
      ),
    );
    const leftover = firewalls
      .flat()
      .find(({ firewall }) => firewallNames.parse(firewall.name ?? undefined)?.ip === released);
    if (leftover === undefined) return { done: true, found: false };
    return this.#removeFirewall(leftover.region, leftover.firewall.id, options);
  }

  /** The instance of a host id and its region, or undefined once Civo answers 404. */
  async instanceIfAny(
    id: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<{ instance: Instance; region: string } | undefined> {
    const { region, instanceId } = civoIds.decode(id, operation);
    const instance = await getIfFound(this.client, {
      path: `/v2/instances/${instanceId}`,
      query: { region },
      operation,
      schema: instanceSchema,
      signal: options?.signal,
    });
    return instance === undefined ? undefined : { instance, region };
  }

  async #destroy(
    instance: Instance,
    region: string,
    id: string,
    firewallId: string | undefined,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    await this.client.request({
      method: 'DELETE',
      path: `/v2/instances/${instance.id}`,
      query: { region },
      operation: 'delete',
      allowStatus: [404],
      signal: options?.signal,
    });
    const remaining = [
      `instance ${instance.id}`,
      ...(firewallId === undefined ? [] : [`firewall ${firewallId}`]),
    ];
    return { done: false, id, remaining, found: true };
  }

  async #removeFirewall(
    region: string,
    firewallId: string,
    options?: CallOptions,
    id?: string,
  ): Promise<DeleteResult> {
    const outcome = await removeFirewall(this.client, region, firewallId, 'delete', options);
    const named = id === undefined ? {} : { id };
    return outcome === 'in-use'
      ? { done: false, ...named, remaining: [`firewall ${firewallId}`], found: true }
      : { done: true, ...named, found: outcome === 'deleted' };
  }
}
