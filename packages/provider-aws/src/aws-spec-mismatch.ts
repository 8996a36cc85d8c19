import {
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type Instance,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { CallOptions, ResolvedHostSpec } from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { OS_TAG_KEY } from './aws-launch.js';
import { ipPermissions } from './aws-security-group.js';
import { readTags, tagMap } from './aws-tags.js';
import { hostGroupOf } from './map-aws-instance.js';

type Inbound = ResolvedHostSpec['inbound'];

/** `inbound` in a few words: `none`, `all`, or `22/tcp, 8000-9000/udp`. */
export function describeInbound(inbound: Inbound): string {
  if (inbound === undefined) return 'none (the default networking)';
  if (inbound === 'all') return 'all';
  return inbound
    .map((rule) => `${rule.from === rule.to ? rule.from : `${rule.from}-${rule.to}`}/${rule.protocol}`)
    .join(', ');
}

function describeTags(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '{}' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function describePermissions(permissions: readonly IpPermission[]): string {
  const words = permissions
    .map((permission) => {
      const from = permission.FromPort ?? 0;
      const to = permission.ToPort ?? from;
      return `${from === to ? from : `${from}-${to}`}/${permission.IpProtocol ?? ''}`;
    })
    .sort();
  return words.length === 0 ? 'none' : words.join(', ');
}

/**
 * The host group's inbound rules against the spec's, when both have some: one
 * `DescribeSecurityGroups`. `undefined` when they match or cannot be compared.
 */
export async function inboundMismatch(
  ec2: AwsEc2,
  region: string,
  groupId: string | undefined,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<string | undefined> {
  if (groupId === undefined || spec.inbound === undefined) return undefined;
  const answer = await ec2.send<DescribeSecurityGroupsResult>(
    region,
    new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    'provision',
    options?.signal,
  );
  const has = describePermissions(answer.SecurityGroups?.[0]?.IpPermissions ?? []);
  const asked = describePermissions(ipPermissions(spec.inbound));
  return has === asked ? undefined : `inbound: ${has} (asked: ${asked})`;
}

/**
 * How an instance `provision()` found by name differs from the spec it was given, one entry per
 * field: `plan`, `os` (from the tag written at launch; AMI ids change with each image release),
 * `inbound` (whether the host has its own security group; see `inboundMismatch` for its rules)
 * and `tags`. The region never differs: the lookup is in the spec's region. `inboundRules` is
 * what `inboundMismatch` found.
 */
export function specMismatch(
  instance: Instance,
  spec: ResolvedHostSpec,
  inboundRules?: string | undefined,
): string[] {
  const differences: string[] = [];
  if (instance.InstanceType !== undefined && instance.InstanceType !== spec.plan)
    differences.push(`plan: ${instance.InstanceType} (asked: ${spec.plan})`);
  const os = tagMap(instance.Tags)[OS_TAG_KEY];
  if (os !== undefined && os !== spec.os) differences.push(`os: ${os} (asked: ${spec.os})`);
  const guarded = hostGroupOf(instance) !== undefined;
  if (guarded !== (spec.inbound !== undefined)) {
    const has = guarded ? 'its own security group' : 'none (the default networking)';
    differences.push(`inbound: ${has} (asked: ${describeInbound(spec.inbound)})`);
  } else if (inboundRules !== undefined) differences.push(inboundRules);
  const { userTags } = readTags(instance.Tags);
  if (!sameTags(userTags, spec.tags))
    differences.push(`tags: ${describeTags(userTags)} (asked: ${describeTags(spec.tags)})`);
  return differences;
}
