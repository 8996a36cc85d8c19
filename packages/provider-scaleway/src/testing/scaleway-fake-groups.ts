import type { InboundRuleState } from '@provision/testkit/contract-fake';
import type { RouteContext } from '@provision/testkit/fake-cloud';
import type { ScalewayFakeGroup, ScalewayFakeRule } from './scaleway-fake-records.js';
import { type ServerContext, zoneOf } from './scaleway-fake-servers.js';
import { fail, jsonResponse, noContent, notFound, paginate, tagFilter } from './scaleway-fake-wire.js';

/** What the security group routes need besides the server context. */
export interface GroupContext extends ServerContext {
  nextGroupId(): string;
  nextRuleId(): string;
}

/** Most rules one group holds (the fake's; Scaleway documents no figure). */
export const MAX_RULES = 100;

function usedBy(context: GroupContext, group: ScalewayFakeGroup) {
  return context.servers.values().filter((server) => server.securityGroupId === group.id);
}

/** The `security_group` object (the SDK's `SecurityGroup`). */
export function groupObject(context: GroupContext, group: ScalewayFakeGroup) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    enable_default_security: group.enableDefaultSecurity,
    inbound_default_policy: group.inboundDefaultPolicy,
    outbound_default_policy: group.outboundDefaultPolicy,
    organization: context.organization,
    project: group.project,
    tags: [...group.tags],
    organization_default: false,
    project_default: group.projectDefault,
    creation_date: group.creationDate,
    modification_date: group.modificationDate,
    servers: usedBy(context, group).map((server) => ({ id: server.id, name: server.name })),
    stateful: group.stateful,
    state: 'available',
    zone: group.zone,
  };
}

function ruleObject(group: ScalewayFakeGroup, rule: ScalewayFakeRule) {
  return {
    id: rule.id,
    protocol: rule.protocol,
    direction: rule.direction,
    action: rule.action,
    ip_range: rule.ipRange,
    dest_port_from: rule.destPortFrom,
    dest_port_to: rule.destPortTo,
    position: rule.position,
    editable: rule.editable,
    zone: group.zone,
  };
}

function groupOf(context: GroupContext, route: RouteContext): ScalewayFakeGroup {
  const zone = zoneOf(route);
  const group = context.findGroup(route.params.security_group_id ?? '');
  if (group === undefined || group.zone !== zone)
    notFound('instance_security_group', route.params.security_group_id ?? '');
  return group;
}

const POLICIES = ['accept', 'drop'];

/** `POST .../security_groups` (createSecurityGroup): 201. Names need not be unique. */
export async function createGroup(context: GroupContext, route: RouteContext): Promise<Response> {
  const zone = zoneOf(route);
  const body = await route.json<Record<string, unknown>>();
  if (typeof body?.name !== 'string' || body.name === '')
    fail(400, 'invalid_arguments', 'invalid argument(s)', {
      details: [{ argument_name: 'name', reason: 'required', help_message: 'name is required' }],
    });
  if (body.project !== context.project) fail(403, 'permissions_denied', 'insufficient permissions');
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    fail(400, 'invalid_arguments', 'tags');
  const inbound = body.inbound_default_policy ?? 'accept';
  const outbound = body.outbound_default_policy ?? 'accept';
  if (!POLICIES.includes(String(inbound)) || !POLICIES.includes(String(outbound)))
    fail(400, 'invalid_arguments', 'unknown policy');
  const now = context.now();
  const group = context.groups.set({
    id: context.nextGroupId(),
    name: body.name,
    description: typeof body.description === 'string' ? body.description : '',
    zone,
    project: context.project,
    tags: [...(tags as string[])],
    stateful: body.stateful !== false,
    inboundDefaultPolicy: inbound as 'accept' | 'drop',
    outboundDefaultPolicy: outbound as 'accept' | 'drop',
    enableDefaultSecurity: body.enable_default_security !== false,
    projectDefault: false,
    rules: [],
    creationDate: now,
    modificationDate: now,
  });
  return jsonResponse({ security_group: groupObject(context, group) }, 201);
}

/** `GET .../security_groups` (listSecurityGroups): filters `tags`, `name`, `project`; numbered pages. */
export function listGroups(context: GroupContext, route: RouteContext): Response {
  const zone = zoneOf(route);
  const query = route.url.searchParams;
  const tagged = tagFilter(route.url);
  const name = query.get('name');
  const project = query.get('project');
  const matching = context.groups
    .values()
    .filter(
      (group) =>
        group.zone === zone &&
        tagged(group.tags) &&
        (name === null || group.name.includes(name)) &&
        (project === null || group.project === project),
    );
  const page = paginate(matching, route.url, context.maxPerPage());
  return jsonResponse(
    { security_groups: page.items.map((group) => groupObject(context, group)) },
    200,
    page.headers,
  );
}

/** `GET .../security_groups/{security_group_id}` (getSecurityGroup). */
export function getGroup(context: GroupContext, route: RouteContext): Response {
  return jsonResponse({ security_group: groupObject(context, groupOf(context, route)) });
}

/** `PATCH .../security_groups/{security_group_id}` (updateSecurityGroup): `name`, `description`, `tags`. */
export async function updateGroup(context: GroupContext, route: RouteContext): Promise<Response> {
  const group = groupOf(context, route);
  const body = await route.json<Record<string, unknown>>();
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags) || !body.tags.every((tag) => typeof tag === 'string'))
      fail(400, 'invalid_arguments', 'tags');
    group.tags = [...(body.tags as string[])];
  }
  if (typeof body.name === 'string') group.name = body.name;
  if (typeof body.description === 'string') group.description = body.description;
  group.modificationDate = context.now();
  return jsonResponse({ security_group: groupObject(context, group) });
}

/** `DELETE .../security_groups/{security_group_id}` (deleteSecurityGroup): 204; refused while a server uses it. */
export function deleteGroup(context: GroupContext, route: RouteContext): Response {
  const group = groupOf(context, route);
  if (group.projectDefault) fail(400, 'invalid_request_error', 'cannot delete the default security group');
  if (usedBy(context, group).length > 0)
    fail(409, 'conflict', 'group is in use: servers are attached to this security group');
  context.groups.delete(group.id);
  return noContent();
}

const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ANY'];
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-f:]+\/\d{1,3})$/;

/** `PUT .../security_groups/{security_group_id}/rules` (setSecurityGroupRules): the editable rules replaced. */
export async function setRules(context: GroupContext, route: RouteContext): Promise<Response> {
  const group = groupOf(context, route);
  const body = await route.json<{ rules?: unknown }>();
  if (!Array.isArray(body?.rules)) fail(400, 'invalid_arguments', 'rules must be a list');
  if (body.rules.length > MAX_RULES)
    fail(400, 'invalid_arguments', `a security group holds at most ${MAX_RULES} rules`);
  const rules = (body.rules as Array<Record<string, unknown>>).map((rule, index): ScalewayFakeRule => {
    const protocol = String(rule.protocol ?? 'TCP');
    if (!PROTOCOLS.includes(protocol)) fail(400, 'invalid_arguments', 'unknown protocol');
    if (rule.direction !== 'inbound' && rule.direction !== 'outbound')
      fail(400, 'invalid_arguments', 'direction');
    if (rule.action !== 'accept' && rule.action !== 'drop') fail(400, 'invalid_arguments', 'action');
    if (typeof rule.ip_range !== 'string' || !CIDR.test(rule.ip_range))
      fail(400, 'invalid_arguments', 'ip_range');
    const from = rule.dest_port_from ?? null;
    const to = rule.dest_port_to ?? from;
    if (
      from !== null &&
      (typeof from !== 'number' || typeof to !== 'number' || from < 1 || to > 65535 || to < from)
    )
      fail(400, 'invalid_arguments', 'dest_port_from and dest_port_to must be a range within 1-65535');
    return {
      id: typeof rule.id === 'string' ? rule.id : context.nextRuleId(),
      protocol: protocol as ScalewayFakeRule['protocol'],
      direction: rule.direction,
      action: rule.action,
      ipRange: rule.ip_range,
      destPortFrom: from as number | null,
      destPortTo: to as number | null,
      position: typeof rule.position === 'number' ? rule.position : index + 1,
      editable: true,
    };
  });
  group.rules = rules;
  group.modificationDate = context.now();
  return jsonResponse({ rules: rules.map((rule) => ruleObject(group, rule)) });
}

/** `GET .../security_groups/{security_group_id}/rules` (listSecurityGroupRules): numbered pages. */
export function listRules(context: GroupContext, route: RouteContext): Response {
  const group = groupOf(context, route);
  const page = paginate(group.rules, route.url);
  return jsonResponse({ rules: page.items.map((rule) => ruleObject(group, rule)) }, 200, page.headers);
}

/**
 * What the internet can reach on a server, by its group: `undefined` when the group lets every
 * inbound packet in by default (the cloud's default networking); else the accepted TCP/UDP
 * rules open to every address, merged.
 */
export function inboundOf(context: GroupContext, serverId: string): InboundRuleState[] | undefined {
  const server = context.servers.get(serverId);
  const group = server === undefined ? undefined : context.findGroup(server.securityGroupId);
  if (group === undefined || group.inboundDefaultPolicy === 'accept') return undefined;
  const seen = new Map<string, InboundRuleState>();
  for (const rule of [...group.rules].sort((a, b) => a.position - b.position)) {
    if (rule.direction !== 'inbound' || rule.action !== 'accept') continue;
    if (rule.ipRange !== '0.0.0.0/0' && rule.ipRange !== '::/0') continue;
    if (rule.protocol !== 'TCP' && rule.protocol !== 'UDP') continue;
    const protocol = rule.protocol === 'TCP' ? 'tcp' : 'udp';
    const from = rule.destPortFrom ?? 1;
    const to = rule.destPortTo ?? (rule.destPortFrom === null ? 65535 : from);
    seen.set(`${protocol}${from}-${to}`, { from, to, protocol });
  }
  return [...seen.values()].sort((a, b) => a.from - b.from || a.protocol.localeCompare(b.protocol));
}
