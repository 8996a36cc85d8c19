import type { Instance } from '@aws-sdk/client-ec2';
import type { Host, HostStatus, Price } from '@provision/core';
import { createHostMapper, readHostTags } from '@provision/provider-utils';
import { awsCatalog } from './aws-catalog.js';
import { isHostGroupName, tagMap } from './aws-tags.js';

/**
 * Instance state -> HostStatus. `running` only counts as active once the public IPv4 is there.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
 * (`terminated` reads as `deleting`: a host that is going; a failed launch is `error` by its state reason.)
 */
const instanceHosts = createHostMapper({
  provider: 'aws',
  statuses: {
    pending: 'provisioning',
    running: 'active',
    stopping: 'stopping',
    stopped: 'stopped',
    'shutting-down': 'deleting',
    terminated: 'deleting',
  },
});

/** Instance state -> HostStatus (`running` is active only with the public IPv4). */
export function mapAwsStatus(state: string | undefined, hasPublicIpv4: boolean): HostStatus {
  return instanceHosts.status(state ?? 'unknown', hasPublicIpv4);
}

// The catalog's prices by instance type, read once rather than searched per instance.
const CATALOG_PRICES = new Map<string, Price>(awsCatalog.plans.map((plan) => [plan.id, plan.price]));

// A terminated instance's state reason says who ended it. These two are the user and the
// instance's own shutdown; any other reason on a terminated instance is EC2 ending a launch it had
// accepted (`Server.InternalError`, `Server.InsufficientInstanceCapacity`, `Client.VolumeLimitExceeded`...).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StateReason.html
const ENDED_BY_REQUEST = new Set(['Client.UserInitiatedShutdown', 'Client.InstanceInitiatedShutdown']);

/** Why EC2 ended a launch it had accepted, or undefined for an instance that was not a failed launch. */
export function launchFailure(instance: Instance): string | undefined {
  if (instance.State?.Name !== 'terminated') return undefined;
  const code = instance.StateReason?.Code;
  if (code === undefined || ENDED_BY_REQUEST.has(code)) return undefined;
  return `EC2 ended the launch: ${code}${instance.StateReason?.Message ? `: ${instance.StateReason.Message}` : ''}`;
}

/** True for a state in which the instance is gone or on its way out. */
export function isEnding(instance: Instance): boolean {
  return instance.State?.Name === 'terminated' || instance.State?.Name === 'shutting-down';
}

/** The host's own security group among the instance's groups, if it has one. */
export function hostGroupOf(instance: Instance): string | undefined {
  return instance.SecurityGroups?.find((group) => isHostGroupName(group.GroupName))?.GroupId;
}

/** An instance as a `Host`. `id` is the provision id (region, instance id, and the group id when there is one). */
export function instanceToHost(instance: Instance, region: string, id: string): Host {
  return instanceHosts.toHost({
    id,
    tags: readHostTags(tagMap(instance.Tags)),
    fallbackName: instance.InstanceId ?? '',
    nativeStatus: instance.State?.Name ?? 'unknown',
    publicIpv4: instance.PublicIpAddress,
    ipv6: instance.Ipv6Address,
    region,
    plan: instance.InstanceType ?? '',
    createdAt: instance.LaunchTime,
    price: instance.InstanceType === undefined ? undefined : CATALOG_PRICES.get(instance.InstanceType),
    firewalled: hostGroupOf(instance) !== undefined,
    error: launchFailure(instance),
  });
}
