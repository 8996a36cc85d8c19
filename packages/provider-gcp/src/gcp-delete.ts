import { type CallOptions, type DeleteResult, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { cloudErrorClass } from '@provision/provider-utils';
import type { Instance } from './gcp-api.js';
import type { GcpApi } from './gcp-client.js';
import { firewallRuleNames, removeRule } from './gcp-firewall.js';
import { type GcpInstanceRef, gcpIds, instancePath } from './gcp-ids.js';
import { getInstance } from './gcp-instances.js';
import { listInstances } from './gcp-listing.js';
import { managedFilter } from './gcp-names.js';
import { hostIdOf, instanceToHost, isFirewalled } from './map-gcp-instance.js';

const isManaged = (instance: Instance) => instance.labels?.[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE;

/**
 * `delete()` of Compute Engine hosts. Deleting an instance is a zone operation (the instance
 * stops, then is gone), so a host takes several calls, each answering `done: false` while
 * something remains:
 * - the instance first (its boot disk is `autoDelete`, its ephemeral IPv4 is released with it);
 * - its firewall rules only once it is gone, so it is never open on every port while it shuts down.
 */
export class GcpDeletion {
  constructor(private readonly api: GcpApi) {}

  /** By id: the instance's GET and (while it exists) its DELETE; once it is gone, the rules' DELETEs. */
  async byId(id: string, options?: CallOptions): Promise<DeleteResult> {
    const ref = gcpIds.decode(id, 'delete');
    const instance = await getInstance(this.api.client, ref, 'delete', options);
    if (instance !== undefined) {
      // Only an instance provision made is deleted: a mistyped id of another one is not found.
      if (!isManaged(instance)) return { done: true, id, found: false };
      return this.destroy(instance, ref, id, options);
    }
    const outcomes = await Promise.all(
      firewallRuleNames(ref.instance).map((name) =>
        removeRule(this.api.client, ref.project, name, 'delete', options),
      ),
    );
    return { done: true, id, found: outcomes.includes('deleted') };
  }

  /** By address: the managed instances' listing finds it (its rules go by id in the calls after). */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const project = this.api.project();
    const instances = await listInstances(this.api.client, project, managedFilter(), 'delete', options);
    const instance = instances.find((candidate) => {
      const host = instanceToHost(candidate, '');
      return host.ipv4 === ip || host.ipv6 === ip;
    });
    if (instance === undefined) return { done: true, found: false };
    const id = hostIdOf(instance, project);
    return this.destroy(instance, gcpIds.decode(id, 'delete'), id, options);
  }

  /** Deletes the instance of a host whose firewall rules could not be made (without the caller's signal). */
  async rollback(ref: GcpInstanceRef): Promise<void> {
    await this.api.client.request({
      method: 'DELETE',
      path: instancePath(ref),
      operation: 'provision',
      allowStatus: [404],
    });
  }

  /** One step while the instance exists: its DELETE (a repeat while Compute Engine deletes it is harmless). */
  private async destroy(
    instance: Instance,
    ref: GcpInstanceRef,
    id: string,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    try {
      await this.api.client.request({
        method: 'DELETE',
        path: instancePath(ref),
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    } catch (error) {
      // `resourceNotReady`: another operation (the first delete) is running on it.
      if (cloudErrorClass(error) !== 'busy') throw error;
    }
    const remaining = [
      `instance ${ref.instance}`,
      ...(isFirewalled(instance)
        ? firewallRuleNames(ref.instance).map((name) => `firewall rule ${name}`)
        : []),
    ];
    return { done: false, id, remaining, found: true };
  }
}
