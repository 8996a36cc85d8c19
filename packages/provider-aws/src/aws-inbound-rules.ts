import {
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { hasProviderCode } from '@provision/provider-utils';
import type { AwsEc2 } from './aws-client.js';
import { awsIds } from './aws-ids.js';
import { hostGroupOf, launchFailure } from './map-aws-instance.js';

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html: `IpProtocol` is a
// name or an IP protocol number; `-1` is every protocol and every port.
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/** A permission's sources in `InboundRule` words: `[ANYWHERE]` when both `0.0.0.0/0` and `::/0` are among them. */
function sourcesOf(permission: IpPermission): string[] {
  const ipv4 = (permission.IpRanges ?? []).flatMap((range) => (range.CidrIp ? [range.CidrIp] : []));
  const ipv6 = (permission.Ipv6Ranges ?? []).flatMap((range) => (range.CidrIpv6 ? [range.CidrIpv6] : []));
  if (ipv4.includes('0.0.0.0/0') && ipv6.includes('::/0')) return [ANYWHERE];
  const groups = (permission.UserIdGroupPairs ?? []).flatMap((pair) =>
    pair.GroupId ? [`security-group:${pair.GroupId}`] : [],
  );
  const prefixLists = (permission.PrefixListIds ?? []).flatMap((list) =>
    list.PrefixListId ? [`prefix-list:${list.PrefixListId}`] : [],
  );
  return [...ipv4, ...ipv6, ...groups, ...prefixLists];
}

function read(permissions: readonly IpPermission[]): HostInbound {
  const rules: ReadInboundRule[] = [];
  const otherProtocols: string[] = [];
  for (const permission of permissions) {
    const raw = (permission.IpProtocol ?? '').toLowerCase();
    const protocol = PROTOCOL_NAMES[raw] ?? raw;
    const sources = sourcesOf(permission);
    if (protocol === '-1') {
      rules.push(
        { from: 1, to: 65535, protocol: 'tcp', sources },
        { from: 1, to: 65535, protocol: 'udp', sources },
      );
      otherProtocols.push('all');
    } else if (protocol === 'tcp' || protocol === 'udp') {
      const from = permission.FromPort ?? 0;
      rules.push({ from, to: permission.ToPort ?? from, protocol, sources });
    } else {
      otherProtocols.push(protocol);
    }
  }
  return firewallInbound(rules, otherProtocols);
}

/**
 * `inboundRules()`: one `DescribeInstances` for the instance's security groups, then, when one of
 * them is the host's own, one `DescribeSecurityGroups` for the ingress rules of all of them (EC2
 * lets in what any of an instance's groups allows). An instance without a group of its own runs
 * under its VPC's default group, which the account controls and this plugin never changes: that is
 * `cloud-default`, not read further. A gone instance is `HostNotFoundError`.
 */
export function awsInboundRules(ec2: AwsEc2) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { region, instanceId } = awsIds.decode(id, 'inboundRules');
      const notFound = () => new HostNotFoundError(id, { provider: 'aws', operation: 'inboundRules' });
      let answer: DescribeInstancesResult;
      try {
        answer = await ec2.send(
          region,
          new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
          'inboundRules',
          options?.signal,
        );
      } catch (error) {
        if (hasProviderCode(error, 'InvalidInstanceID.NotFound')) throw notFound();
        throw error;
      }
      const instance = answer.Reservations?.flatMap((reservation) => reservation.Instances ?? []).find(
        (candidate) => candidate.InstanceId === instanceId,
      );
      // As status() says: a terminated instance is a deleted host, unless EC2 ended its launch.
      if (
        instance === undefined ||
        (instance.State?.Name === 'terminated' && launchFailure(instance) === undefined)
      )
        throw notFound();
      if (hostGroupOf(instance) === undefined) return { kind: 'cloud-default' };
      const groupIds = (instance.SecurityGroups ?? []).flatMap((group) =>
        group.GroupId ? [group.GroupId] : [],
      );
      const groups = await ec2.send<DescribeSecurityGroupsResult>(
        region,
        new DescribeSecurityGroupsCommand({ GroupIds: groupIds }),
        'inboundRules',
        options?.signal,
      );
      return read((groups.SecurityGroups ?? []).flatMap((group) => group.IpPermissions ?? []));
    },
  };
}
