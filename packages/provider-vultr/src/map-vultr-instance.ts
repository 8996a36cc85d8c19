import { decodeManagedTags, type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Instance } from './vultr-api.js';
import { vultrCatalog } from './vultr-catalog.js';
import { vultrIds } from './vultr-ids.js';
import { vultrTags } from './vultr-tags.js';

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

function publicIpv4(instance: Instance): string | undefined {
  const address = instance.main_ip ?? '';
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && nonPublicRange(address) === undefined
    ? address
    : undefined;
}

/** The host id of an instance: its id, and its firewall group's when it has one. */
export function hostIdOf(instance: Instance): string {
  const groupId = instance.firewall_group_id || undefined;
  return vultrIds.encode({ instanceId: instance.id, groupId });
}

/** An instance as a `Host`; firewalled when it sits in a firewall group. */
export function instanceToHost(instance: Instance): Host {
  const { managed, userTags } = decodeManagedTags(vultrTags.decode(instance.tags ?? []));
  const ipv4 = publicIpv4(instance);
  const ipv6 = instance.v6_main_ip || undefined;
  const status = mapVultrStatus(instance, ipv4 !== undefined);
  // Instances carry no price; the plan's catalog price stands in (plans() has the live one).
  const price = vultrCatalog.plans.find((plan) => plan.id === instance.plan)?.price;
  return {
    id: hostIdOf(instance),
    provider: 'vultr',
    name: managed?.name ?? instance.label ?? instance.id,
    owner: managed?.owner ?? 'default',
    status,
    nativeStatus: `${instance.status}/${instance.power_status ?? ''}/${instance.server_status ?? ''}`,
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region: instance.region ?? '',
    plan: instance.plan ?? '',
    tags: userTags,
    ...(instance.date_created ? { createdAt: new Date(instance.date_created) } : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(price === undefined ? {} : { price }),
    ...(status === 'error' ? { error: SUSPENDED_REASON } : {}),
    firewalled: Boolean(instance.firewall_group_id),
  };
}
