import { type CallOptions, type DeleteResult, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import { cloudErrorClass } from '@provision/provider-utils';
import type { Instance } from './gcp-api.js';
import type { GcpApi } from './gcp-client.js';
import { denyRuleName, firewallRuleNames, removeRule } from './gcp-firewall.js';
import { type GcpInstanceRef, gcpIds, instancePath } from './gcp-ids.js';
import { getInstance } from './gcp-instances.js';
import { listFirewalls, listInstances } from './gcp-listing.js';
import {
  firewallDescription,
  hostOfInstanceName,
  managedFilter,
  markedRulesFilter,
  readFirewallDescription,
} from './gcp-names.js';
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

  /**
   * By address: the managed instances' listing finds it. A firewalled one first has its allow
   * rule's description marked with the address (`firewalls.patch`), then is deleted; once it is
   * gone, later calls find the marked rules by a filter on that mark and delete both.
   */
  async byAddress(ip: string, options?: CallOptions): Promise<DeleteResult> {
    const project = this.api.project();
    const client = this.api.client;
    const instances = await listInstances(client, project, managedFilter(), 'delete', options);
    const instance = instances.find((candidate) => {
      const host = instanceToHost(candidate, '');
      return host.ipv4 === ip || host.ipv6 === ip;
    });
    if (instance !== undefined) {
      const id = hostIdOf(instance, project);
      const ref = gcpIds.decode(id, 'delete');
      if (isFirewalled(instance) && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
        const { owner, name } = hostOfInstanceName(ref.instance);
        const [allow] = firewallRuleNames(ref.instance);
        await client.request({
          method: 'PATCH',
          path: `/projects/${ref.project}/global/firewalls/${allow}`,
          body: { description: firewallDescription(owner, name, id, ip) },
          operation: 'delete',
          allowStatus: [404],
          signal: options?.signal,
        });
      }
      return this.destroy(instance, ref, id, options);
    }
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return { done: true, found: false };
    const living = new Set(instances.map((candidate) => hostIdOf(candidate, project)));
    const marked = (await listFirewalls(client, project, markedRulesFilter(ip), 'delete', options)).filter(
      (rule) => {
        const described = readFirewallDescription(rule.description);
        return described?.ipv4 === ip && !living.has(described.instance);
      },
    );
    if (marked.length === 0) return { done: true, found: false };
    const names = marked.flatMap((rule) => [rule.name, denyRuleName(rule.name)]);
    const outcomes = await Promise.all(
      names.map((name) => removeRule(client, project, name, 'delete', options)),
    );
    return { done: true, found: outcomes.includes('deleted') };
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

  /**
   * One step while the instance exists: its DELETE, unless it is `STOPPING` (Compute Engine has no
   * deleting state; a stopping instance is being deleted or stopped, and a call that finds it
   * stopped or running later sends the DELETE then).
   */
  private async destroy(
    instance: Instance,
    ref: GcpInstanceRef,
    id: string,
    options?: CallOptions,
  ): Promise<DeleteResult> {
    if (instance.status !== 'STOPPING') await this.sendDelete(ref, options);
    const remaining = [
      `instance ${ref.instance}`,
      ...(isFirewalled(instance)
        ? firewallRuleNames(ref.instance).map((name) => `firewall rule ${name}`)
        : []),
    ];
    return { done: false, id, remaining, found: true };
  }

  private async sendDelete(ref: GcpInstanceRef, options?: CallOptions): Promise<void> {
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
  }
}
