import type { Host, HostStatus } from '@provision/core';
import { createMachineHosts } from '@provision/provider-utils';
import type { Instance } from './vultr-api.js';
import { vultrCatalog } from './vultr-catalog.js';
import { vultrIds } from './vultr-ids.js';
import { vultrManagedTags } from './vultr-tags.js';

/** Why a suspended instance is `error`: Vultr's API gives no reason (see docs/providers/vultr.md). */
export const SUSPENDED_REASON =
  'Vultr suspended the instance (a deployment it could not finish, billing or abuse); its API records no reason. See the customer portal, then delete the host.';

/**
 * Vultr's three words -> HostStatus. `status` is the subscription (`pending`, `active`,
 * `suspended`, `resizing`), `power_status` the machine (`running`, `stopped`), `server_status`
 * the boot (`none`, `locked`, `installingbooting`, `ok`). Active needs all three and a public IPv4
 * (`main_ip` is "0.0.0.0" until one is assigned).
 * https://www.vultr.com/api/#operation/get-instance
 */
export function mapVultrStatus(instance: Instance, hasPublicIpv4: boolean): HostStatus {
  if (instance.status === 'suspended') return 'error';
  if (instance.status !== 'active') return 'provisioning';
  if (instance.power_status === 'stopped') return 'stopped';
  if (instance.server_status !== 'ok' || !hasPublicIpv4) return 'provisioning';
  return 'active';
}

/** The host id of an instance: its id, and its firewall group's when it has one. */
export function hostIdOf(instance: Instance): string {
  const groupId = instance.firewall_group_id || undefined;
  return vultrIds.encode({ instanceId: instance.id, groupId });
}

/**
 * Instances as hosts: firewalled when one sits in a firewall group. Instances carry no price; the
 * plan's catalog price stands in (plans() has the live one).
 */
export const vultrHosts = createMachineHosts<Instance>({
  provider: 'vultr',
  statuses: {},
  statusOf: mapVultrStatus,
  catalog: vultrCatalog,
  readTags: (instance) => vultrManagedTags.read(instance.tags),
  partsOf: (instance) => ({
    id: hostIdOf(instance),
    fallbackName: instance.label ?? instance.id,
    nativeStatus: `${instance.status}/${instance.power_status ?? ''}/${instance.server_status ?? ''}`,
    publicIpv4: /^\d{1,3}(\.\d{1,3}){3}$/.test(instance.main_ip ?? '')
      ? (instance.main_ip ?? undefined)
      : undefined,
    ipv6: instance.v6_main_ip || undefined,
    region: instance.region ?? '',
    plan: instance.plan ?? '',
    createdAt: instance.date_created,
    firewalled: Boolean(instance.firewall_group_id),
    error: instance.status === 'suspended' ? SUSPENDED_REASON : undefined,
  }),
});

/** An instance as a `Host`. */
export function instanceToHost(instance: Instance): Host {
  return vultrHosts.toHost(instance);
}
