import type { RouteContext } from '@provision/testkit/fake-cloud';
import { datacenterObject as datacenterOf, locationObject as locationOf } from './hetzner-fake-catalog.js';
import { compileSelector, hetznerErrors, json, paginate } from './hetzner-fake-http.js';
import type { HetznerFakeContext, HetznerFakeFirewall, HetznerFakeRule } from './hetzner-fake-records.js';
import { actionObject, advance } from './hetzner-fake-server-object.js';
import { checkLabels } from './hetzner-fake-servers.js';

const invalid = (message: string): never => hetznerErrors.fail('invalidInput', message);
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'esp', 'gre'];
const MAX_RULES = 50;

// `port`: one port "80" or a range "80-85", only for tcp and udp.
function checkPort(protocol: string, port: unknown): string | null {
  if (protocol !== 'tcp' && protocol !== 'udp') {
    if (port !== undefined && port !== null) invalid('port is only allowed for tcp and udp');
    return null;
  }
  const match = typeof port === 'string' ? /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(port) : null;
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (match === null || from < 1 || to > 65535 || from > to) invalid('invalid port');
  return port as string;
}

function checkRules(rules: unknown): HetznerFakeRule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules) || rules.length > MAX_RULES) return invalid('invalid rules');
  return rules.map((rule: Record<string, unknown>) => {
    const direction = rule.direction;
    const protocol = String(rule.protocol);
    if ((direction !== 'in' && direction !== 'out') || !PROTOCOLS.includes(protocol))
      return invalid('invalid rule');
    const sources = (rule.source_ips ?? []) as unknown[];
    const destinations = (rule.destination_ips ?? []) as unknown[];
    const ips = direction === 'in' ? sources : destinations;
    if (
      !Array.isArray(ips) ||
      ips.length === 0 ||
      !ips.every((ip) => typeof ip === 'string' && ip.includes('/'))
    )
      return invalid(`${direction === 'in' ? 'source_ips' : 'destination_ips'} must hold CIDR networks`);
    return {
      direction,
      protocol: protocol as HetznerFakeRule['protocol'],
      port: checkPort(protocol, rule.port),
      source_ips: direction === 'in' ? (sources as string[]) : [],
      destination_ips: direction === 'out' ? (destinations as string[]) : [],
      description: typeof rule.description === 'string' ? rule.description : null,
    };
  });
}

/** A firewall as the API answers it (`firewall` in the description). */
export function firewallObject(firewall: HetznerFakeFirewall) {
  return {
    id: Number(firewall.id),
    name: firewall.name,
    labels: firewall.labels,
    created: firewall.created,
    rules: firewall.rules.map((rule) => ({ ...rule, description: rule.description ?? null })),
    applied_to: firewall.servers.map((id) => ({ type: 'server', server: { id } })),
  };
}

function firewallOr404(context: HetznerFakeContext, route: RouteContext): HetznerFakeFirewall {
  // A firewall's `applied_to` is only current once the servers it names have been read.
  for (const server of context.servers.values()) advance(context, server);
  return context.firewalls.get(route.params.id ?? '') ?? hetznerErrors.fail('notFound', 'firewall not found');
}

/** `POST /firewalls`: names are unique; `apply_to` servers must exist. */
export async function createFirewall(context: HetznerFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<Record<string, unknown>>();
  if (typeof body?.name !== 'string' || body.name.length === 0) return invalid('invalid input in field name');
  const labels = checkLabels(body.labels);
  const rules = checkRules(body.rules);
  const targets = (body.apply_to ?? []) as Array<{ type?: string; server?: { id?: number } }>;
  const servers = targets.map((target) => {
    const server = target.type === 'server' ? context.servers.get(String(target.server?.id)) : undefined;
    if (server === undefined || server.status === 'deleting')
      return invalid('server to apply the firewall to not found');
    return Number(server.id);
  });
  if (context.firewalls.values().some((firewall) => firewall.name === body.name))
    return hetznerErrors.fail('uniqueness', 'firewall name');
  const firewall = context.firewalls.set({
    id: context.firewalls.nextId(),
    name: body.name,
    labels,
    rules,
    servers,
    created: context.now(),
  });
  const actions = [
    ...(rules.length > 0
      ? [context.startAction('set_firewall_rules', [{ id: Number(firewall.id), type: 'firewall' }])]
      : []),
    ...servers.map((id) =>
      context.startAction('apply_firewall', [
        { id: Number(firewall.id), type: 'firewall' },
        { id, type: 'server' },
      ]),
    ),
  ];
  // Firewall actions finish at once in the fake: nothing later depends on them.
  for (const action of actions) Object.assign(action, { status: 'success', finished: context.now() });
  return json({ firewall: firewallObject(firewall), actions: actions.map(actionObject) }, 201);
}

/** `GET /firewalls`: `name`, `label_selector`, pagination. */
export function listFirewalls(context: HetznerFakeContext, route: RouteContext): Response {
  for (const server of context.servers.values()) advance(context, server);
  const name = route.url.searchParams.get('name');
  const selector = route.url.searchParams.get('label_selector');
  let matched: HetznerFakeFirewall[];
  try {
    const matches = selector === null ? undefined : compileSelector(selector);
    matched = context.firewalls
      .values()
      .filter(
        (firewall) =>
          (name === null || firewall.name === name) && (matches === undefined || matches(firewall.labels)),
      );
  } catch (error) {
    return invalid((error as Error).message);
  }
  const page = paginate(matched, route.url, context.maxPerPage());
  return json({ firewalls: page.items.map(firewallObject), meta: page.meta });
}

/** `GET /firewalls/{id}`. */
export function getFirewall(context: HetznerFakeContext, route: RouteContext): Response {
  return json({ firewall: firewallObject(firewallOr404(context, route)) });
}

/** `PUT /firewalls/{id}`: a new `name` (still unique) and/or `labels`, which replace the old ones. */
export async function replaceFirewall(context: HetznerFakeContext, route: RouteContext): Promise<Response> {
  const firewall = firewallOr404(context, route);
  const body = await route.json<Record<string, unknown>>();
  if (typeof body !== 'object' || body === null) return invalid('invalid input in body');
  const name = body.name;
  if (name !== undefined && (typeof name !== 'string' || name.length === 0))
    return invalid('invalid input in field name');
  const labels = body.labels === undefined ? undefined : checkLabels(body.labels);
  if (
    name !== undefined &&
    context.firewalls.values().some((other) => other.id !== firewall.id && other.name === name)
  )
    return hetznerErrors.fail('uniqueness', 'firewall name');
  if (name !== undefined) firewall.name = name;
  if (labels !== undefined) firewall.labels = labels;
  return json({ firewall: firewallObject(firewall) });
}

type ResourceAction = 'apply_firewall' | 'remove_firewall';

/**
 * `POST /firewalls/{id}/actions/apply_to_resources` and `.../remove_from_resources`: `apply_to`
 * / `remove_from` servers, each answered by an action (`apply_firewall`, `remove_firewall`),
 * finished at once here. A server that does not exist (or is being deleted) is
 * `firewall_resource_not_found`; applying twice is `firewall_already_applied`; removing a firewall
 * from a server it is not applied to is a no-op, as the reference lists no error for it. Label
 * selector targets are not served (the plugin applies firewalls to servers only).
 */
function resourceAction(command: ResourceAction) {
  const field = command === 'apply_firewall' ? 'apply_to' : 'remove_from';
  return async (context: HetznerFakeContext, route: RouteContext): Promise<Response> => {
    const firewall = firewallOr404(context, route);
    const body = await route.json<Record<string, unknown>>();
    const targets = body?.[field];
    if (!Array.isArray(targets)) return invalid(`invalid input in field ${field}`);
    const servers = (targets as Array<{ type?: unknown; server?: { id?: unknown } }>).map((target) => {
      if (target?.type !== 'server' || !Number.isInteger(target.server?.id))
        return invalid(`invalid input in field ${field}: only server targets are served`);
      const server = context.servers.get(String(target.server?.id));
      if (server === undefined || server.status === 'deleting')
        return hetznerErrors.fail('firewallResourceNotFound');
      const applied = firewall.servers.includes(Number(server.id));
      if (command === 'apply_firewall' && applied) return hetznerErrors.fail('firewallAlreadyApplied');
      return Number(server.id);
    });
    const actions = servers.map((id) => {
      const at = firewall.servers.indexOf(id);
      if (command === 'apply_firewall') firewall.servers.push(id);
      else if (at !== -1) firewall.servers.splice(at, 1);
      const action = context.startAction(command, [
        { id: Number(firewall.id), type: 'firewall' },
        { id, type: 'server' },
      ]);
      return Object.assign(action, { status: 'success', finished: context.now() });
    });
    return json({ actions: actions.map(actionObject) }, 201);
  };
}

export const applyFirewallToResources = resourceAction('apply_firewall');
export const removeFirewallFromResources = resourceAction('remove_firewall');

/** `DELETE /firewalls/{id}`: `resource_in_use` while it is applied to a server. */
export function deleteFirewall(context: HetznerFakeContext, route: RouteContext): Response {
  const firewall = firewallOr404(context, route);
  if (firewall.servers.length > 0) return hetznerErrors.fail('resourceInUse');
  context.firewalls.delete(firewall.id);
  return new Response(null, { status: 204 });
}

/** `GET /primary_ips`: `ip`, `label_selector`, pagination. */
export function listPrimaryIps(context: HetznerFakeContext, route: RouteContext): Response {
  const ip = route.url.searchParams.get('ip');
  const matched = context.primaryIps.values().filter((entry) => ip === null || entry.ip === ip);
  const page = paginate(matched, route.url);
  return json({
    primary_ips: page.items.map((entry) => ({
      id: Number(entry.id),
      name: entry.name,
      type: entry.type,
      ip: entry.ip,
      assignee_id: entry.assigneeId,
      assignee_type: 'server',
      auto_delete: entry.autoDelete,
      blocked: false,
      created: entry.created,
      dns_ptr: [],
      labels: {},
      protection: { delete: false },
      datacenter: datacenterOf(entry.location),
      location: locationOf(entry.location),
    })),
    meta: page.meta,
  });
}
