import type { CallOptions, Operation, ResolvedHostSpec } from '@provision/core';
import {
  deleteResource,
  ensureSecondaryResource,
  getIfFound,
  hasProviderCode,
  type JsonClient,
  type RemovalOutcome,
} from '@provision/provider-utils';
import { type Firewall, firewallSchema } from './gcp-api.js';
import { firewallDescription, firewallNameOf, readFirewallDescription } from './gcp-names.js';

/** The VPC network every host is put on: the project's auto-mode `default` network. */
export const NETWORK = 'global/networks/default';

/** Priority of the per-host allow rule; the deny rule comes right after (lower numbers win). */
const ALLOW_PRIORITY = 1000;
const DENY_PRIORITY = 1001;

/** The deny rule's name beside the allow rule's: `provision-<identity>-deny`. */
export function denyRuleName(allowName: string): string {
  return `${allowName}-deny`;
}

/** The rule names of the host an instance name holds: the allow rule, and the deny rule when one is made. */
export function firewallRuleNames(instance: string): [allow: string, deny: string] {
  const allow = firewallNameOf(instance);
  return [allow, denyRuleName(allow)];
}

/**
 * The rules of a host's `inbound`, both targeting the network tag only its instance carries:
 * - an allow rule for exactly those ports (`allowed[]`: one entry per protocol, `ports` "80" or
 *   "80-85"; `'all'`: tcp and udp without `ports`, every port);
 * - a deny-all rule just below it, because the `default` network's own rules
 *   (`default-allow-ssh`, `-rdp`, `-icmp`, priority 65534) would otherwise open more.
 * Egress stays as the network allows it (all), so package installs work.
 * https://cloud.google.com/firewall/docs/firewalls#default_firewall_rules
 */
export function firewallBodies(
  inbound: NonNullable<ResolvedHostSpec['inbound']>,
  names: { allow: string; deny: string },
  description: string,
): Record<string, unknown>[] {
  const base = {
    description,
    network: NETWORK,
    direction: 'INGRESS',
    sourceRanges: ['0.0.0.0/0'],
    targetTags: [names.allow],
  };
  const byProtocol = new Map<string, string[]>();
  for (const rule of inbound === 'all' ? [] : inbound) {
    const ports = byProtocol.get(rule.protocol) ?? [];
    ports.push(rule.from === rule.to ? String(rule.from) : `${rule.from}-${rule.to}`);
    byProtocol.set(rule.protocol, ports);
  }
  const allowed =
    inbound === 'all'
      ? [{ IPProtocol: 'tcp' }, { IPProtocol: 'udp' }]
      : [...byProtocol].map(([protocol, ports]) => ({ IPProtocol: protocol, ports }));
  return [
    {
      ...base,
      name: names.allow,
      priority: ALLOW_PRIORITY,
      allowed,
    },
    { ...base, name: names.deny, priority: DENY_PRIORITY, denied: [{ IPProtocol: 'all' }] },
  ];
}

/** Whether a stored rule allows or denies what `body` asks, whatever the order of its entries. */
function sameRules(found: Firewall, body: Record<string, unknown>): boolean {
  const entries = (list: unknown) =>
    JSON.stringify(
      ((list ?? []) as { IPProtocol: string; ports?: string[] | null }[])
        .map((entry) => `${entry.IPProtocol}:${[...(entry.ports ?? [])].sort().join(',')}`)
        .sort(),
    );
  return entries(found.allowed) === entries(body.allowed) && entries(found.denied) === entries(body.denied);
}

/** The filter that lists both rules of a host in one `firewalls.list`. */
export function rulesFilter(instance: string): string {
  return `name eq "${firewallRuleNames(instance)[0]}(-deny)?"`;
}

const firewallPath = (project: string, name: string) => `/projects/${project}/global/firewalls/${name}`;

/**
 * Makes (or finds) the rules of one host before its instance exists, so the instance is never
 * reachable on a port it did not ask for. Rule names are unique per project: a second insert
 * answers 409 `alreadyExists`, and the rule of that name is adopted when its description names
 * this instance (a concurrent caller, a lost answer). One insert per rule, in parallel; none for
 * a rule of this instance in `present` (the listing of an existing host's rules), which is kept.
 */
export async function ensureFirewallRules(
  client: JsonClient,
  project: string,
  instancePathText: string,
  spec: ResolvedHostSpec,
  instance: string,
  options?: CallOptions,
  present: readonly Firewall[] = [],
): Promise<Firewall[]> {
  const [allow, deny] = firewallRuleNames(instance);
  const description = firewallDescription(spec.owner, spec.name, instancePathText);
  const bodies = firewallBodies(spec.inbound ?? 'all', { allow, deny }, description);
  // A rule of this instance already made is kept as it is, whatever its ports: an existing host
  // is never changed (a repeat with other ports reports them as its `specMismatch`).
  const made = (body: Record<string, unknown>) =>
    present.find(
      (rule) =>
        rule.name === body.name && readFirewallDescription(rule.description)?.instance === instancePathText,
    );
  return Promise.all(
    bodies.map(async (body) => {
      const done = made(body);
      if (done !== undefined) return done;
      const name = body.name as string;
      let leftover: Firewall | undefined;
      const { resource } = await ensureSecondaryResource<Firewall>({
        create: async () => {
          await client.request({
            method: 'POST',
            path: `/projects/${project}/global/firewalls`,
            body,
            operation: 'provision',
            signal: options?.signal,
          });
          return body as unknown as Firewall;
        },
        find: async () => {
          const found = await getIfFound(client, {
            path: firewallPath(project, name),
            operation: 'provision',
            schema: firewallSchema,
            signal: options?.signal,
          });
          if (found === undefined) return undefined;
          const sameHost = readFirewallDescription(found.description)?.instance === instancePathText;
          if (sameHost && sameRules(found, body)) return found;
          leftover = found;
          return undefined;
        },
        nameTaken: (error) => hasProviderCode(error, 'alreadyExists'),
        // A rule this host left with other ports (its instance was removed out of band) is
        // replaced; one made for the same (owner, name) in another zone, or not ours, is left alone.
        reclaim: async () => {
          if (
            leftover === undefined ||
            readFirewallDescription(leftover.description)?.instance !== instancePathText
          )
            return false;
          return (await removeRule(client, project, name, 'provision', options)) !== 'in-use';
        },
        signal: options?.signal,
      });
      return resource;
    }),
  );
}

/** One removal attempt of a rule: absent once the API answers 404, `in-use` when `inUse` says so. */
export function removeRule(
  client: JsonClient,
  project: string,
  name: string,
  operation: Operation,
  options?: CallOptions,
  inUse?: (error: unknown) => boolean,
): Promise<RemovalOutcome> {
  const path = firewallPath(project, name);
  return deleteResource(client, { path, operation, inUse, signal: options?.signal });
}
