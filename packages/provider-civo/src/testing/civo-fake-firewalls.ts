import type { InboundRuleState } from '@provision/testkit/contract-fake';
import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { defaultNetworkId } from './civo-fake-catalog.js';
import { defaultFirewallId, regionOf } from './civo-fake-instances.js';
import type { CivoFakeFirewall, CivoFakeInstance, CivoFakeRule } from './civo-fake-records.js';
import { jsonResponse, paramsOf } from './civo-fake-wire.js';

/** What the firewall routes share with the fake. */
export interface FirewallContext {
  readonly instances: ResourceStore<CivoFakeInstance>;
  readonly firewalls: ResourceStore<CivoFakeFirewall>;
  nextFirewallId(): string;
  nextRuleId(): string;
  fail(status: number, code: string, reason: string): never;
}

// What Civo adds to a firewall created without `create_rules: false` (civogo's IsUsingDefaultRules).
const DEFAULT_PORTS = ['22', '80', '443'];

function instanceCount(context: FirewallContext, firewallId: string): number {
  return context.instances.values().filter((instance) => instance.firewallId === firewallId).length;
}

function firewallObject(context: FirewallContext, firewall: CivoFakeFirewall) {
  return {
    id: firewall.id,
    name: firewall.name,
    rules_count: firewall.rules.length,
    instance_count: instanceCount(context, firewall.id),
    cluster_count: 0,
    loadbalancer_count: 0,
    network_id: firewall.networkId,
  };
}

function ruleObject(firewall: Pick<CivoFakeFirewall, 'id'>, rule: CivoFakeRule) {
  const ports = rule.start_port === rule.end_port ? rule.start_port : `${rule.start_port}-${rule.end_port}`;
  return { ...rule, firewall_id: firewall.id, ports };
}

async function params(context: FirewallContext, route: RouteContext): Promise<Record<string, unknown>> {
  return paramsOf(route.request, route.url).catch(() =>
    context.fail(400, 'parameter_invalid', 'The request body could not be read'),
  );
}

function firewallOf(context: FirewallContext, route: RouteContext, region: string): CivoFakeFirewall {
  const firewall = context.firewalls.get(route.params.id ?? '');
  if (firewall === undefined || firewall.region !== region)
    context.fail(
      404,
      'database_firewall_not_found',
      'Failed to find the firewall within the internal database',
    );
  return firewall;
}

const PORT = /^\d{1,5}$/;

/** A rule from a request's fields, checked; `fail`s on what Civo would refuse. */
function ruleFrom(context: FirewallContext, fields: Record<string, unknown>): CivoFakeRule {
  const protocol = String(fields.protocol ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'icmp'].includes(protocol))
    context.fail(400, 'database_firewall_rules_invalid_params', 'The protocol must be tcp, udp or icmp');
  let start = fields.start_port === undefined ? '' : String(fields.start_port);
  let end = fields.end_port === undefined ? start : String(fields.end_port);
  if (typeof fields.ports === 'string' && fields.ports !== '')
    [start = '', end = start] = fields.ports.split('-');
  if (protocol !== 'icmp') {
    if (
      !PORT.test(start) ||
      !PORT.test(end) ||
      Number(start) < 1 ||
      Number(end) > 65535 ||
      Number(start) > Number(end)
    )
      context.fail(400, 'parameter_start_port_missing', "The start port wasn't supplied or is out of range");
  }
  const cidr = typeof fields.cidr === 'string' ? fields.cidr.split(',') : (fields.cidr ?? ['0.0.0.0/0']);
  if (!Array.isArray(cidr) || !cidr.every((entry) => typeof entry === 'string'))
    context.fail(400, 'database_firewall_rules_invalid_params', 'cidr must be a list of CIDR blocks');
  const direction = String(fields.direction ?? 'ingress');
  if (direction !== 'ingress' && direction !== 'egress')
    context.fail(400, 'database_firewall_rules_invalid_params', 'direction must be ingress or egress');
  const action = String(fields.action ?? 'allow');
  if (action !== 'allow' && action !== 'deny')
    context.fail(400, 'database_firewall_rules_invalid_params', 'action must be allow or deny');
  return {
    id: context.nextRuleId(),
    protocol,
    start_port: start,
    end_port: end,
    cidr: [...(cidr as string[])],
    direction,
    action,
    label: typeof fields.label === 'string' ? fields.label : '',
  };
}

/** `GET /v2/firewalls?region=`: every firewall of the region, its default one first (a plain array). */
export function listFirewalls(context: FirewallContext, route: RouteContext): Response {
  const region = regionOf(context, Object.fromEntries(route.url.searchParams));
  const defaultId = defaultFirewallId(region);
  const builtIn = {
    id: defaultId,
    name: `Default (all open) - ${region}`,
    rules_count: 0,
    instance_count: instanceCount(context, defaultId),
    cluster_count: 0,
    loadbalancer_count: 0,
    network_id: defaultNetworkId(region),
  };
  const own = context.firewalls.values().filter((firewall) => firewall.region === region);
  return jsonResponse([builtIn, ...own.map((firewall) => firewallObject(context, firewall))]);
}

/**
 * `POST /v2/firewalls`: `{ result, id, name }`. Names are unique per account (409). Without
 * `create_rules: false` Civo adds its default rules; `rules` are added as given.
 */
export async function createFirewall(context: FirewallContext, route: RouteContext): Promise<Response> {
  const fields = await params(context, route);
  const region = regionOf(context, fields);
  const { name, network_id: networkId } = fields;
  if (typeof name !== 'string' || name === '')
    context.fail(400, 'parameter_name_invalid', 'The name supplied was empty');
  if (networkId !== defaultNetworkId(region))
    context.fail(
      400,
      'database_network_not_found',
      'Failed to find the network within the internal database',
    );
  if (context.firewalls.values().some((firewall) => firewall.name === name))
    context.fail(409, 'database_firewall_duplicate_name', 'A firewall with this name already exists');
  const given = fields.rules ?? [];
  if (!Array.isArray(given))
    context.fail(400, 'database_firewall_rules_invalid_params', 'rules must be a list');
  const createRules = fields.create_rules !== false && fields.create_rules !== 'false';
  const rules = [
    ...(createRules
      ? DEFAULT_PORTS.map((port) =>
          ruleFrom(context, { protocol: 'tcp', start_port: port, label: 'default' }),
        )
      : []),
    ...given.map((rule: unknown) => ruleFrom(context, (rule ?? {}) as Record<string, unknown>)),
  ];
  const firewall = context.firewalls.set({ id: context.nextFirewallId(), name, region, networkId, rules });
  return jsonResponse({ result: 'success', id: firewall.id, name: firewall.name });
}

/** `PUT /v2/firewalls/:id`: renames it. */
export async function renameFirewall(context: FirewallContext, route: RouteContext): Promise<Response> {
  const fields = await params(context, route);
  const firewall = firewallOf(context, route, regionOf(context, fields));
  if (typeof fields.name !== 'string' || fields.name === '')
    context.fail(400, 'parameter_name_invalid', 'The name supplied was empty');
  if (context.firewalls.values().some((other) => other.name === fields.name && other.id !== firewall.id))
    context.fail(409, 'database_firewall_duplicate_name', 'A firewall with this name already exists');
  firewall.name = fields.name;
  return jsonResponse({ result: 'success', id: firewall.id, name: firewall.name });
}

/** `DELETE /v2/firewalls/:id?region=`: refused (400) while an instance uses it. */
export function deleteFirewall(context: FirewallContext, route: RouteContext): Response {
  const region = regionOf(context, Object.fromEntries(route.url.searchParams));
  const firewall = firewallOf(context, route, region);
  if (instanceCount(context, firewall.id) > 0)
    context.fail(
      400,
      'database_firewall_delete_failed',
      'The firewall is in use by instances and could not be deleted',
    );
  context.firewalls.delete(firewall.id);
  return jsonResponse({ result: 'success' });
}

/** `GET /v2/firewalls/:id/rules?region=`: a plain array. */
export function listRules(context: FirewallContext, route: RouteContext): Response {
  const region = regionOf(context, Object.fromEntries(route.url.searchParams));
  const firewall = firewallOf(context, route, region);
  return jsonResponse(firewall.rules.map((rule) => ruleObject(firewall, rule)));
}

/** `POST /v2/firewalls/:id/rules`: the rule. */
export async function createRule(context: FirewallContext, route: RouteContext): Promise<Response> {
  const fields = await params(context, route);
  const firewall = firewallOf(context, route, regionOf(context, fields));
  const rule = ruleFrom(context, fields);
  firewall.rules.push(rule);
  return jsonResponse(ruleObject(firewall, rule));
}

/** `DELETE /v2/firewalls/:id/rules/:rule_id?region=`. */
export function deleteRule(context: FirewallContext, route: RouteContext): Response {
  const region = regionOf(context, Object.fromEntries(route.url.searchParams));
  const firewall = firewallOf(context, route, region);
  if (!firewall.rules.some((rule) => rule.id === route.params.rule_id))
    context.fail(404, 'database_firewall_rules_find', 'Failed to find the firewall rule');
  firewall.rules = firewall.rules.filter((rule) => rule.id !== route.params.rule_id);
  return jsonResponse({ result: 'success' });
}

/**
 * What the internet can reach on an instance: its own firewall's TCP/UDP ingress rules that allow
 * every address, merged; `undefined` on the network's default firewall (open to all).
 */
export function inboundRulesOf(context: FirewallContext, instanceId: string): InboundRuleState[] | undefined {
  const instance = context.instances.get(instanceId);
  const firewall = instance === undefined ? undefined : context.firewalls.get(instance.firewallId);
  if (firewall === undefined) return undefined;
  const seen = new Map<string, InboundRuleState>();
  for (const rule of firewall.rules) {
    if (rule.direction !== 'ingress' || rule.action !== 'allow' || !rule.cidr.includes('0.0.0.0/0')) continue;
    if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') continue;
    const from = Number(rule.start_port);
    const to = Number(rule.end_port);
    seen.set(`${rule.protocol}${from}-${to}`, { from, to, protocol: rule.protocol });
  }
  return [...seen.values()].sort((a, b) => a.from - b.from || a.protocol.localeCompare(b.protocol));
}
