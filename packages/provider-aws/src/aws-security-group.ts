import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  type CreateSecurityGroupResult,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { type CallOptions, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import {
  ensureSecondaryResource,
  hasProviderCode,
  type RemovalOutcome,
  removeSecondaryResource,
} from '@provision/provider-utils';
import type { AwsEc2 } from './aws-client.js';
import { securityGroupName, securityGroupTags } from './aws-tags.js';

type Inbound = NonNullable<ResolvedHostSpec['inbound']>;

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
 * `AuthorizeSecurityGroupIngress`, on the shared secondary-resource policy
 * (`ensureSecondaryResource`): a group that already exists (a retry after a lost answer, or a
 * concurrent caller) is found by its name, unique per VPC, not made twice; a found group without
 * rules gets them. A group whose rules EC2 refuses is deleted again: the launch has not begun,
 * so no instance is left without the rules it asked for.
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
  const authorize = async (groupId: string): Promise<void> => {
    try {
      await ec2.send(
        region,
        new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: ipPermissions(inbound) }),
        'provision',
        options?.signal,
      );
    } catch (error) {
      // A repeat of a request EC2 had applied before its answer was lost.
      if (!hasProviderCode(error, 'InvalidPermission.Duplicate')) throw error;
    }
  };
  const { resource: groupId, created } = await ensureSecondaryResource<string>({
    create: async () => {
      const answer = await ec2.send<CreateSecurityGroupResult>(
        region,
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: `provision: inbound rules of host ${spec.name} (owner ${spec.owner})`,
          TagSpecifications: [
            {
              ResourceType: 'security-group',
              Tags: securityGroupTags(spec.owner, spec.name, generation, new Date()),
            },
          ],
        }),
        'provision',
        options?.signal,
      );
      const groupId = answer.GroupId as string;
      try {
        await authorize(groupId);
      } catch (error) {
        // An unknown outcome keeps the group: `find` completes it.
        if (ProvisionError.isInstance(error) && !error.retryable)
          await deleteHostGroup(ec2, region, groupId).catch(() => undefined);
        throw error;
      }
      return groupId;
    },
    find: async () => {
      const found = await ec2.send<DescribeSecurityGroupsResult>(
        region,
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
        'provision',
        options?.signal,
      );
      const existing = found.SecurityGroups?.[0];
      if (existing?.GroupId === undefined) return undefined;
      if ((existing.IpPermissions ?? []).length === 0) await authorize(existing.GroupId);
      return existing.GroupId;
    },
    nameTaken: (error) => hasProviderCode(error, 'InvalidGroup.Duplicate'),
    signal: options?.signal,
  });
  return { groupId, created };
}

/**
 * One attempt to delete a host's security group: `'in-use'` while an instance still uses it
 * (`DependencyViolation`, expected while the instance shuts down), `'absent'` when it is gone.
 */
export function deleteHostGroup(
  ec2: AwsEc2,
  region: string,
  groupId: string,
  options?: CallOptions,
  operation: 'provision' | 'delete' | 'orphans' = 'provision',
): Promise<RemovalOutcome> {
  return removeSecondaryResource(
    () => ec2.send(region, new DeleteSecurityGroupCommand({ GroupId: groupId }), operation, options?.signal),
    (error) =>
      hasProviderCode(error, 'InvalidGroup.NotFound')
        ? 'absent'
        : hasProviderCode(error, 'DependencyViolation')
          ? 'in-use'
          : undefined,
  );
}
