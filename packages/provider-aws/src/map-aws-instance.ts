import type { Instance } from '@aws-sdk/client-ec2';
import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import { awsCatalog } from './aws-catalog.js';
import { isHostGroupName, readTags } from './aws-tags.js';

/**
 * Instance state -> HostStatus. `running` only counts as active once the public IPv4 is there.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
 * (`terminated` is not mapped here: it is either a failed launch or a host that is gone.)
 */
export function mapAwsStatus(state: string | undefined, hasPublicIpv4: boolean): HostStatus {
  switch (state) {
    case 'running':
      return hasPublicIpv4 ? 'active' : 'provisioning';
    case 'stopping':
      return 'stopping';
    case 'stopped':
      return 'stopped';
    case 'shutting-down':
    case 'terminated':
      return 'deleting';
    default:
      return 'provisioning';
  }
}

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
  const { managed, userTags } = readTags(instance.Tags);
  // `active` needs a public IPv4: an address in a private or reserved range never counts.
  const ipv4 =
    instance.PublicIpAddress !== undefined && nonPublicRange(instance.PublicIpAddress) === undefined
      ? instance.PublicIpAddress
      : undefined;
  const ipv6 = instance.Ipv6Address;
  const failure = launchFailure(instance);
  const plan = awsCatalog.plans.find((candidate) => candidate.id === instance.InstanceType);
  return {
    id,
    provider: 'aws',
    name: managed?.name ?? instance.InstanceId ?? '',
    owner: managed?.owner ?? 'default',
    status: failure === undefined ? mapAwsStatus(instance.State?.Name, ipv4 !== undefined) : 'error',
    nativeStatus: instance.State?.Name ?? 'unknown',
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region,
    plan: instance.InstanceType ?? '',
    tags: userTags,
    ...(instance.LaunchTime === undefined ? {} : { createdAt: new Date(instance.LaunchTime) }),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(plan === undefined ? {} : { price: plan.price }),
    firewalled: hostGroupOf(instance) !== undefined,
    ...(failure === undefined ? {} : { error: failure }),
  };
}
