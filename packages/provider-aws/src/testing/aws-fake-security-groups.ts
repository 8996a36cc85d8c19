import { defaultGroupId } from './aws-fake-catalog.js';
import { tagFilterMatches, tagSet } from './aws-fake-instances.js';
import { filters, matchesAny, type Params, scalar, scalars, structures } from './aws-fake-query.js';
import type { AwsFakeContext, AwsFakeSecurityGroup, FakeRule } from './aws-fake-records.js';
import { requestedTags } from './aws-fake-run.js';
import type { XmlStructure, XmlValue } from './aws-fake-xml.js';

/** The id of every region's default VPC in the fake. */
export const VPC_ID = `vpc-0d${'0'.repeat(15)}`;
// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
const RULES_PER_FAMILY = 60;
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
const DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/** One inbound rule as `inboundRules()` reports it: a port range for TCP or UDP open to the internet. */
export interface NormalizedInboundRule {
  from: number;
  to: number;
  protocol: 'tcp' | 'udp';
}

/**
 * A default VPC's `default` group as EC2 makes it: members may reach each other on anything, and
 * everything may go out.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
export function makeDefaultGroup(region: string, nextHex: () => string): AwsFakeSecurityGroup {
  const id = defaultGroupId(region);
  const rule = { protocol: '-1', from: undefined, to: undefined, cidrIpv6: undefined };
  return {
    id,
    region,
    name: 'default',
    description: 'default VPC security group',
    vpcId: VPC_ID,
    tags: [],
    ingress: [{ ...rule, cidrIpv4: undefined, sourceGroupId: id, ruleId: `sgr-0${nextHex()}` }],
    egress: [{ ...rule, cidrIpv4: '0.0.0.0/0', ruleId: `sgr-0${nextHex()}` }],
  };
}

/** The region's groups: its default group first, then the ones created, oldest first. */
function groupsIn(context: AwsFakeContext, region: string): AwsFakeSecurityGroup[] {
  return [
    context.defaultGroup(region),
    ...context.securityGroups.values().filter((group) => group.region === region),
  ];
}

/** The region's group with this id, the default group included. */
export function groupById(
  context: AwsFakeContext,
  region: string,
  id: string | undefined,
): AwsFakeSecurityGroup | undefined {
  return id === undefined ? undefined : groupsIn(context, region).find((group) => group.id === id);
}

/** The default VPC's group with this name (`default` included), as `GroupName`/`SecurityGroup.N` name it. */
export function groupByName(
  context: AwsFakeContext,
  region: string,
  name: string,
): AwsFakeSecurityGroup | undefined {
  return groupsIn(context, region).find((group) => group.name === name);
}

function lookup(context: AwsFakeContext, region: string, id: string | undefined): AwsFakeSecurityGroup {
  const group = groupById(context, region, id);
  if (group === undefined)
    context.fail(400, 'InvalidGroup.NotFound', `The security group '${id ?? ''}' does not exist`);
  return group;
}

/** `CreateSecurityGroup`: names are unique per VPC; the group starts with EC2's allow-all egress rule. */
export function createSecurityGroup(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const name = scalar(params, 'GroupName');
  const description = scalar(params, 'GroupDescription');
  if (name === undefined)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter groupName');
  if (description === undefined)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter groupDescription');
  if (name.length > 255 || name.toLowerCase().startsWith('sg-'))
    context.fail(
      400,
      'InvalidParameterValue',
      `Value (${name.slice(0, 64)}) for parameter GroupName is invalid.`,
    );
  if (!DESCRIPTION.test(description))
    context.fail(
      400,
      'InvalidParameterValue',
      'Value for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.',
    );
  const vpcId = scalar(params, 'VpcId') ?? VPC_ID;
  if (vpcId !== VPC_ID) context.fail(400, 'InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  if (groupByName(context, region, name) !== undefined)
    context.fail(
      400,
      'InvalidGroup.Duplicate',
      `The security group '${name}' already exists for VPC '${vpcId}'`,
    );
  const tags = requestedTags(context, params, 'security-group');
  const group = context.securityGroups.set({
    id: `sg-0${context.nextHex()}`,
    region,
    name,
    description,
    vpcId,
    tags,
    ingress: [],
    egress: [
      {
        protocol: '-1',
        from: undefined,
        to: undefined,
        cidrIpv4: '0.0.0.0/0',
        cidrIpv6: undefined,
        ruleId: `sgr-0${context.nextHex()}`,
      },
    ],
  });
  // The API reference's sample response carries `return` beside the group id.
  return {
    return: true,
    groupId: group.id,
    tagSet: tagSet(tags),
    securityGroupArn: `arn:aws:ec2:${region}:${context.ownerId}:security-group/${group.id}`,
  };
}

function port(context: AwsFakeContext, raw: string | undefined, protocol: string): number | undefined {
  if (protocol === '-1') return undefined;
  const value = Number(raw);
  if (
    raw === undefined ||
    !Number.isInteger(value) ||
    value < (protocol === 'icmp' ? -1 : 0) ||
    value > 65535
  )
    context.fail(
      400,
      'InvalidParameterValue',
      `Invalid value '${raw ?? ''}' for portRange. Must be in range 0-65535.`,
    );
  return value;
}

function requestedRules(context: AwsFakeContext, params: Params): Omit<FakeRule, 'ruleId'>[] {
  const permissions = structures(params, 'IpPermissions');
  const legacy = scalar(params, 'IpProtocol');
  const entries = legacy === undefined ? permissions : [params];
  if (entries.length === 0)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter ipPermissions');
  return entries.flatMap((permission) => {
    const protocol = (legacy === undefined ? permission.get('IpProtocol') : legacy)?.toLowerCase() ?? '';
    if (!['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(protocol) && !/^\d+$/.test(protocol))
      context.fail(
        400,
        'InvalidParameterValue',
        `Invalid value '${protocol}' for IP protocol. Unknown protocol.`,
      );
    const from = port(context, permission.get('FromPort'), protocol);
    const to = port(context, permission.get('ToPort'), protocol);
    if (from !== undefined && to !== undefined && protocol !== 'icmp' && from > to)
      context.fail(
        400,
        'InvalidParameterValue',
        `Invalid TCP/UDP port range: from port ${from} is above to port ${to}.`,
      );
    const ipv4 =
      legacy === undefined
        ? structures(permission, 'IpRanges').map((range) => range.get('CidrIp'))
        : [scalar(params, 'CidrIp')];
    const ipv6 =
      legacy === undefined ? structures(permission, 'Ipv6Ranges').map((range) => range.get('CidrIpv6')) : [];
    if (ipv4.length + ipv6.length === 0)
      context.fail(
        400,
        'MissingParameter',
        'The request must name a source: CidrIp, CidrIpv6, a prefix list or a group.',
      );
    return [
      ...ipv4.map((cidr) => ({ protocol, from, to, cidrIpv4: cidr, cidrIpv6: undefined })),
      ...ipv6.map((cidr) => ({ protocol, from, to, cidrIpv4: undefined, cidrIpv6: cidr })),
    ];
  });
}

const sameRule = (a: Omit<FakeRule, 'ruleId'>, b: Omit<FakeRule, 'ruleId'>) =>
  a.protocol === b.protocol &&
  a.from === b.from &&
  a.to === b.to &&
  a.cidrIpv4 === b.cidrIpv4 &&
  a.cidrIpv6 === b.cidrIpv6;

/** `AuthorizeSecurityGroupIngress`: all rules or none; a rule that exists already fails the request. */
export function authorizeIngress(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const group = lookup(context, region, scalar(params, 'GroupId'));
  const rules = requestedRules(context, params);
  for (const rule of rules) {
    if (group.ingress.some((existing) => sameRule(existing, rule)))
      context.fail(
        400,
        'InvalidPermission.Duplicate',
        `the specified rule "peer: ${rule.cidrIpv4 ?? rule.cidrIpv6}, ${rule.protocol.toUpperCase()}, from port: ${rule.from}, to port: ${rule.to}, ALLOW" already exists`,
      );
  }
  const all = [...group.ingress, ...rules];
  if (
    all.filter((rule) => rule.cidrIpv4 !== undefined).length > RULES_PER_FAMILY ||
    all.filter((rule) => rule.cidrIpv6 !== undefined).length > RULES_PER_FAMILY
  )
    context.fail(
      400,
      'RulesPerSecurityGroupLimitExceeded',
      'The maximum number of rules per security group has been reached.',
    );
  const added = rules.map((rule) => ({ ...rule, ruleId: `sgr-0${context.nextHex()}` }));
  group.ingress.push(...added);
  return { return: true, securityGroupRuleSet: added.map((rule) => ruleXml(context, group, rule, false)) };
}

function ruleXml(
  context: AwsFakeContext,
  group: AwsFakeSecurityGroup,
  rule: FakeRule,
  egress: boolean,
): XmlStructure {
  return {
    securityGroupRuleId: rule.ruleId,
    groupId: group.id,
    groupOwnerId: context.ownerId,
    isEgress: egress,
    ipProtocol: rule.protocol,
    fromPort: rule.from ?? -1,
    toPort: rule.to ?? -1,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
  };
}

/** `IpPermission` items: rules of one protocol and port range share an item, with their address ranges. */
function permissionsXml(rules: readonly FakeRule[], ownerId: string): XmlValue[] {
  const byRange = new Map<string, FakeRule[]>();
  for (const rule of rules) {
    const key = `${rule.protocol}/${rule.from}/${rule.to}`;
    byRange.set(key, [...(byRange.get(key) ?? []), rule]);
  }
  return [...byRange.values()].map((same) => {
    const first = same[0] as FakeRule;
    return {
      ipProtocol: first.protocol,
      fromPort: first.from,
      toPort: first.to,
      groups: same.flatMap((rule) =>
        rule.sourceGroupId === undefined ? [] : [{ userId: ownerId, groupId: rule.sourceGroupId }],
      ),
      ipRanges: same.flatMap((rule) => (rule.cidrIpv4 === undefined ? [] : [{ cidrIp: rule.cidrIpv4 }])),
      ipv6Ranges: same.flatMap((rule) => (rule.cidrIpv6 === undefined ? [] : [{ cidrIpv6: rule.cidrIpv6 }])),
      prefixListIds: [],
    };
  });
}

/** `DescribeSecurityGroups`: by id or name (the default group included), or filtered by name, id, VPC, tags. */
export function describeSecurityGroups(
  context: AwsFakeContext,
  params: Params,
  region: string,
): XmlStructure {
  const ids = scalars(params, 'GroupId');
  const names = scalars(params, 'GroupName');
  const named = names.map((name) => {
    const group = groupByName(context, region, name);
    if (group === undefined)
      context.fail(
        400,
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${VPC_ID}'`,
      );
    return group;
  });
  const groups =
    ids.length + names.length > 0
      ? [...ids.map((id) => lookup(context, region, id)), ...named]
      : groupsIn(context, region);
  const wanted = filters(params);
  const matching = groups.filter((group) =>
    [...wanted].every(([name, values]) => {
      const tag = tagFilterMatches(name, values, group.tags);
      if (tag !== undefined) return tag;
      if (name === 'group-name') return matchesAny(values, group.name);
      if (name === 'group-id') return matchesAny(values, group.id);
      if (name === 'vpc-id') return matchesAny(values, group.vpcId);
      if (name === 'description') return matchesAny(values, group.description);
      if (name === 'owner-id') return matchesAny(values, context.ownerId);
      return context.fail(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
    }),
  );
  return {
    securityGroupInfo: matching.map((group) => ({
      ownerId: context.ownerId,
      groupId: group.id,
      groupName: group.name,
      groupDescription: group.description,
      vpcId: group.vpcId,
      securityGroupArn: `arn:aws:ec2:${region}:${context.ownerId}:security-group/${group.id}`,
      ipPermissions: permissionsXml(group.ingress, context.ownerId),
      ipPermissionsEgress: permissionsXml(group.egress, context.ownerId),
      tagSet: tagSet(group.tags),
    })),
  };
}

/** `DeleteSecurityGroup`: refused with `DependencyViolation` while an instance that is not terminated uses it. */
export function deleteSecurityGroup(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const group = lookup(context, region, scalar(params, 'GroupId'));
  if (group.id === defaultGroupId(region))
    context.fail(
      400,
      'CannotDelete',
      `the specified group: "${group.id}" name: "default" cannot be deleted by a user`,
    );
  if (context.instances.values().some((instance) => instance.groupIds.includes(group.id)))
    context.fail(400, 'DependencyViolation', `resource ${group.id} has a dependent object`);
  context.securityGroups.delete(group.id);
  return { return: true, groupId: group.id };
}

/**
 * What the internet can reach on an instance through its own security groups: TCP and UDP rules
 * open to `0.0.0.0/0` or `::/0`, port 0 read as 1 (nothing listens on port 0), each range once;
 * `undefined` when only the region's default group guards it (no rule of its own).
 */
export function inboundRulesOf(
  context: AwsFakeContext,
  instanceId: string,
): NormalizedInboundRule[] | undefined {
  const instance = context.allInstances.get(instanceId);
  const groups = (instance?.groupIds ?? []).flatMap((id) => context.securityGroups.get(id) ?? []);
  if (groups.length === 0) return undefined;
  const seen = new Map<string, NormalizedInboundRule>();
  for (const rule of groups.flatMap((group) => group.ingress)) {
    const open = rule.cidrIpv4 === '0.0.0.0/0' || rule.cidrIpv6 === '::/0';
    if (!open || (rule.protocol !== 'tcp' && rule.protocol !== 'udp')) continue;
    const normalized = {
      from: Math.max(rule.from ?? 0, 1),
      to: rule.to ?? 65535,
      protocol: rule.protocol,
    } as NormalizedInboundRule;
    seen.set(`${normalized.protocol}:${normalized.from}-${normalized.to}`, normalized);
  }
  return [...seen.values()];
}
