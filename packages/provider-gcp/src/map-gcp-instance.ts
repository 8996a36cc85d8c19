import type { Host, HostStatus } from '@provision/core';
import { createHostMapper, readHostTags } from '@provision/provider-utils';
import type { Instance } from './gcp-api.js';
import { gcpCatalog } from './gcp-catalog.js';
import { gcpIds, lastSegment } from './gcp-ids.js';
import { firewallNameOf } from './gcp-names.js';

/**
 * Instance status -> HostStatus. `RUNNING` counts as active only once the external IPv4 is there;
 * `TERMINATED` is Compute Engine's word for a stopped instance; PROVISIONING, STAGING and REPAIRING
 * read as provisioning. https://cloud.google.com/compute/docs/instances/instance-life-cycle
 */
const gcpHosts = createHostMapper({
  provider: 'gcp',
  statuses: {
    PROVISIONING: 'provisioning',
    STAGING: 'provisioning',
    REPAIRING: 'provisioning',
    RUNNING: 'active',
    STOPPING: 'stopping',
    SUSPENDING: 'stopping',
    STOPPED: 'stopped',
    SUSPENDED: 'stopped',
    TERMINATED: 'stopped',
  },
});

/** Instance status -> HostStatus. */
export function mapGcpStatus(status: string, hasPublicIpv4: boolean): HostStatus {
  return gcpHosts.status(status, hasPublicIpv4);
}

/** The project a resource URL names (`.../projects/<p>/zones/...`). */
function projectOf(url: string | null | undefined): string {
  return /\/projects\/([^/]+)\//.exec(url ?? '')?.[1] ?? '';
}

/** The host id of an instance, read from its own fields and the project it was read from. */
export function hostIdOf(instance: Instance, project: string): string {
  const zone = lastSegment(instance.zone);
  return gcpIds.encode({ project: projectOf(instance.zone) || project, zone, instance: instance.name });
}

/** Whether the instance carries the network tag of its per-host firewall. */
export function isFirewalled(instance: Instance): boolean {
  return (instance.tags?.items ?? []).includes(firewallNameOf(instance.name));
}

/** An instance as a `Host`, priced from the dated catalog (Compute Engine has no price API for keys). */
export function instanceToHost(instance: Instance, id: string): Host {
  const plan = lastSegment(instance.machineType);
  const nic = instance.networkInterfaces?.[0];
  const price = gcpCatalog.plans.find((entry) => entry.id === plan)?.price;
  return gcpHosts.toHost({
    id,
    tags: readHostTags(instance.labels ?? {}),
    fallbackName: instance.name,
    nativeStatus: instance.status,
    publicIpv4: nic?.accessConfigs?.[0]?.natIP ?? undefined,
    ipv6: nic?.ipv6AccessConfigs?.[0]?.externalIpv6 ?? undefined,
    region: lastSegment(instance.zone),
    plan,
    createdAt: instance.creationTimestamp,
    price,
    firewalled: isFirewalled(instance),
  });
}
