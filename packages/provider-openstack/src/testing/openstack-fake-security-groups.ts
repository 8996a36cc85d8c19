import type { InboundRuleState } from '@provision/testkit/contract-fake';
import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_PROJECT } from './openstack-fake-catalog.js';
import { body, filtered, region } from './openstack-fake-network.js';
import type { FakeRule, FakeSecurityGroup } from './openstack-fake-records.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, isoSeconds, json, noContent } from './openstack-fake-wire.js';

// Neutron's security groups and rules, from its API reference
// (https://docs.openstack.org/api-ref/network/v2/#security-groups-security-groups).

function groupObject(group: FakeSecurityGroup) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    project_id: FAKE_PROJECT.id,
    tenant_id: FAKE_PROJECT.id,
    security_group_rules: group.rules.map(ruleObject),
    stateful: true,
    tags: [],
    revision_number: group.rules.length,
    created_at: group.created,
    updated_at: group.created,
  };
}

function ruleObject(rule: FakeRule) {
  return {
    id: rule.id,
    security_group_id: rule.securityGroupId,
    direction: rule.direction,
    ethertype: rule.ethertype,
    protocol: rule.protocol,
    port_range_min: rule.portRangeMin,
    port_range_max: rule.portRangeMax,
    remote_ip_prefix: rule.remoteIpPrefix,
    remote_group_id: rule.remoteGroupId,
    description: rule.description,
    project_id: FAKE_PROJECT.id,
    tenant_id: FAKE_PROJECT.id,
    revision_number: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

export function listGroups(state: FakeState, route: RouteContext): Response {
  const groups = state.securityGroups.values().filter((group) => group.region === region(route));
  return json({ security_groups: filtered(groups.map(groupObject), route) });
}

function groupOf(state: FakeState, route: RouteContext): FakeSecurityGroup {
  const group = state.securityGroups.get(route.params.id ?? '');
  if (group === undefined || group.region !== region(route))
    fail('network', 404, `Security group ${route.params.id} does not exist`, 'SecurityGroupNotFound');
  return group;
}

export function getGroup(state: FakeState, route: RouteContext): Response {
  return json({ security_group: groupObject(groupOf(state, route)) });
}

/** The two egress rules every new group is born with. */
export function egressRules(state: FakeState, groupId: string): FakeRule[] {
  return (['IPv4', 'IPv6'] as const).map((ethertype) => ({
    id: state.nextId('rule'),
    securityGroupId: groupId,
    direction: 'egress',
    ethertype,
    protocol: null,
    portRangeMin: null,
    portRangeMax: null,
    remoteIpPrefix: null,
    remoteGroupId: null,
    description: '',
  }));
}

/** `POST /v2.0/security-groups`: 201, with its two egress rules. */
export async function createGroup(state: FakeState, route: RouteContext): Promise<Response> {
  const input = await body<{ name?: unknown; description?: unknown }>(route, 'security_group');
  if (typeof input.name !== 'string' || input.name.length > 255)
    fail('network', 400, "Invalid input for name. Reason: 'None' is not a valid string.", 'HTTPBadRequest');
  if (input.name === 'default')
    fail('network', 409, 'Default security group already exists.', 'SecurityGroupDefaultAlreadyExists');
  const id = state.nextId('securitygroup');
  const group = state.securityGroups.set({
    id,
    region: region(route),
    name: input.name,
    description: typeof input.description === 'string' ? input.description : '',
    rules: egressRules(state, id),
    created: isoSeconds(state.now()),
  });
  return json({ security_group: groupObject(group) }, 201);
}

/** `DELETE /v2.0/security-groups/{id}`: 204, or 409 `SecurityGroupInUse` while a port is in it. */
export function deleteGroup(state: FakeState, route: RouteContext): Response {
  const group = groupOf(state, route);
  if (group.name === 'default')
    fail('network', 409, 'Removing default security group not allowed.', 'SecurityGroupCannotRemoveDefault');
  if (state.ports.values().some((port) => port.securityGroups.includes(group.id)))
    fail('network', 409, `Security Group ${group.id} in use.`, 'SecurityGroupInUse');
  state.securityGroups.delete(group.id);
  return noContent();
}

function ruleFrom(state: FakeState, routeRegion: string, input: Record<string, unknown>): FakeRule {
  const group = state.securityGroups.get(String(input.security_group_id));
  if (group === undefined || group.region !== routeRegion)
    fail(
      'network',
      404,
      `Security group ${String(input.security_group_id)} does not exist`,
      'SecurityGroupNotFound',
    );
  if (input.direction !== 'ingress' && input.direction !== 'egress')
    fail(
      'network',
      400,
      `Invalid input for direction. Reason: ${String(input.direction)} is not in valid_values.`,
      'HTTPBadRequest',
    );
  const ethertype = input.ethertype ?? 'IPv4';
  if (ethertype !== 'IPv4' && ethertype !== 'IPv6')
    fail('network', 400, 'Invalid input for ethertype.', 'HTTPBadRequest');
  const protocol = input.protocol === undefined || input.protocol === null ? null : String(input.protocol);
  const min = typeof input.port_range_min === 'number' ? input.port_range_min : null;
  const max = typeof input.port_range_max === 'number' ? input.port_range_max : null;
  if (
    (protocol === 'tcp' || protocol === 'udp') &&
    min !== null &&
    (max === null || min > max || min < 1 || max > 65535)
  )
    fail(
      'network',
      400,
      'For TCP/UDP protocols, port_range_min must be <= port_range_max',
      'SecurityGroupInvalidPortRange',
    );
  const prefix = typeof input.remote_ip_prefix === 'string' ? input.remote_ip_prefix : null;
  if (prefix !== null && (prefix.includes(':') ? 'IPv6' : 'IPv4') !== ethertype)
    fail(
      'network',
      400,
      `Conflicting value ethertype ${String(ethertype)} for CIDR ${prefix}`,
      'SecurityGroupRuleParameterConflict',
    );
  const rule: FakeRule = {
    id: state.nextId('rule'),
    securityGroupId: group.id,
    direction: input.direction,
    ethertype,
    protocol,
    portRangeMin: min,
    portRangeMax: max,
    remoteIpPrefix: prefix,
    remoteGroupId: null,
    description: typeof input.description === 'string' ? input.description : '',
  };
  const same = (other: FakeRule) =>
    other.direction === rule.direction &&
    other.ethertype === rule.ethertype &&
    other.protocol === rule.protocol &&
    other.portRangeMin === rule.portRangeMin &&
    other.portRangeMax === rule.portRangeMax &&
    other.remoteIpPrefix === rule.remoteIpPrefix;
  const existing = group.rules.find(same);
  if (existing !== undefined)
    fail(
      'network',
      409,
      `Security group rule already exists. Rule id is ${existing.id}.`,
      'SecurityGroupRuleExists',
    );
  return rule;
}

/** `POST /v2.0/security-group-rules`: one rule, or several in one request (Neutron's bulk create), 201. */
export async function createRules(state: FakeState, route: RouteContext): Promise<Response> {
  const parsed = (await route.json<Record<string, unknown>>()) ?? {};
  const bulk = Array.isArray(parsed.security_group_rules);
  const inputs = (bulk ? parsed.security_group_rules : [parsed.security_group_rule]) as unknown[];
  if (inputs.some((input) => typeof input !== 'object' || input === null))
    fail('network', 400, 'Resource body required: security_group_rule', 'HTTPBadRequest');
  // All or nothing, as a bulk create is.
  const rules: FakeRule[] = [];
  for (const input of inputs as Array<Record<string, unknown>>)
    rules.push(ruleFrom(state, region(route), input));
  for (const rule of rules) state.securityGroups.get(rule.securityGroupId)?.rules.push(rule);
  return json(
    bulk
      ? { security_group_rules: rules.map(ruleObject) }
      : { security_group_rule: ruleObject(rules[0] as FakeRule) },
    201,
  );
}

export function deleteRule(state: FakeState, route: RouteContext): Response {
  const group = state.securityGroups
    .values()
    .find((candidate) => candidate.rules.some((rule) => rule.id === route.params.id));
  if (group === undefined)
    fail(
      'network',
      404,
      `Security group rule ${route.params.id} does not exist`,
      'SecurityGroupRuleNotFound',
    );
  group.rules = group.rules.filter((rule) => rule.id !== route.params.id);
  return noContent();
}

/**
 * What the internet can reach on a server: the TCP and UDP ingress rules open to anywhere
 * (`0.0.0.0/0` or `::/0`) of its ports' own groups, merged; `undefined` when it sits only in the
 * project's `default` group (Neutron's default networking).
 */
export function inboundRulesOf(state: FakeState, serverId: string): InboundRuleState[] | undefined {
  const server = state.servers.get(serverId);
  if (server === undefined) return undefined;
  const ids = server.portIds.flatMap((portId) => state.ports.get(portId)?.securityGroups ?? []);
  const own = ids
    .map((id) => state.securityGroups.get(id))
    .filter((group) => group !== undefined && group.name !== 'default');
  if (own.length === 0) return undefined;
  const seen = new Map<string, InboundRuleState>();
  for (const group of own)
    for (const rule of group?.rules ?? []) {
      const open = rule.remoteIpPrefix === '0.0.0.0/0' || rule.remoteIpPrefix === '::/0';
      if (rule.direction !== 'ingress' || !open || (rule.protocol !== 'tcp' && rule.protocol !== 'udp'))
        continue;
      const from = rule.portRangeMin ?? 1;
      const to = rule.portRangeMax ?? 65535;
      seen.set(`${rule.protocol}${from}-${to}`, { from, to, protocol: rule.protocol });
    }
  return [...seen.values()].sort((a, b) => a.from - b.from || a.protocol.localeCompare(b.protocol));
}
