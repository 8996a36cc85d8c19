import type { RouteContext } from '@provision/testkit/fake-cloud';
import { applyFilter, jsonResponse, LinodeRequestError, page } from './linode-fake-http.js';
import type { FirewallRule, LinodeFakeContext, LinodeFakeFirewall } from './linode-fake-records.js';

// https://techdocs.akamai.com/linode-api/reference/post-firewalls (label, rules, devices)
const LABEL = /^[a-zA-Z0-9]((?!--|__|\.\.)[a-zA-Z0-9-_.])*[a-zA-Z0-9]$/;
const FILTERABLE = ['created', 'id', 'label', 'tags', 'updated'];
const PORT = '(?:[1-9]\\d{0,4})';
const PORTS = new RegExp(`^${PORT}(?:-${PORT})?(?:, ?${PORT}(?:-${PORT})?)*$`);

/** The firewall JSON of the description's `Firewall` schema. */
export function firewallObject(firewall: LinodeFakeFirewall): Record<string, unknown> {
  return {
    id: Number(firewall.id),
    label: firewall.label,
    status: firewall.status,
    tags: [...firewall.tags],
    created: firewall.created,
    updated: firewall.updated,
    rules: rulesObject(firewall),
  };
}

function rulesObject(firewall: LinodeFakeFirewall): Record<string, unknown> {
  return {
    inbound: structuredClone(firewall.inbound),
    inbound_policy: firewall.inboundPolicy,
    outbound: structuredClone(firewall.outbound),
    outbound_policy: firewall.outboundPolicy,
    version: firewall.version,
    fingerprint: `${firewall.id.padStart(4, '0')}${firewall.version.toString(16).padStart(4, '0')}`,
  };
}

/** Checks one rule list; the ports string is "a port, a range, or a comma-separated list", 15 pieces at most. */
function checkRules(rules: unknown, field: string): FirewallRule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) throw new LinodeRequestError('Must be a list', field);
  return rules.map((rule: FirewallRule, index) => {
    const where = `${field}[${index}]`;
    if (rule?.action !== 'ACCEPT' && rule?.action !== 'DROP')
      throw new LinodeRequestError('Must be ACCEPT or DROP', `${where}.action`);
    if (!['TCP', 'UDP', 'ICMP', 'IPENCAP'].includes(rule.protocol))
      throw new LinodeRequestError('Must be TCP, UDP, ICMP or IPENCAP', `${where}.protocol`);
    if (rule.ports !== undefined && rule.ports !== null) {
      if (rule.protocol !== 'TCP' && rule.protocol !== 'UDP')
        throw new LinodeRequestError('Ports are only allowed for TCP and UDP', `${where}.ports`);
      const pieces = rule.ports.split(',').flatMap((piece) => piece.trim().split('-'));
      const ranges = rule.ports.split(',').map((piece) => piece.trim().split('-').map(Number));
      if (
        !PORTS.test(rule.ports) ||
        pieces.length > 15 ||
        ranges.some(([from = 0, to = from]) => from > 65535 || to > 65535 || to < from)
      )
        throw new LinodeRequestError('Invalid port or port range', `${where}.ports`);
    }
    const addresses = rule.addresses ?? {};
    if ((addresses.ipv4 ?? []).length + (addresses.ipv6 ?? []).length === 0)
      throw new LinodeRequestError('Must contain ipv4, ipv6, or both', `${where}.addresses`);
    return structuredClone(rule);
  });
}

interface RulesBody {
  inbound?: unknown;
  inbound_policy?: unknown;
  outbound?: unknown;
  outbound_policy?: unknown;
}

function policy(value: unknown, field: string): 'ACCEPT' | 'DROP' {
  if (value !== 'ACCEPT' && value !== 'DROP') throw new LinodeRequestError('Must be ACCEPT or DROP', field);
  return value;
}

/** The firewall of the request's `:firewallId`, or the API's 404. */
function firewallOf(context: LinodeFakeContext, route: RouteContext): LinodeFakeFirewall {
  const firewall = context.firewalls.get(route.params.firewallId ?? '');
  if (firewall === undefined) throw new LinodeRequestError('Not found', undefined, 404);
  return firewall;
}

/** `GET /v4/networking/firewalls`, with `X-Filter` and pages. */
export function listFirewalls(context: LinodeFakeContext, route: RouteContext): Response {
  const all = context.firewalls.values().map(firewallObject);
  return jsonResponse(page(applyFilter(all, route.request, FILTERABLE), route.url, context.maxPageSize));
}

/** `POST /v4/networking/firewalls`: label unique per account, rules, tags and `devices.linodes`. */
export async function createFirewall(context: LinodeFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<{
    label?: unknown;
    tags?: unknown;
    rules?: RulesBody;
    devices?: { linodes?: unknown };
  }>();
  const label = body?.label;
  if (typeof label !== 'string' || label.length < 3 || label.length > 32 || !LABEL.test(label))
    throw new LinodeRequestError('Label must be 3-32 characters of letters, digits, -, _ and .', 'label');
  if (context.firewalls.values().some((firewall) => firewall.label === label))
    throw new LinodeRequestError('Label must be unique', 'label');
  const tags = body.tags ?? [];
  if (
    !Array.isArray(tags) ||
    tags.some((tag) => typeof tag !== 'string' || tag.length < 3 || tag.length > 50)
  )
    throw new LinodeRequestError('Length must be 3-50 characters', 'tags');
  const rules = body.rules;
  if (rules === undefined) throw new LinodeRequestError('rules is required', 'rules');
  const inbound = checkRules(rules.inbound, 'rules.inbound');
  const outbound = checkRules(rules.outbound, 'rules.outbound');
  if (inbound.length + outbound.length > 25)
    throw new LinodeRequestError('A firewall holds at most 25 rules', 'rules');
  const devices = Array.isArray(body.devices?.linodes) ? (body.devices.linodes as unknown[]).map(Number) : [];
  for (const device of devices) {
    if (context.linodes.get(String(device)) === undefined)
      throw new LinodeRequestError(`Linode ${device} not found`, 'devices.linodes');
    if (context.firewalls.values().some((firewall) => firewall.linodes.includes(device)))
      throw new LinodeRequestError(`Linode ${device} already has a firewall`, 'devices.linodes');
  }
  const now = context.now();
  const firewall = context.firewalls.set({
    // Firewall ids come from their own range, as on Linode, so they never equal a Linode's.
    id: String(Number(context.firewalls.nextId()) + 80_000),
    label,
    tags: [...new Set(tags as string[])],
    created: now,
    updated: now,
    inbound,
    inboundPolicy: policy(rules.inbound_policy, 'rules.inbound_policy'),
    status: 'enabled',
    outbound,
    outboundPolicy: policy(rules.outbound_policy, 'rules.outbound_policy'),
    version: 1,
    linodes: devices,
  });
  for (const device of devices) {
    const linode = context.linodes.get(String(device));
    if (linode !== undefined) linode.firewallId = firewall.id;
  }
  return jsonResponse(firewallObject(firewall));
}

/** `GET /v4/networking/firewalls/{firewallId}`. */
export function getFirewall(context: LinodeFakeContext, route: RouteContext): Response {
  return jsonResponse(firewallObject(firewallOf(context, route)));
}

/** `PUT /v4/networking/firewalls/{firewallId}`: label, tags or status. */
export async function updateFirewall(context: LinodeFakeContext, route: RouteContext): Promise<Response> {
  const firewall = firewallOf(context, route);
  const body = await route.json<{ label?: unknown; tags?: unknown; status?: unknown }>();
  if (body?.status !== undefined) {
    if (body.status !== 'enabled' && body.status !== 'disabled')
      throw new LinodeRequestError('Must be enabled or disabled', 'status');
    firewall.status = body.status;
  }
  if (body?.tags !== undefined) {
    if (
      !Array.isArray(body.tags) ||
      body.tags.some((tag) => typeof tag !== 'string' || tag.length < 3 || tag.length > 50)
    )
      throw new LinodeRequestError('Length must be 3-50 characters', 'tags');
    firewall.tags = [...new Set(body.tags as string[])];
  }
  if (typeof body?.label === 'string') firewall.label = body.label;
  firewall.updated = context.now();
  return jsonResponse(firewallObject(firewall));
}

/** `PUT /v4/networking/firewalls/{firewallId}/rules`: replaces the rules; the version goes up. */
export async function replaceRules(context: LinodeFakeContext, route: RouteContext): Promise<Response> {
  const firewall = firewallOf(context, route);
  const body = (await route.json<RulesBody>()) ?? {};
  firewall.inbound = checkRules(body.inbound, 'inbound');
  firewall.outbound = checkRules(body.outbound, 'outbound');
  if (body.inbound_policy !== undefined)
    firewall.inboundPolicy = policy(body.inbound_policy, 'inbound_policy');
  if (body.outbound_policy !== undefined)
    firewall.outboundPolicy = policy(body.outbound_policy, 'outbound_policy');
  firewall.version += 1;
  firewall.updated = context.now();
  return jsonResponse(rulesObject(firewall));
}

/** `GET /v4/networking/firewalls/{firewallId}/devices`. */
export function listDevices(context: LinodeFakeContext, route: RouteContext): Response {
  const firewall = firewallOf(context, route);
  const devices = firewall.linodes.map((linodeId, index) => ({
    id: Number(firewall.id) * 100 + index,
    created: firewall.created,
    updated: firewall.updated,
    entity: {
      id: linodeId,
      type: 'linode',
      label: context.linodes.get(String(linodeId))?.label ?? '',
      url: `/v4/linode/instances/${linodeId}`,
    },
  }));
  return jsonResponse(page(devices, route.url, context.maxPageSize));
}

/** `GET /v4/linode/instances/{linodeId}/firewalls`: the firewalls assigned to it, enabled or not; 404 for no Linode. */
export function listLinodeFirewalls(context: LinodeFakeContext, route: RouteContext): Response {
  const linodeId = route.params.linodeId ?? '';
  if (context.linodes.get(linodeId) === undefined) throw new LinodeRequestError('Not found', undefined, 404);
  const assigned = context.firewalls
    .values()
    .filter((firewall) => firewall.linodes.includes(Number(linodeId)))
    .map(firewallObject);
  return jsonResponse(page(assigned, route.url, context.maxPageSize));
}

/** `DELETE /v4/networking/firewalls/{firewallId}`: `{}`; its devices lose it at once. */
export function deleteFirewall(context: LinodeFakeContext, route: RouteContext): Response {
  const firewall = firewallOf(context, route);
  for (const linodeId of firewall.linodes) {
    const linode = context.linodes.get(String(linodeId));
    if (linode !== undefined) linode.firewallId = undefined;
  }
  context.firewalls.delete(firewall.id);
  return jsonResponse({});
}

/** What reaches a Linode through its firewall from anywhere: the ACCEPT rules open to all, as port ranges. */
export function openInbound(
  firewall: LinodeFakeFirewall,
): Array<{ from: number; to: number; protocol: 'tcp' | 'udp' }> {
  const open: Array<{ from: number; to: number; protocol: 'tcp' | 'udp' }> = [];
  const everywhere = (rule: FirewallRule) =>
    (rule.addresses.ipv4 ?? []).includes('0.0.0.0/0') || (rule.addresses.ipv6 ?? []).includes('::/0');
  for (const rule of firewall.inbound) {
    if (rule.action !== 'ACCEPT' || !everywhere(rule) || (rule.protocol !== 'TCP' && rule.protocol !== 'UDP'))
      continue;
    const protocol = rule.protocol === 'TCP' ? 'tcp' : 'udp';
    const pieces = rule.ports === undefined || rule.ports === null ? ['1-65535'] : rule.ports.split(',');
    for (const piece of pieces) {
      const [from = 0, to = from] = piece.trim().split('-').map(Number);
      open.push({ from, to, protocol });
    }
  }
  if (firewall.inboundPolicy === 'ACCEPT')
    return [
      { from: 1, to: 65535, protocol: 'tcp' },
      { from: 1, to: 65535, protocol: 'udp' },
    ];
  return open;
}
