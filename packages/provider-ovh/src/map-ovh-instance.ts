import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import { createHostMapper, type HostTags, readHostTags } from '@provision/provider-utils';
import type { Instance } from './ovh-api.js';
import { ovhCatalog } from './ovh-catalog.js';
import { ovhIds } from './ovh-ids.js';
import { readInstanceName } from './ovh-names.js';

/** Why an instance in `ERROR` is `error`: OVH's `/cloud` API gives the status and no reason (see docs/providers/ovh.md). */
export const ERROR_REASON =
  'OVHcloud reports the instance in ERROR; its API records no reason. See the instance in the Control Panel (or OpenStack), then delete the host.';

// `cloud.instance.InstanceStatusEnum`, OpenStack Nova's states as OVH relays them.
const STATUS: Readonly<Record<string, HostStatus>> = {
  BUILD: 'provisioning',
  BUILDING: 'provisioning',
  REBUILD: 'provisioning',
  PASSWORD: 'provisioning',
  MIGRATING: 'provisioning',
  RESIZE: 'provisioning',
  RESIZED: 'provisioning',
  VERIFY_RESIZE: 'provisioning',
  REVERT_RESIZE: 'provisioning',
  SNAPSHOTTING: 'provisioning',
  RESCUE: 'provisioning',
  RESCUED: 'provisioning',
  RESCUING: 'provisioning',
  UNRESCUING: 'provisioning',
  UNKNOWN: 'provisioning',
  REBOOT: 'starting',
  HARD_REBOOT: 'starting',
  RESUMING: 'starting',
  UNSHELVING: 'starting',
  SHELVING: 'stopping',
  SHUTOFF: 'stopped',
  STOPPED: 'stopped',
  PAUSED: 'stopped',
  SUSPENDED: 'stopped',
  SHELVED: 'stopped',
  SHELVED_OFFLOADED: 'stopped',
  DELETING: 'deleting',
  DELETED: 'deleting',
  SOFT_DELETED: 'deleting',
  ERROR: 'error',
};

function publicAddress(instance: Instance, version: 4 | 6): string | undefined {
  return (instance.ipAddresses ?? []).find(
    (address) =>
      address.version === version &&
      address.type === 'public' &&
      (version === 6 || nonPublicRange(address.ip) === undefined),
  )?.ip;
}

/** The flavor name: the detail's `flavor.name`, else the listing's plan code (`d2-2.consumption`). */
export function flavorNameOf(instance: Instance): string {
  return instance.flavor?.name ?? instance.planCode?.split('.')[0] ?? instance.flavorId ?? '';
}

/** The tags an instance's name holds, or undefined when provision did not make it. */
export function managedTagsOf(instance: Instance): Record<string, string> | undefined {
  return readInstanceName(instance.name);
}

/** What an instance's name says, as core reads tags: the host (when managed) and the user's tags. */
export function readInstanceTags(instance: Instance): HostTags {
  return readHostTags(managedTagsOf(instance) ?? {});
}

// The mapping every cloud shares: `ACTIVE` is `active` once the public IPv4 is there, a state
// word the table does not name is `provisioning`, an error reason makes the status `error`.
const mapper = createHostMapper({ provider: 'ovh', statuses: { ...STATUS, ACTIVE: 'active' } });

// Instances carry no price; the flavor's catalog price stands in.
const prices = new Map(ovhCatalog.plans.map((plan) => [plan.id, plan.price]));

/**
 * An instance of `project` as a `Host`. Never firewalled: OVH's `/cloud` API has no per-instance
 * rules. `tags`: its name already read (a listing reads it once, to filter, and passes it on).
 */
export function instanceToHost(project: string, instance: Instance, tags = readInstanceTags(instance)): Host {
  const plan = flavorNameOf(instance);
  return mapper.toHost({
    id: ovhIds.encode({ project, instanceId: instance.id }),
    tags,
    fallbackName: instance.name,
    nativeStatus: instance.status,
    publicIpv4: publicAddress(instance, 4),
    ipv6: publicAddress(instance, 6),
    region: instance.region,
    plan,
    createdAt: instance.created,
    price: prices.get(plan),
    firewalled: false,
    error: instance.status === 'ERROR' ? ERROR_REASON : undefined,
  });
}
