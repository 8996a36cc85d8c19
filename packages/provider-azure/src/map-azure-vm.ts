import type { Host, Price } from '@provision/core';
import { createHostMapper, readHostTags } from '@provision/provider-utils';
import type { PublicIpAddress, VirtualMachine } from './azure-api.js';
import { azureCatalog } from './azure-catalog.js';
import { FIREWALL_TAG } from './azure-names.js';

/**
 * The VM's state word: its provisioning state until that succeeded, then its power state
 * (`PowerState/<state>` of the instance view). https://learn.microsoft.com/azure/virtual-machines/states-billing
 */
const azureHosts = createHostMapper({
  provider: 'azure',
  statuses: {
    creating: 'provisioning',
    updating: 'provisioning',
    migrating: 'provisioning',
    deleting: 'deleting',
    failed: 'error',
    starting: 'starting',
    running: 'active',
    stopping: 'stopping',
    stopped: 'stopped',
    deallocating: 'stopping',
    deallocated: 'stopped',
  },
});

/** The instance view status of one kind (`ProvisioningState`, `PowerState`). */
function statusOf(vm: VirtualMachine, kind: 'ProvisioningState' | 'PowerState') {
  return vm.properties.instanceView?.statuses?.find((status) => status.code?.startsWith(`${kind}/`));
}

/** The VM's native state word (see `azureHosts`). */
export function nativeStatus(vm: VirtualMachine): string {
  const provisioning = (vm.properties.provisioningState ?? 'Creating').toLowerCase();
  if (provisioning !== 'succeeded') return provisioning;
  return statusOf(vm, 'PowerState')?.code?.split('/')[1] ?? 'starting';
}

/** The cloud's reason for a failed creation: the `ProvisioningState/failed/<code>` status and its message. */
export function failureReason(vm: VirtualMachine): string | undefined {
  if ((vm.properties.provisioningState ?? '').toLowerCase() !== 'failed') return undefined;
  const status = statusOf(vm, 'ProvisioningState');
  const code = status?.code?.split('/')[2] ?? 'unknown';
  return `Azure failed to create the VM (${code}): ${status?.message ?? status?.displayStatus ?? 'no reason given'}`;
}

/** The dated catalog price of a size (East US), or undefined for a size the catalog does not list. */
export function catalogPrice(plan: string): Price | undefined {
  return azureCatalog.plans.find((candidate) => candidate.id.toLowerCase() === plan.toLowerCase())?.price;
}

/** A VM (read with its instance view) and its public IP as a `Host`. */
export function vmToHost(vm: VirtualMachine, address: PublicIpAddress | undefined, id: string): Host {
  const tags = vm.tags ?? {};
  const plan = vm.properties.hardwareProfile?.vmSize ?? '';
  const error = failureReason(vm);
  return azureHosts.toHost({
    id,
    tags: readHostTags(tags, { resourceName: vm.name }),
    fallbackName: vm.name,
    nativeStatus: nativeStatus(vm),
    publicIpv4: address?.properties?.ipAddress ?? undefined,
    region: vm.location,
    plan,
    createdAt: vm.properties.timeCreated,
    price: catalogPrice(plan),
    firewalled: tags[FIREWALL_TAG] !== undefined,
    ...(error === undefined ? {} : { error }),
  });
}

/** The host a creation just accepted: what the spec asked for, `provisioning`, no address yet. */
export function acceptedHost(
  spec: { readonly name: string; readonly region: string; readonly plan: string },
  tags: Readonly<Record<string, string>>,
  id: string,
): Host {
  return azureHosts.toHost({
    id,
    tags: readHostTags(tags, { resourceName: spec.name }),
    fallbackName: spec.name,
    nativeStatus: 'creating',
    region: spec.region,
    plan: spec.plan,
    price: catalogPrice(spec.plan),
    firewalled: tags[FIREWALL_TAG] !== undefined,
  });
}
