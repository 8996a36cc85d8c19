import { type HostStatus, nonPublicRange } from '@provision/core';
import { createMachineHosts } from '@provision/provider-utils';
import type { Linode } from './linode-api.js';
import { linodeCatalog } from './linode-catalog.js';
import { linodeIds } from './linode-ids.js';
import { firewallIdOf, readLinodeTags } from './linode-tags.js';

/**
 * Linode status -> HostStatus; `running` only counts as active once a public IPv4 is there, and
 * other states (provisioning, migrating, rebuilding, cloning, restoring, resizing, busy...) read as
 * provisioning.
 * https://techdocs.akamai.com/linode-api/reference/get-linode-instance (status)
 */
const STATUSES: Readonly<Record<string, HostStatus>> = {
  running: 'active',
  booting: 'starting',
  rebooting: 'starting',
  shutting_down: 'stopping',
  offline: 'stopped',
  stopped: 'stopped',
  deleting: 'deleting',
  billing_suspension: 'error',
};

/** The catalog price of a plan in a region, where the catalog holds it (plans() has the live one). */
function catalogPrice(plan: string | null | undefined, region: string | null | undefined) {
  if (!linodeCatalog.pricedRegions?.includes(region ?? '')) return undefined;
  return linodeCatalog.plans.find((candidate) => candidate.id === plan)?.price;
}

/** When Linode made it: Linode writes times without a zone; they are UTC. */
export function createdAtOf(linode: Linode): string | null | undefined {
  const created = linode.created;
  return created && !/[zZ]|[+-]\d\d:?\d\d$/.test(created) ? `${created}Z` : created;
}

/** The host id of a Linode: with its firewall's id when its tags name one. */
export function hostIdOf(linode: Linode, firewallId = firewallIdOf(linode.tags)): string {
  return linodeIds.encode({ linodeId: String(linode.id), firewallId });
}

/**
 * Linodes as hosts. `id` is the provision id (Linode id, plus the firewall's when there is one).
 * `ipv4` is the first public address (the `ipv4` list also holds private ones); `ipv6` is the
 * SLAAC address without its `/128`. The price is the catalog's for the plan in its region.
 */
export const linodeHosts = createMachineHosts<Linode>({
  provider: 'linode',
  statuses: STATUSES,
  readTags: (linode) => readLinodeTags(linode.label, linode.tags ?? []),
  partsOf(linode) {
    const firewallId = firewallIdOf(linode.tags);
    return {
      id: hostIdOf(linode, firewallId),
      fallbackName: linode.label,
      nativeStatus: linode.status,
      publicIpv4: (linode.ipv4 ?? []).find((address) => nonPublicRange(address) === undefined),
      ipv6: linode.ipv6?.split('/')[0] || undefined,
      region: linode.region ?? '',
      plan: linode.type ?? '',
      createdAt: createdAtOf(linode),
      price: catalogPrice(linode.type, linode.region),
      firewalled: firewallId !== undefined,
    };
  },
});
