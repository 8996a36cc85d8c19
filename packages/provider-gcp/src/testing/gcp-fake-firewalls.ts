import type { RouteContext } from '@provision/testkit/fake-cloud';
import { checkProject, type GcpFakeContext, operationBody, startOperation } from './gcp-fake-context.js';
import { gcpErrors, json, LINK_ROOT, matchesFilter, NAME, page, segment } from './gcp-fake-http.js';
import type { GcpFakeFirewall } from './gcp-fake-records.js';

type Entry = { IPProtocol: string; ports?: string[] };

/**
 * The rules every auto-mode `default` network starts with, not made by provision (and so not in
 * the fake's stores or leftovers): SSH, RDP and ICMP from anywhere, everything from inside.
 * https://cloud.google.com/vpc/docs/firewalls#more_rules_default_vpc
 */
export function defaultNetworkRules(project: string): GcpFakeFirewall[] {
  const rule = (name: string, allowed: Entry[], sourceRanges: string[]): GcpFakeFirewall => ({
    id: name,
    numericId: String(7000 + name.length),
    name,
    project,
    description: `Allow ${name.replace('default-allow-', '')} for the default network`,
    network: 'default',
    priority: 65534,
    direction: 'INGRESS',
    sourceRanges,
    targetTags: undefined,
    allowed,
    denied: undefined,
    creationTimestamp: '2026-01-01T00:00:00.000-08:00',
  });
  return [
    rule('default-allow-icmp', [{ IPProtocol: 'icmp' }], ['0.0.0.0/0']),
    rule(
      'default-allow-internal',
      [
        { IPProtocol: 'tcp', ports: ['0-65535'] },
        { IPProtocol: 'udp', ports: ['0-65535'] },
        { IPProtocol: 'icmp' },
      ],
      ['10.128.0.0/9'],
    ),
    rule('default-allow-rdp', [{ IPProtocol: 'tcp', ports: ['3389'] }], ['0.0.0.0/0']),
    rule('default-allow-ssh', [{ IPProtocol: 'tcp', ports: ['22'] }], ['0.0.0.0/0']),
  ];
}

/** A rule's wire form (`compute#firewall`). */
export function firewallObject(rule: GcpFakeFirewall): Record<string, unknown> {
  return {
    kind: 'compute#firewall',
    id: rule.numericId,
    creationTimestamp: rule.creationTimestamp,
    name: rule.name,
    description: rule.description,
    network: `${LINK_ROOT}/projects/${rule.project}/global/networks/${rule.network}`,
    priority: rule.priority,
    direction: rule.direction,
    sourceRanges: rule.sourceRanges,
    ...(rule.targetTags === undefined ? {} : { targetTags: rule.targetTags }),
    ...(rule.allowed === undefined ? {} : { allowed: rule.allowed }),
    ...(rule.denied === undefined ? {} : { denied: rule.denied }),
    logConfig: { enable: false },
    disabled: false,
    selfLink: `${LINK_ROOT}/projects/${rule.project}/global/firewalls/${rule.name}`,
  };
}

const PROTOCOLS = /^(tcp|udp|icmp|esp|ah|sctp|ipip|all|\d{1,3})$/;
const PORTS = /^\d{1,5}(-\d{1,5})?$/;

function entries(value: unknown, field: string): Entry[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) gcpErrors.fail('invalid', `Invalid value for field 'resource.${field}'.`);
  return value.map((entry: { IPProtocol?: unknown; ports?: unknown }, index) => {
    if (typeof entry.IPProtocol !== 'string' || !PROTOCOLS.test(entry.IPProtocol))
      gcpErrors.fail('invalid', `Invalid value for field 'resource.${field}[${index}].IPProtocol'.`);
    const ports = entry.ports;
    if (
      ports !== undefined &&
      (!Array.isArray(ports) || ports.some((port) => typeof port !== 'string' || !PORTS.test(port)))
    )
      gcpErrors.fail('invalid', `Invalid value for field 'resource.${field}[${index}].ports'.`);
    return { IPProtocol: entry.IPProtocol, ...(ports === undefined ? {} : { ports: ports as string[] }) };
  });
}

/** `firewalls.insert`: the rule exists at once; the global operation answers DONE. */
export async function insertFirewall(context: GcpFakeContext, route: RouteContext): Promise<Response> {
  const project = checkProject(context, route);
  const body = await route.json<Record<string, unknown>>();
  if (typeof body.name !== 'string' || !NAME.test(body.name))
    gcpErrors.fail('invalid', "Invalid value for field 'resource.name'.");
  const name = body.name;
  const network = typeof body.network === 'string' ? segment(body.network) : 'default';
  if (network !== 'default') gcpErrors.fail('notFound', `projects/${project}/global/networks/${network}`);
  const allowed = entries(body.allowed, 'allowed');
  const denied = entries(body.denied, 'denied');
  if ((allowed === undefined) === (denied === undefined))
    gcpErrors.fail(
      'invalid',
      "Invalid value for field 'resource': exactly one of 'allowed' and 'denied' must be given.",
    );
  const direction = body.direction ?? 'INGRESS';
  if (direction !== 'INGRESS' && direction !== 'EGRESS')
    gcpErrors.fail('invalid', "Invalid value for field 'resource.direction'.");
  const priority = body.priority ?? 1000;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535)
    gcpErrors.fail('invalid', "Invalid value for field 'resource.priority'.");
  const targetTags = body.targetTags as unknown;
  if (
    targetTags !== undefined &&
    (!Array.isArray(targetTags) || targetTags.some((tag) => typeof tag !== 'string' || !NAME.test(tag)))
  )
    gcpErrors.fail('invalid', "Invalid value for field 'resource.targetTags'.");
  const path = `projects/${project}/global/firewalls/${name}`;
  if (context.firewalls.has(name) || defaultNetworkRules(project).some((rule) => rule.name === name))
    gcpErrors.fail('alreadyExists', path);
  const rule: GcpFakeFirewall = {
    id: name,
    numericId: context.nextNumericId(),
    name,
    project,
    description: typeof body.description === 'string' ? body.description : '',
    network,
    priority,
    direction,
    sourceRanges: Array.isArray(body.sourceRanges) ? (body.sourceRanges as string[]) : ['0.0.0.0/0'],
    targetTags: targetTags as string[] | undefined,
    allowed,
    denied,
    creationTimestamp: context.now().toISOString().replace('Z', '-00:00'),
  };
  context.firewalls.set(rule);
  const operation = startOperation(context, {
    kind: 'insert',
    zone: undefined,
    targetLink: `${LINK_ROOT}/${path}`,
    targetId: rule.numericId,
    done: true,
  });
  return json(operationBody(context, operation));
}

function findRule(context: GcpFakeContext, route: RouteContext): GcpFakeFirewall {
  const project = checkProject(context, route);
  const name = route.params.firewall ?? '';
  const rule =
    context.firewalls.get(name) ?? defaultNetworkRules(project).find((entry) => entry.name === name);
  if (rule === undefined) gcpErrors.fail('notFound', `projects/${project}/global/firewalls/${name}`);
  return rule;
}

/** `firewalls.get`. */
export function getFirewall(context: GcpFakeContext, route: RouteContext): Response {
  return json(firewallObject(findRule(context, route)));
}

/** `firewalls.delete`: gone at once; the global operation answers DONE. */
export function deleteFirewall(context: GcpFakeContext, route: RouteContext): Response {
  const rule = findRule(context, route);
  context.firewalls.delete(rule.name);
  const operation = startOperation(context, {
    kind: 'delete',
    zone: undefined,
    targetLink: `${LINK_ROOT}/projects/${rule.project}/global/firewalls/${rule.name}`,
    targetId: rule.numericId,
    done: true,
  });
  return json(operationBody(context, operation));
}

/** `firewalls.patch`: the fields given replace the stored ones (here: the description and the source ranges). */
export async function patchFirewall(context: GcpFakeContext, route: RouteContext): Promise<Response> {
  const rule = findRule(context, route);
  if (!context.firewalls.has(rule.name))
    gcpErrors.fail('invalid', `The resource '${rule.name}' cannot be changed.`);
  const body = await route.json<Record<string, unknown>>();
  if (body.name !== undefined && body.name !== rule.name)
    gcpErrors.fail('invalid', "Invalid value for field 'resource.name'.");
  if (body.description !== undefined) {
    if (typeof body.description !== 'string')
      gcpErrors.fail('invalid', "Invalid value for field 'resource.description'.");
    rule.description = body.description;
  }
  if (body.sourceRanges !== undefined) {
    if (!Array.isArray(body.sourceRanges))
      gcpErrors.fail('invalid', "Invalid value for field 'resource.sourceRanges'.");
    rule.sourceRanges = body.sourceRanges as string[];
  }
  const operation = startOperation(context, {
    kind: 'patch',
    zone: undefined,
    targetLink: `${LINK_ROOT}/projects/${rule.project}/global/firewalls/${rule.name}`,
    targetId: rule.numericId,
    done: true,
  });
  return json(operationBody(context, operation));
}

/** `firewalls.list`, the default network's rules included, in name order. */
export function listFirewalls(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const filter = route.url.searchParams.get('filter');
  const rules = [...defaultNetworkRules(project), ...context.firewalls.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(firewallObject)
    .filter((rule) => matchesFilter(rule, filter));
  const selected = page(rules, route.url, context.pageCap());
  return json({
    kind: 'compute#firewallList',
    id: `projects/${project}/global/firewalls`,
    items: selected.items,
    ...(selected.nextPageToken === undefined ? {} : { nextPageToken: selected.nextPageToken }),
    selfLink: `${LINK_ROOT}/projects/${project}/global/firewalls`,
  });
}
