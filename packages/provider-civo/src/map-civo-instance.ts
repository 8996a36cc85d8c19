import type { HostStatus } from '@provision/core';
import { createMachineHosts } from '@provision/provider-utils';
import type { Instance, Placed } from './civo-api.js';
import { civoCatalog } from './civo-catalog.js';
import { civoIds } from './civo-ids.js';
import { firewallIdOf, readCivoTags } from './civo-tags.js';

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
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? address : undefined;
}

/** The host status of an instance (unknown states read as `provisioning`, never `active`). */
export function mapCivoStatus(instance: Instance, hasPublicIpv4: boolean): HostStatus {
  const status = STATES[(instance.status ?? '').toUpperCase()] ?? 'provisioning';
  return status === 'active' && !hasPublicIpv4 ? 'provisioning' : status;
}

/**
 * Instances as hosts, each with the region it was read in (the answer's own may be missing); one
 * without its own firewall is on the network's default firewall. Instances carry no price; the
 * size's catalog price stands in.
 */
export const civoHosts = createMachineHosts<Placed>({
  provider: 'civo',
  statuses: {},
  statusOf: ({ instance }, hasPublicIpv4) => mapCivoStatus(instance, hasPublicIpv4),
  catalog: civoCatalog,
  readTags: ({ instance }) => readCivoTags(instance.tags ?? []),
  partsOf({ instance, region }) {
    const firewallId = firewallIdOf(instance.tags);
    return {
      // The region, the instance and, when it was made behind its own firewall, that firewall's id
      // (from its `provision-firewall` tag), whichever call reads it.
      id: civoIds.encode({ region, instanceId: instance.id, firewallId }),
      fallbackName: instance.hostname ?? instance.id,
      nativeStatus: instance.status ?? '',
      publicIpv4: publicIpv4(instance),
      ipv6: instance.ipv6 || undefined,
      region,
      plan: instance.size ?? '',
      createdAt: instance.created_at,
      firewalled: firewallId !== undefined,
      error: mapCivoStatus(instance, true) === 'error' ? FAILED_REASON : undefined,
    };
  },
});
