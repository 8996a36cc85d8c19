import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import { createHostMapper } from '@provision/provider-utils';
import type { Linode } from './linode-api.js';
import { linodeCatalog } from './linode-catalog.js';
import { linodeIds } from './linode-ids.js';
import { readLinodeTags } from './linode-tags.js';

/**
 * Linode status -> HostStatus; `running` only counts as active once a public IPv4 is there, and
 * other states (provisioning, migrating, rebuilding, cloning, restoring, resizing, busy...) read as
 * provisioning.
 * https://techdocs.akamai.com/linode-api/reference/get-linode-instance (status)
 */
const linodeHosts = createHostMapper({
  provider: 'linode',
  statuses: {
    running: 'active',
    booting: 'starting',
    rebooting: 'starting',
    shutting_down: 'stopping',
    offline: 'stopped',
    stopped: 'stopped',
    deleting: 'deleting',
    billing_suspension: 'error',
  },
});

/** Linode status -> HostStatus. */
export function mapLinodeStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  return linodeHosts.status(status, hasPublicIpv4);
}

/** The catalog price of a plan in a region, where the catalog holds it (plans() has the live one). */
function catalogPrice(plan: string | null | undefined, region: string | null | undefined) {
  if (!linodeCatalog.pricedRegions?.includes(region ?? '')) return undefined;
  return linodeCatalog.plans.find((candidate) => candidate.id === plan)?.price;
}

/**
 * A Linode as a `Host`. `id` is the provision id (Linode id, plus the firewall's when there is
 * one). `ipv4` is the first public address (the `ipv4` list also holds private ones); `ipv6` is the
 * SLAAC address without its `/128`. `tags`: its tags already read (a listing reads them once).
 */
export function linodeToHost(
  linode: Linode,
  id: string,
  tags = readLinodeTags(linode.label, linode.tags ?? []),
): Host {
  const created = linode.created;
  return linodeHosts.toHost({
    id,
    tags,
    fallbackName: linode.label,
    nativeStatus: linode.status,
    publicIpv4: (linode.ipv4 ?? []).find((address) => nonPublicRange(address) === undefined),
    ipv6: linode.ipv6?.split('/')[0] || undefined,
    region: linode.region ?? '',
    plan: linode.type ?? '',
    // Linode writes times without a zone; they are UTC.
    createdAt: created && !/[zZ]|[+-]\d\d:?\d\d$/.test(created) ? `${created}Z` : created,
    price: catalogPrice(linode.type, linode.region),
    firewalled: tags.firewallId !== undefined && id.includes('/'),
  });
}

/** The host id of a Linode: with its firewall's id when its tags name one. */
export function hostIdOf(
  linode: Linode,
  firewallId = readLinodeTags(linode.label, linode.tags ?? []).firewallId,
): string {
  return linodeIds.encode({ linodeId: String(linode.id), firewallId });
}
