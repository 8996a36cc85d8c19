import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Linode } from './linode-api.js';
import { linodeCatalog } from './linode-catalog.js';
import { linodeIds } from './linode-ids.js';
import { readLinodeTags } from './linode-tags.js';

/**
 * Linode status -> HostStatus. `running` only counts as active once a public IPv4 is there.
 * https://techdocs.akamai.com/linode-api/reference/get-linode-instance (status)
 */
export function mapLinodeStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  switch (status) {
    case 'running':
      return hasPublicIpv4 ? 'active' : 'provisioning';
    case 'booting':
    case 'rebooting':
      return 'starting';
    case 'shutting_down':
      return 'stopping';
    case 'offline':
    case 'stopped':
      return 'stopped';
    case 'deleting':
      return 'deleting';
    case 'billing_suspension':
      return 'error';
    default:
      // provisioning, migrating, rebuilding, cloning, restoring, resizing, busy...
      return 'provisioning';
  }
}

/** The catalog price of a plan in a region, where the catalog holds it (plans() has the live one). */
function catalogPrice(plan: string | null | undefined, region: string | null | undefined) {
  if (!linodeCatalog.pricedRegions?.includes(region ?? '')) return undefined;
  return linodeCatalog.plans.find((candidate) => candidate.id === plan)?.price;
}

/**
 * A Linode as a `Host`. `id` is the provision id (Linode id, plus the firewall's when there is
 * one). `ipv4` is the first public address (the `ipv4` list also holds private ones); `ipv6` is the
 * SLAAC address without its `/128`.
 */
export function linodeToHost(linode: Linode, id: string): Host {
  const { managed, userTags, firewallId } = readLinodeTags(linode.label, linode.tags ?? []);
  const ipv4 = (linode.ipv4 ?? []).find((address) => nonPublicRange(address) === undefined);
  const ipv6 = linode.ipv6?.split('/')[0] || undefined;
  const price = catalogPrice(linode.type, linode.region);
  return {
    id,
    provider: 'linode',
    name: managed?.name ?? linode.label,
    owner: managed?.owner ?? 'default',
    status: mapLinodeStatus(linode.status, ipv4 !== undefined),
    nativeStatus: linode.status,
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region: linode.region ?? '',
    plan: linode.type ?? '',
    tags: userTags,
    // Linode writes times without a zone; they are UTC.
    ...(linode.created
      ? {
          createdAt: new Date(
            /[zZ]|[+-]\d\d:?\d\d$/.test(linode.created) ? linode.created : `${linode.created}Z`,
          ),
        }
      : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(price === undefined ? {} : { price }),
    firewalled: firewallId !== undefined && id.includes('/'),
  };
}

/** The host id of a Linode: with its firewall's id when its tags name one. */
export function hostIdOf(linode: Linode): string {
  const { firewallId } = readLinodeTags(linode.label, linode.tags ?? []);
  return linodeIds.encode({ linodeId: String(linode.id), firewallId });
}
