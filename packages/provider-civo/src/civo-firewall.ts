import type { CallOptions, Logger, Operation, ResolvedHostSpec } from '@provision/core';
import {
  ensureSecondaryResource,
  hasProviderCode,
  type JsonClient,
  type RemovalOutcome,
  removeSecondaryResource,
} from '@provision/provider-utils';
import { type Firewall, type FirewallRule, firewallCreated, firewallList, ruleList } from './civo-api.js';
import { firewallName } from './civo-tags.js';

/** One rule as Civo takes it in `POST /v2/firewalls` (`rules`) and `POST /v2/firewalls/:id/rules`. */
export interface WantedRule {
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  readonly start_port?: string;
  readonly end_port?: string;
  readonly cidr: readonly string[];
  readonly direction: 'ingress' | 'egress';
  readonly action: 'allow';
  readonly label: string;
}

const ANYWHERE = ['0.0.0.0/0'];

/**
 * The rules of a host's firewall: exactly its `inbound` port ranges from anywhere (`'all'`: every
 * TCP and UDP port), and everything outbound (user-data must reach package mirrors). The firewall
 * is created with `create_rules: false`, so Civo adds none of its default rules.
 * https://www.civo.com/api/firewall  (civogo FirewallConfig: `create_rules`, `rules`)
 */
export function wantedRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): WantedRule[] {
  const ranges =
    inbound === 'all'
      ? [
          { protocol: 'tcp' as const, from: 1, to: 65535 },
          { protocol: 'udp' as const, from: 1, to: 65535 },
        ]
      : inbound.map((range) => ({ protocol: range.protocol ?? 'tcp', from: range.from, to: range.to }));
  const inboundRules = ranges.map(
    (range): WantedRule => ({
      protocol: range.protocol,
      start_port: String(range.from),
      end_port: String(range.to),
      cidr: ANYWHERE,
      direction: 'ingress',
      action: 'allow',
      label: `provision ${range.protocol} ${range.from}-${range.to}`,
    }),
  );
  const outbound: WantedRule[] = [
    {
      protocol: 'tcp',
      start_port: '1',
      end_port: '65535',
      cidr: ANYWHERE,
      direction: 'egress',
      action: 'allow',
      label: 'provision outbound tcp',
    },
    {
      protocol: 'udp',
      start_port: '1',
      end_port: '65535',
      cidr: ANYWHERE,
      direction: 'egress',
      action: 'allow',
      label: 'provision outbound udp',
    },
    {
      protocol: 'icmp',
      cidr: ANYWHERE,
      direction: 'egress',
      action: 'allow',
      label: 'provision outbound icmp',
    },
  ];
  return [...inboundRules, ...outbound];
}

interface RuleKey {
  readonly protocol: string;
  readonly start_port?: string | null | undefined;
  readonly end_port?: string | null | undefined;
  readonly direction?: string | null | undefined;
  readonly cidr?: readonly string[] | null | undefined;
}

const keyOf = (rule: RuleKey) =>
  `${rule.direction ?? 'ingress'} ${rule.protocol} ${rule.start_port ?? ''}-${rule.end_port ?? ''} ${(rule.cidr ?? []).join(',')}`;

/** Every firewall of a region (the API lists them all at once). */
export async function listFirewalls(
  client: JsonClient,
  region: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall[]> {
  const { data } = await client.request({
    method: 'GET',
    path: '/v2/firewalls',
    query: { region },
    operation,
    schema: firewallList,
    signal: options?.signal,
  });
  return data;
}

/** The rules of one firewall. */
export async function listRules(
  client: JsonClient,
  region: string,
  firewallId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<FirewallRule[]> {
  const { data } = await client.request({
    method: 'GET',
    path: `/v2/firewalls/${firewallId}/rules`,
    query: { region },
    operation,
    schema: ruleList,
    signal: options?.signal,
  });
  return data;
}

/** One removal attempt of a firewall: absent on 404, in use while an instance still has it. */
export function removeFirewall(
  client: JsonClient,
  region: string,
  firewallId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  return removeSecondaryResource(
    async () => {
      const answer = await client.request({
        method: 'DELETE',
        path: `/v2/firewalls/${firewallId}`,
        query: { region },
        operation,
        allowStatus: [404],
        signal: options?.signal,
      });
      return answer.status === 404 ? 'absent' : 'deleted';
    },
    (error) => (hasProviderCode(error, 'database_firewall_delete_failed') ? 'in-use' : undefined),
  );
}

/**
 * The firewall of a host, made BEFORE its instance so the instance is created behind it
 * (`firewall_id`) and never reachable on a port it did not ask for, not even while it boots. On
 * provider-utils' secondary-resource policy: names are unique per account, so a second create is
 * refused and the one a concurrent caller (or a lost answer) made is adopted, its rules made
 * exactly this spec's. Nothing to roll back on a refusal: no instance exists yet.
 */
export async function ensureFirewall(
  client: JsonClient,
  spec: ResolvedHostSpec,
  networkId: string,
  logger: Logger,
  options?: CallOptions,
): Promise<{ firewallId: string; created: boolean }> {
  const rules = wantedRules(spec.inbound ?? 'all');
  const name = firewallName(spec.owner, spec.name);
  const region = spec.region;
  const { resource, created } = await ensureSecondaryResource<{ id: string }>({
    create: async () =>
      (
        await client.request({
          method: 'POST',
          path: '/v2/firewalls',
          body: { name, region, network_id: networkId, create_rules: false, rules },
          operation: 'provision',
          schema: firewallCreated,
          signal: options?.signal,
        })
      ).data,
    find: async () => {
      const found = (await listFirewalls(client, region, 'provision', options)).find(
        (firewall) => firewall.name === name,
      );
      if (found === undefined) return undefined;
      await completeRules(client, region, found.id, rules, options);
      return found;
    },
    nameTaken: (error) => hasProviderCode(error, 'database_firewall_duplicate_name', 'firewall_duplicate'),
    signal: options?.signal,
  });
  if (!created) logger.debug('adopted the firewall of an earlier attempt', { provider: 'civo' });
  return { firewallId: resource.id, created };
}

/** Makes a found firewall's rules exactly `rules`: others removed, the missing added (one request each). */
async function completeRules(
  client: JsonClient,
  region: string,
  firewallId: string,
  rules: readonly WantedRule[],
  options?: CallOptions,
): Promise<void> {
  const have = await listRules(client, region, firewallId, 'provision', options);
  const wanted = new Set(rules.map(keyOf));
  const present = new Set(have.map(keyOf));
  for (const rule of have.filter((candidate) => !wanted.has(keyOf(candidate)) && candidate.id))
    await client.request({
      method: 'DELETE',
      path: `/v2/firewalls/${firewallId}/rules/${rule.id}`,
      query: { region },
      operation: 'provision',
      allowStatus: [404],
      signal: options?.signal,
    });
  for (const rule of rules.filter((candidate) => !present.has(keyOf(candidate))))
    await client.request({
      method: 'POST',
      path: `/v2/firewalls/${firewallId}/rules`,
      body: { ...rule, region },
      operation: 'provision',
      signal: options?.signal,
    });
}
