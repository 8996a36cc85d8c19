import type { InboundRuleState } from '@provision/testkit/contract-fake';
import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import type { VultrFakeGroup, VultrFakeInstance, VultrFakeRule } from './vultr-fake-records.js';
import { jsonResponse, noContent, paginate, vultrDate } from './vultr-fake-wire.js';

/** What the firewall routes share with the fake. */
export interface FirewallContext {
  readonly instances: ResourceStore<VultrFakeInstance>;
  readonly groups: ResourceStore<VultrFakeGroup>;
  readonly now: () => Date;
  nextGroupId(): string;
  fail(status: number, message: string): never;
}

/** Most rules in one group (`max_rule_count`). */
export const MAX_RULES = 50;

function instanceCount(context: FirewallContext, group: VultrFakeGroup): number {
  return context.instances.values().filter((instance) => instance.firewallGroupId === group.id).length;
}

function groupObject(context: FirewallContext, group: VultrFakeGroup) {
  return {
    id: group.id,
    description: group.description,
    date_created: group.dateCreated,
    date_modified: group.dateModified,
    instance_count: instanceCount(context, group),
    rule_count: group.rules.length,
    max_rule_count: MAX_RULES,
  };
}

function ruleObject(rule: VultrFakeRule) {
  return { ...rule, type: rule.ip_type, action: 'accept' };
}

function groupOf(context: FirewallContext, route: RouteContext): VultrFakeGroup {
  const group = context.groups.get(route.params['firewall-group-id'] ?? '');
  if (group === undefined) context.fail(404, 'Firewall group not found.');
  return group;
}

/** `POST /v2/firewalls` (create-firewall-group): 201. Descriptions need not be unique. */
export async function createGroup(context: FirewallContext, route: RouteContext): Promise<Response> {
  const body = await route.json<{ description?: unknown }>();
  const description = body?.description ?? '';
  if (typeof description !== 'string') context.fail(400, 'Invalid description.');
  const now = vultrDate(context.now());
  const group = context.groups.set({
    id: context.nextGroupId(),
    description,
    dateCreated: now,
    dateModified: now,
    rules: [],
  });
  return jsonResponse({ firewall_group: groupObject(context, group) }, 201);
}

/** `GET /v2/firewalls` (list-firewall-groups), cursor pages. */
export function listGroups(context: FirewallContext, route: RouteContext): Response {
  const page = paginate(context.groups.values(), route.url);
  if (page === undefined) context.fail(400, 'Invalid cursor.');
  return jsonResponse({
    firewall_groups: page.items.map((group) => groupObject(context, group)),
    meta: page.meta,
  });
}

/** `GET /v2/firewalls/{firewall-group-id}` (get-firewall-group). */
export function getGroup(context: FirewallContext, route: RouteContext): Response {
  return jsonResponse({ firewall_group: groupObject(context, groupOf(context, route)) });
}

/** `PUT /v2/firewalls/{firewall-group-id}` (update-firewall-group): a new description, 204. */
export async function updateGroup(context: FirewallContext, route: RouteContext): Promise<Response> {
  const group = groupOf(context, route);
  const body = await route.json<{ description?: unknown }>();
  if (typeof body?.description !== 'string') context.fail(400, 'Invalid description.');
  group.description = body.description;
  group.dateModified = vultrDate(context.now());
  return noContent();
}

/**
 * `DELETE /v2/firewalls/{firewall-group-id}` (delete-firewall-group): 204; refused (400) while an
 * instance sits in it (the description names no answer for that; see the fixture's SOURCE).
 */
export function deleteGroup(context: FirewallContext, route: RouteContext): Response {
  const group = groupOf(context, route);
  if (instanceCount(context, group) > 0) context.fail(400, 'Firewall group is in use by instances.');
  context.groups.delete(group.id);
  return noContent();
}

const PORT = /^(\d{1,5})(?::(\d{1,5}))?$/;

/** `POST /v2/firewalls/{firewall-group-id}/rules`: 201 with the rule; one rule per request. */
export async function createRule(context: FirewallContext, route: RouteContext): Promise<Response> {
  const group = groupOf(context, route);
  const body = await route.json<Record<string, unknown>>();
  const { ip_type: ipType, protocol, port = '', source = '' } = body ?? {};
  if (source !== '' && source !== 'cloudflare') context.fail(400, 'Invalid source: "" or "cloudflare".');
  // With a source, subnet and subnet_size are ignored (and may be left out).
  const { subnet = source === '' ? undefined : '', subnet_size: size = source === '' ? undefined : 0 } =
    body ?? {};
  if (ipType !== 'v4' && ipType !== 'v6') context.fail(400, 'Invalid ip_type: v4 or v6.');
  if (!['tcp', 'udp', 'icmp', 'gre', 'esp', 'ah'].includes(String(protocol)))
    context.fail(400, 'Invalid protocol.');
  if (typeof subnet !== 'string' || typeof size !== 'number')
    context.fail(400, 'subnet and subnet_size are required.');
  const ports = PORT.exec(String(port));
  if (
    (protocol === 'tcp' || protocol === 'udp') &&
    (ports === null || Number(ports[1]) < 1 || Number(ports[2] ?? ports[1]) > 65535)
  )
    context.fail(400, 'Invalid port: a port "80" or a range "8000:9000".');
  if (group.rules.length >= MAX_RULES)
    context.fail(400, `A firewall group holds at most ${MAX_RULES} rules.`);
  const rule: VultrFakeRule = {
    id: Math.max(0, ...group.rules.map((existing) => existing.id)) + 1,
    ip_type: ipType,
    protocol: String(protocol),
    port: String(port),
    subnet,
    subnet_size: size,
    source,
    notes: typeof body.notes === 'string' ? body.notes : '',
  };
  group.rules.push(rule);
  group.dateModified = vultrDate(context.now());
  return jsonResponse({ firewall_rule: ruleObject(rule) }, 201);
}

/** `GET /v2/firewalls/{firewall-group-id}/rules` (list-firewall-group-rules). */
export function listRules(context: FirewallContext, route: RouteContext): Response {
  const page = paginate(groupOf(context, route).rules, route.url);
  if (page === undefined) context.fail(400, 'Invalid cursor.');
  return jsonResponse({ firewall_rules: page.items.map(ruleObject), meta: page.meta });
}

/** `DELETE /v2/firewalls/{firewall-group-id}/rules/{firewall-rule-id}`: 204. */
export function deleteRule(context: FirewallContext, route: RouteContext): Response {
  const group = groupOf(context, route);
  const id = Number(route.params['firewall-rule-id']);
  if (!group.rules.some((rule) => rule.id === id)) context.fail(404, 'Firewall rule not found.');
  group.rules = group.rules.filter((rule) => rule.id !== id);
  return noContent();
}

/**
 * What the internet can reach on an instance: the TCP/UDP rules of its group open to every
 * address (`0.0.0.0/0` or `::/0`), merged; `undefined` without a group (Vultr then lets
 * everything in).
 */
export function inboundRulesOf(context: FirewallContext, instanceId: string): InboundRuleState[] | undefined {
  const instance = context.instances.get(instanceId);
  const group = instance?.firewallGroupId ? context.groups.get(instance.firewallGroupId) : undefined;
  if (group === undefined) return undefined;
  const seen = new Map<string, InboundRuleState>();
  for (const rule of group.rules) {
    if (rule.source !== '' || rule.subnet_size !== 0 || (rule.protocol !== 'tcp' && rule.protocol !== 'udp'))
      continue;
    const [from, to = from] = rule.port.split(':').map(Number) as [number, number?];
    seen.set(`${rule.protocol}${from}-${to}`, { from, to: to ?? from, protocol: rule.protocol });
  }
  return [...seen.values()].sort((a, b) => a.from - b.from || a.protocol.localeCompare(b.protocol));
}
