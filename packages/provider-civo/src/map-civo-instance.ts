import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Instance } from './civo-api.js';
import { civoCatalog } from './civo-catalog.js';
import { civoIds } from './civo-ids.js';
import { readCivoTags } from './civo-tags.js';

/** Why an instance in `ERROR` is `error`: Civo's answer carries no reason (see docs/providers/civo.md). */
export const FAILED_REASON =
  'Civo could not build the instance (status ERROR); its API records no reason. See the Civo dashboard, then delete the host.';

/**
 * Civo's instance states -> HostStatus. `ACTIVE` is `active` only once the public IPv4 is there.
 * States as Civo's clients read them (civo CLI, Terraform provider: BUILDING until ACTIVE).
 */
const STATES: Readonly<Record<string, HostStatus>> = {
  BUILDING: 'provisioning',
  BUILD_PENDING: 'provisioning',
  PENDING: 'provisioning',
  ACTIVE: 'active',
  REBOOTING: 'starting',
  HARD_REBOOTING: 'starting',
  SOFT_REBOOTING: 'starting',
  STARTING: 'starting',
  STOPPING: 'stopping',
  SHUTTING_DOWN: 'stopping',
  SHUTOFF: 'stopped',
  STOPPED: 'stopped',
  DELETING: 'deleting',
  ERROR: 'error',
  FAILED: 'error',
};

function publicIpv4(instance: Instance): string | undefined {
  const address = instance.public_ip ?? '';
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && nonPublicRange(address) === undefined
    ? address
    : undefined;
}

/** The host status of an instance (unknown states read as `provisioning`, never `active`). */
export function mapCivoStatus(instance: Instance, hasPublicIpv4: boolean): HostStatus {
  const status = STATES[(instance.status ?? '').toUpperCase()] ?? 'provisioning';
  return status === 'active' && !hasPublicIpv4 ? 'provisioning' : status;
}

/**
 * The host id of an instance in `region`: the region, its id and, when it was made behind its own
 * firewall, that firewall's id (from its `provision-firewall` tag), whichever call reads it.
 */
export function hostIdOf(
  instance: Instance,
  region: string,
  firewallId: string | undefined = readCivoTags(instance.tags ?? []).firewallId,
): string {
  return civoIds.encode({ region, instanceId: instance.id, firewallId });
}

/**
 * An instance as a `Host`; one without its own firewall is on the network's default firewall.
 * `tags`: its tags already read (a listing reads them once, to filter, and passes them on).
 */
export function instanceToHost(
  instance: Instance,
  region: string,
  tags: ReturnType<typeof readCivoTags> = readCivoTags(instance.tags ?? []),
): Host {
  const { managed, userTags, firewallId } = tags;
  const ipv4 = publicIpv4(instance);
  const ipv6 = instance.ipv6 || undefined;
  const status = mapCivoStatus(instance, ipv4 !== undefined);
  // Instances carry no price; the size's catalog price stands in.
  const price = civoCatalog.plans.find((plan) => plan.id === instance.size)?.price;
  return {
    id: hostIdOf(instance, region, firewallId),
    provider: 'civo',
    name: managed?.name ?? instance.hostname ?? instance.id,
    owner: managed?.owner ?? 'default',
    status,
    nativeStatus: instance.status ?? '',
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region,
    plan: instance.size ?? '',
    tags: userTags,
    ...(instance.created_at && !Number.isNaN(Date.parse(instance.created_at))
      ? { createdAt: new Date(instance.created_at) }
      : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(price === undefined ? {} : { price }),
    ...(status === 'error' ? { error: FAILED_REASON } : {}),
    firewalled: firewallId !== undefined,
  };
}
