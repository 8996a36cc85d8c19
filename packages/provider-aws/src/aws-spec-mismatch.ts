import {
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type Instance,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  type CallOptions,
  specMismatch as describeMismatch,
  type ExistingInboundRule,
  type ResolvedHostSpec,
} from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { OS_TAG_KEY } from './aws-launch.js';
import { readTags, tagMap } from './aws-tags.js';
import { hostGroupOf } from './map-aws-instance.js';

/** An EC2 permission as rules; protocol `-1` is every port of every protocol. */
function rulesOf(permission: IpPermission): ExistingInboundRule[] {
  const protocol = permission.IpProtocol ?? '';
  if (protocol === '-1')
    return [
      { from: 0, to: 65535, protocol: 'tcp' },
      { from: 0, to: 65535, protocol: 'udp' },
    ];
  const from = permission.FromPort ?? 0;
  return [{ from, to: permission.ToPort ?? from, protocol }];
}

/**
 * The inbound rules of a host's own security group: one `DescribeSecurityGroups`, only when
 * the host has a group and the spec asks for rules to compare with. `undefined` otherwise.
 */
export async function inboundRulesOf(
  ec2: AwsEc2,
  region: string,
  groupId: string | undefined,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<ExistingInboundRule[] | undefined> {
  if (groupId === undefined || spec.inbound === undefined) return undefined;
  const answer = await ec2.send<DescribeSecurityGroupsResult>(
    region,
    new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    'provision',
    options?.signal,
  );
  return (answer.SecurityGroups?.[0]?.IpPermissions ?? []).flatMap(rulesOf);
}

/**
 * How an instance `provision()` found by name differs from the spec it was given (core's
 * `specMismatch`): plan, OS (from the tag written at launch; AMI ids change with each image
 * release), the security group's rules (`rules`, from `inboundRulesOf`; without them only
 * whether the host has a group of its own) and the user tags. The region never differs: the
 * lookup is in the spec's region.
 */
export function specMismatch(
  instance: Instance,
  spec: ResolvedHostSpec,
  rules?: readonly ExistingInboundRule[] | undefined,
): string[] {
  const guarded = hostGroupOf(instance) !== undefined;
  return describeMismatch(
    {
      plan: instance.InstanceType,
      os: tagMap(instance.Tags)[OS_TAG_KEY],
      inbound: guarded ? (rules ?? 'own') : 'none',
      tags: readTags(instance.Tags).userTags,
    },
    spec,
  );
}
