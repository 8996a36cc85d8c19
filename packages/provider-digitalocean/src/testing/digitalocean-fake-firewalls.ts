import { isIP } from 'node:net';
import type { RouteContext } from '@provision/testkit/fake-cloud';
import {
  ERROR_ID,
  ERROR_MESSAGE,
  fakeUuid,
  jsonResponse,
  noContent,
  paginate,
} from './digitalocean-fake-http.js';
import type {
  DigitalOceanFakeContext,
  DigitalOceanFakeFirewall,
  FirewallRuleRecord,
} from './digitalocean-fake-records.js';

// `firewalls/models/firewall.yml`: starts alphanumeric, then alphanumerics, periods or dashes.
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9.-]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TARGET_FIELDS = ['addresses', 'droplet_ids', 'load_balancer_uids', 'kubernetes_ids', 'tags'] as const;

/** An inbound TCP or UDP port range, normalised (`'all'`/`'0'` become 1-65535). */
export interface NormalizedInboundRule {
  from: number;
  to: number;
  protocol: 'tcp' | 'udp';
}

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validAddress(address: unknown): boolean {
  if (typeof address !== 'string') return false;
  const [host = '', prefix, ...rest] = address.split('/');
  const family = isIP(host);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parses `ports` as the description defines it: one port, `"8000-9000"`, or `"0"` (all); `"all"` is accepted too. */
function parsePorts(ports: string): { from: number; to: number } | undefined {
  if (ports === '0' || ports === 'all') return { from: 1, to: 65535 };
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(ports);
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from >= 1 && to <= 65535 && from <= to ? { from, to } : undefined;
}

function checkRule(
  context: DigitalOceanFakeContext,
  rule: unknown,
  targetsField: 'sources' | 'destinations',
): FirewallRuleRecord {
  const reject = (message: string): never => context.fail(422, ERROR_ID.unprocessable, message);
  if (!isObject(rule)) return reject('Each firewall rule must be an object.');
  const protocol = rule.protocol;
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp')
    return reject('protocol must be one of: tcp, udp, icmp.');
  let ports = '0';
  if (protocol !== 'icmp') {
    // For ICMP the description says ports "will always return "0""; for TCP/UDP they are required.
    if (typeof rule.ports !== 'string' || parsePorts(rule.ports) === undefined) {
      return reject('ports must be a port, a range such as "8000-9000", "0" or "all".');
    }
    ports = rule.ports === 'all' ? '0' : rule.ports;
  }
  const targets = rule[targetsField];
  if (!isObject(targets)) return reject(`Each rule needs ${targetsField}.`);
  const record: FirewallRuleRecord['targets'] = {};
  for (const field of TARGET_FIELDS) {
    const value = targets[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) return reject(`${targetsField}.${field} must be an array.`);
    if (field === 'addresses' && !value.every(validAddress)) return reject('invalid address');
    if (field === 'droplet_ids' && !value.every(Number.isInteger))
      return reject(`${targetsField}.droplet_ids must be integers.`);
    if (field !== 'droplet_ids' && !value.every((entry) => typeof entry === 'string')) {
      return reject(`${targetsField}.${field} must be strings.`);
    }
    if (value.length > 0) Object.assign(record, { [field]: [...value] });
  }
  if (Object.keys(record).length === 0)
    return reject(`Each rule needs at least one of ${targetsField}: ${TARGET_FIELDS.join(', ')}.`);
  return { protocol, ports, targets: record };
}

function checkRules(
  context: DigitalOceanFakeContext,
  value: unknown,
  targetsField: 'sources' | 'destinations',
): FirewallRuleRecord[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) context.fail(422, ERROR_ID.unprocessable, 'Firewall rules must be an array.');
  return value.map((rule) => checkRule(context, rule, targetsField));
}

/** The firewall JSON of `resources/firewalls/models/firewall.yml`. */
export function firewallObject(firewall: DigitalOceanFakeFirewall): Record<string, unknown> {
  const rule = (entry: FirewallRuleRecord, targetsField: 'sources' | 'destinations') => ({
    protocol: entry.protocol,
    ports: entry.ports,
    [targetsField]: structuredClone(entry.targets),
  });
  return {
    id: firewall.id,
    name: firewall.name,
    status: firewall.status,
    inbound_rules: firewall.inboundRules.map((entry) => rule(entry, 'sources')),
    outbound_rules: firewall.outboundRules.map((entry) => rule(entry, 'destinations')),
    created_at: firewall.createdAt,
    droplet_ids: [...firewall.dropletIds],
    tags: [...firewall.tags],
    pending_changes:
      firewall.status === 'waiting'
        ? firewall.dropletIds.map((dropletId) => ({
            droplet_id: dropletId,
            removing: false,
            status: 'waiting',
          }))
        : [],
  };
}

/** Counts a read: a firewall being applied (`waiting`) has `succeeded` after `readsUntilActive` reads. */
function observeFirewall(
  context: DigitalOceanFakeContext,
  firewall: DigitalOceanFakeFirewall,
): DigitalOceanFakeFirewall {
  if (firewall.status === 'waiting' && context.lifecycle.read(`firewall:${firewall.id}`))
    firewall.status = 'succeeded';
  return firewall;
}

function lookupFirewall(context: DigitalOceanFakeContext, route: RouteContext): DigitalOceanFakeFirewall {
  const raw = route.params.firewall_id ?? '';
  const firewall = UUID_PATTERN.test(raw) ? context.firewalls.get(raw.toLowerCase()) : undefined;
  if (firewall === undefined) context.fail(404, ERROR_ID.notFound, ERROR_MESSAGE.notFound);
  return firewall;
}

/** What a create or a full update sets: the firewall's writable attributes, checked. */
interface FirewallAttributes {
  name: string;
  dropletIds: number[];
  tags: string[];
  inboundRules: FirewallRuleRecord[];
  outboundRules: FirewallRuleRecord[];
}

/**
 * Checks a create or update body (`models/firewall.yml`, name required, at least one rule) and
 * returns what it sets; attributes left out take their defaults (no Droplets, tags or rules).
 * Validation failures answer 422 `unprocessable_entity` (what the live API sends for a bad name or
 * address; the description lists only 400, which the fake keeps for a body that is not JSON); a
 * name another firewall has answers 409 `conflict` "duplicate name", as the live API does. Unknown
 * `droplet_ids` or `tags` answer 422 (the description says tags "must exist"; for Droplets it says
 * nothing, the fake's choice).
 */
function checkAttributes(context: DigitalOceanFakeContext, body: unknown, self?: string): FirewallAttributes {
  const reject = (message: string): never => context.fail(422, ERROR_ID.unprocessable, message);
  if (!isObject(body)) return reject('request payload validation failed');
  const name = body.name;
  if (typeof name !== 'string' || name === '') return reject('name is required.');
  if (!NAME_PATTERN.test(name)) {
    return reject(
      'name must start with a letter or digit and contain only letters, digits, periods and dashes.',
    );
  }
  const inboundRules = checkRules(context, body.inbound_rules, 'sources');
  const outboundRules = checkRules(context, body.outbound_rules, 'destinations');
  if (inboundRules.length + outboundRules.length === 0)
    reject('A firewall needs at least one inbound or outbound rule.');
  const dropletIds = body.droplet_ids ?? [];
  if (!Array.isArray(dropletIds) || !dropletIds.every(Number.isInteger))
    reject('droplet_ids must be an array of integers.');
  for (const dropletId of dropletIds as number[]) {
    if (!context.droplets.has(String(dropletId))) reject(`Droplet ${dropletId} could not be found.`);
  }
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    reject('tags must be an array of strings.');
  for (const tag of tags as string[])
    if (!context.knownTags.has(tag)) reject(`Tag ${tag} could not be found.`);
  if (context.firewalls.values().some((firewall) => firewall.name === name && firewall.id !== self)) {
    context.fail(409, ERROR_ID.conflict, 'duplicate name');
  }
  return {
    name,
    dropletIds: [...new Set(dropletIds as number[])],
    tags: [...new Set(tags as string[])],
    inboundRules,
    outboundRules,
  };
}

/** POST /v2/firewalls (`firewalls_create`): 202 `{ firewall }`; errors as `checkAttributes` says. */
export async function createFirewall(
  context: DigitalOceanFakeContext,
  route: RouteContext,
): Promise<Response> {
  const attributes = checkAttributes(context, await route.json<unknown>());
  const counter = Number(context.firewalls.nextId());
  const attached = attributes.dropletIds.length > 0 || attributes.tags.length > 0;
  const firewall = context.firewalls.set({
    id: fakeUuid('f1e3a11d', counter),
    status: attached ? 'waiting' : 'succeeded',
    createdAt: context.now(),
    ...attributes,
  });
  return jsonResponse({ firewall: firewallObject(firewall) }, 202);
}

/**
 * PUT /v2/firewalls/{firewall_id} (`firewalls_update`): 200 `{ firewall }`. The body is "a full
 * representation of the firewall": every writable attribute it leaves out is reset to its default
 * (no Droplets, no tags, no rules), and it is checked as a create is (name required, at least one
 * rule). The id and creation time stay; a firewall that guards something is `waiting` again until
 * the change is applied.
 */
export async function updateFirewall(
  context: DigitalOceanFakeContext,
  route: RouteContext,
): Promise<Response> {
  const existing = lookupFirewall(context, route);
  const attributes = checkAttributes(context, await route.json<unknown>(), existing.id);
  const attached = attributes.dropletIds.length > 0 || attributes.tags.length > 0;
  Object.assign(existing, attributes, { status: attached ? 'waiting' : 'succeeded' });
  if (attached) context.lifecycle.restart(`firewall:${existing.id}`);
  return jsonResponse({ firewall: firewallObject(existing) });
}

/** GET /v2/firewalls (`firewalls_list`), paginated like every collection. */
export function listFirewalls(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const firewalls = context.firewalls.values().map((firewall) => observeFirewall(context, firewall));
  const page = paginate(firewalls, route.url);
  return jsonResponse({ firewalls: page.items.map(firewallObject), links: page.links, meta: page.meta });
}

/** GET /v2/firewalls/{firewall_id} (`firewalls_get`). */
export function getFirewall(context: DigitalOceanFakeContext, route: RouteContext): Response {
  const firewall = observeFirewall(context, lookupFirewall(context, route));
  return jsonResponse({ firewall: firewallObject(firewall) });
}

/** DELETE /v2/firewalls/{firewall_id} (`firewalls_delete`): 204 with no body, gone at once. */
export function deleteFirewall(context: DigitalOceanFakeContext, route: RouteContext): Response {
  context.firewalls.delete(lookupFirewall(context, route).id);
  return noContent(false);
}

function openToInternet(rule: FirewallRuleRecord): boolean {
  return (rule.targets.addresses ?? []).some((address) => address === '0.0.0.0/0' || address === '::/0');
}

/**
 * What the internet can reach on a Droplet: the TCP/UDP inbound rules open to `0.0.0.0/0` or `::/0`
 * of every firewall applied to it (by id or by one of its tags), deduplicated and sorted.
 * `undefined` when no firewall applies (DigitalOcean's default: everything open).
 */
export function inboundRulesOf(
  context: DigitalOceanFakeContext,
  dropletId: string,
): NormalizedInboundRule[] | undefined {
  const droplet = context.droplets.get(dropletId);
  if (droplet === undefined) return undefined;
  const applied = context.firewalls
    .values()
    .filter(
      (firewall) =>
        firewall.dropletIds.includes(Number(dropletId)) ||
        firewall.tags.some((tag) => droplet.tags.includes(tag)),
    );
  if (applied.length === 0) return undefined;
  const rules = new Map<string, NormalizedInboundRule>();
  for (const rule of applied.flatMap((firewall) => firewall.inboundRules)) {
    if (rule.protocol === 'icmp' || !openToInternet(rule)) continue;
    const range = parsePorts(rule.ports);
    if (range === undefined) continue;
    rules.set(`${rule.protocol}/${range.from}-${range.to}`, { ...range, protocol: rule.protocol });
  }
  return [...rules.values()].sort(
    (left, right) =>
      left.protocol.localeCompare(right.protocol) || left.from - right.from || left.to - right.to,
  );
}
