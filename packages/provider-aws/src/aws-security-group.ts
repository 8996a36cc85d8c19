import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  type CreateSecurityGroupResult,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { type CallOptions, ProviderApiError, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { securityGroupName, securityGroupTags } from './aws-tags.js';

type Inbound = NonNullable<ResolvedHostSpec['inbound']>;

/** True when `error` is EC2's answer with this code. */
export function isAwsCode(error: unknown, code: string): boolean {
  return ProviderApiError.isInstance(error) && error.providerCode === code;
}

/**
 * The ingress rules for `inbound`: each port rule from anywhere, over IPv4 and IPv6. `'all'` is
 * every TCP and UDP port. ICMP is not opened. (Outbound stays EC2's default: everything.)
 */
export function ipPermissions(inbound: Inbound): IpPermission[] {
  const rules =
    inbound === 'all'
      ? [
          { from: 0, to: 65535, protocol: 'tcp' },
          { from: 0, to: 65535, protocol: 'udp' },
        ]
      : inbound;
  return rules.map((rule) => ({
    IpProtocol: rule.protocol,
    FromPort: rule.from,
    ToPort: rule.to,
    IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    Ipv6Ranges: [{ CidrIpv6: '::/0' }],
  }));
}

/** A host's security group, and whether this call created it. */
export interface HostGroup {
  readonly groupId: string;
  readonly created: boolean;
}

/**
 * The security group of `(owner, name)` in its `generation`, with all of `inbound` in one
 * `AuthorizeSecurityGroupIngress`. A group that already exists (a retry after a lost answer, or a
 * predecessor still shutting down) is found by name, not made twice; a found group without rules
 * gets them.
 */
export async function ensureHostGroup(
  ec2: AwsEc2,
  region: string,
  spec: ResolvedHostSpec,
  generation: number,
  options?: CallOptions,
): Promise<HostGroup> {
  const name = securityGroupName(spec.owner, spec.name, generation);
  const inbound = spec.inbound ?? 'all';
  let group: HostGroup;
  let needsRules = true;
  try {
    const created = await ec2.send<CreateSecurityGroupResult>(
      region,
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: `provision: inbound rules of host ${spec.name} (owner ${spec.owner})`,
        TagSpecifications: [
          { ResourceType: 'security-group', Tags: securityGroupTags(spec.owner, spec.name, generation) },
        ],
      }),
      'provision',
      options?.signal,
    );
    group = { groupId: created.GroupId as string, created: true };
  } catch (error) {
    if (!isAwsCode(error, 'InvalidGroup.Duplicate')) throw error;
    const found = await ec2.send<DescribeSecurityGroupsResult>(
      region,
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
      'provision',
      options?.signal,
    );
    const existing = found.SecurityGroups?.[0];
    if (existing?.GroupId === undefined) throw error;
    group = { groupId: existing.GroupId, created: false };
    needsRules = (existing.IpPermissions ?? []).length === 0;
  }
  if (!needsRules) return group;
  try {
    await ec2.send(
      region,
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: group.groupId,
        IpPermissions: ipPermissions(inbound),
      }),
      'provision',
      options?.signal,
    );
  } catch (error) {
    // A repeat of a request EC2 had applied before its answer was lost.
    if (isAwsCode(error, 'InvalidPermission.Duplicate')) return group;
    if (group.created && ProvisionError.isInstance(error) && !error.retryable) {
      await deleteHostGroup(ec2, region, group.groupId).catch(() => undefined);
    }
    throw error;
  }
  return group;
}

/**
 * Deletes a host's security group. `true` once it is gone; `false` while an instance still uses
 * it (`DependencyViolation`, expected while the instance shuts down). With `detailed`, says
 * whether this call deleted it or it was already gone.
 */
export async function deleteHostGroup(
  ec2: AwsEc2,
  region: string,
  groupId: string,
  options?: CallOptions,
  operation?: 'provision' | 'delete' | 'orphans',
): Promise<boolean>;
export async function deleteHostGroup(
  ec2: AwsEc2,
  region: string,
  groupId: string,
  options: CallOptions | undefined,
  operation: 'provision' | 'delete' | 'orphans',
  detailed: true,
): Promise<'deleted' | 'absent' | 'in-use'>;
export async function deleteHostGroup(
  ec2: AwsEc2,
  region: string,
  groupId: string,
  options?: CallOptions,
  operation: 'provision' | 'delete' | 'orphans' = 'provision',
  detailed = false,
): Promise<boolean | 'deleted' | 'absent' | 'in-use'> {
  let outcome: 'deleted' | 'absent' | 'in-use';
  try {
    await ec2.send(region, new DeleteSecurityGroupCommand({ GroupId: groupId }), operation, options?.signal);
    outcome = 'deleted';
  } catch (error) {
    if (isAwsCode(error, 'InvalidGroup.NotFound')) outcome = 'absent';
    else if (isAwsCode(error, 'DependencyViolation')) outcome = 'in-use';
    else throw error;
  }
  return detailed ? outcome : outcome !== 'in-use';
}
