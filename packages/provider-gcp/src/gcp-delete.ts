import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';
import {
  cloudErrorClass,
  createHostDeletion,
  type HostDeletion,
  type HostDeletionParts,
  type SecondaryRef,
} from '@provision/provider-utils';
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

/** An instance with the parts of its host id, as the delete reads it. */
interface Located {
  readonly instance: Instance;
  readonly ref: GcpInstanceRef;
}

const isIpv4 = (ip: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);

const rulesOf = (project: string, names: readonly string[]): SecondaryRef[] =>
  names.map((name) => ({ kind: 'firewall rule', id: name, scope: project }));

/** Whether the cloud refuses a change because another operation runs on the resource. */
const isBusy = (error: unknown) => cloudErrorClass(error) === 'busy';

/**
 * The parts of one `delete()` call. `living` holds the managed instances the call's listing saw
 * (by address): a rule marked for an address is left alone while an instance of its name lives
 * again, since a host provisioned anew under the same (owner, name) adopts the rules of that name.
 */
function deletionParts(api: GcpApi, living: Set<string>): HostDeletionParts<Located> {
  const client = api.client;
  return {
    machineKind: 'instance',
    decode(id) {
      const ref = gcpIds.decode(id, 'delete');
      return { machineId: id, secondaries: rulesOf(ref.project, firewallRuleNames(ref.instance)) };
    },
    async read(id, options) {
      const ref = gcpIds.decode(id, 'delete');
      const instance = await getInstance(client, ref, 'delete', options);
      return instance === undefined ? undefined : { instance, ref };
    },
    isManaged: ({ instance }) => instance.labels?.[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE,
    machineIdOf: ({ ref }) => ref.instance,
    // Only an instance made with `inbound` carries the tag its two rules target.
    secondariesOf: ({ instance }, named) => (isFirewalled(instance) ? named : []),
    // Compute Engine has no deleting state: a stopping instance is being deleted (or stopped; a
    // later call that finds it stopped sends the DELETE then), so one DELETE, then only reads.
    isDeleting: ({ instance }) => instance.status === 'STOPPING',
    async destroy({ ref }, options) {
      try {
        await client.request({
          method: 'DELETE',
          path: instancePath(ref),
          operation: 'delete',
          allowStatus: [404],
          signal: options?.signal,
        });
      } catch (error) {
        // `resourceNotReady`: another operation (the first delete) is running on it.
        if (!isBusy(error)) throw error;
      }
    },
    remove: (rule, options) =>
      removeRule(client, rule.scope ?? api.project(), rule.id, 'delete', options, isBusy),
    async findByAddress(ip, options) {
      const project = api.project();
      const instances = await listInstances(client, project, managedFilter(), 'delete', options);
      for (const instance of instances) living.add(hostIdOf(instance, project));
      const instance = instances.find((candidate) => {
        const host = instanceToHost(candidate, '');
        return host.ipv4 === ip || host.ipv6 === ip;
      });
      if (instance === undefined) return undefined;
      const id = hostIdOf(instance, project);
      const ref = gcpIds.decode(id, 'delete');
      const rules = isFirewalled(instance) ? rulesOf(ref.project, firewallRuleNames(ref.instance)) : [];
      return { machine: { instance, ref }, id, secondaries: rules };
    },
    // The allow rule's description gets the address (`firewalls.patch`); the deny rule is found
    // beside it by name.
    async release({ machine: { ref }, id, secondaries }, ip, options) {
      if (secondaries.length === 0 || !isIpv4(ip)) return;
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
    },
    async releasedFor(ip, options) {
      if (!isIpv4(ip)) return [];
      const project = api.project();
      const marked = await listFirewalls(client, project, markedRulesFilter(ip), 'delete', options);
      return marked
        .filter((rule) => {
          const described = readFirewallDescription(rule.description);
          return described?.ipv4 === ip && !living.has(described.instance);
        })
        .flatMap((rule) => rulesOf(project, [rule.name, denyRuleName(rule.name)]));
    },
  };
}

/**
 * `delete()` of Compute Engine hosts (see `createHostDeletion`). Deleting an instance is a zone
 * operation (the instance stops, then is gone), so a host takes several calls:
 * - the instance first (its boot disk is `autoDelete`, its ephemeral IPv4 is released with it);
 * - its two firewall rules (allow, deny) only once it is gone, so it is never open on every port
 *   while it shuts down; each is `remaining` while Compute Engine refuses it (`resourceNotReady`).
 * By address, the call that deletes the instance first marks its allow rule with the address, so
 * later calls, which find the address on no instance, find both rules by that mark.
 */
export function gcpDeletion(api: GcpApi): HostDeletion {
  const call = () => createHostDeletion(deletionParts(api, new Set()));
  return {
    byId: (id, options) => call().byId(id, options),
    byAddress: (ip, options) => call().byAddress(ip, options),
  };
}

/** Deletes the instance of a host whose firewall rules could not be made (without the caller's signal). */
export async function rollbackInstance(api: GcpApi, ref: GcpInstanceRef): Promise<void> {
  await api.client.request({
    method: 'DELETE',
    path: instancePath(ref),
    operation: 'provision',
    allowStatus: [404],
  });
}
