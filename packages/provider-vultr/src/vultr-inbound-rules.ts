import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { type FirewallRule, instanceEnvelope, ruleSchema } from './vultr-api.js';
import { listAll } from './vultr-client.js';
import { vultrIds } from './vultr-ids.js';

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';

/**
 * Where one rule admits traffic from: `subnet`/`subnet_size` as a CIDR, or, when `source` is set
 * (`'cloudflare'`: Cloudflare's address space, subnet ignored), that named source as `source:<name>`.
 */
function sourceOf(rule: FirewallRule): string {
  if (rule.source) return `source:${rule.source}`;
  const size = rule.subnet_size ?? 0;
  const subnet = rule.subnet || (rule.ip_type === 'v6' ? '::' : '0.0.0.0');
  return `${subnet}/${size}`;
}

/** `port` is "80", a range "8000:9000", or empty (or "0") for every port. */
function portsOf(port: string | null | undefined): { from: number; to: number } {
  if (port === undefined || port === null || port === '' || port === '0') return { from: 1, to: 65535 };
  const [from = 0, to = from] = port.split(':').map(Number);
  return { from, to };
}

/**
 * The rules of a group in `InboundRule` words. Vultr keeps one rule per IP version, so the rules of
 * one protocol and port are joined first: `0.0.0.0/0` together with `::/0` is anywhere.
 */
export function readGroupRules(rules: readonly FirewallRule[]): HostInbound {
  const byRange = new Map<
    string,
    { from: number; to: number; protocol: 'tcp' | 'udp'; sources: Set<string> }
  >();
  const otherProtocols: string[] = [];
  for (const rule of rules) {
    const protocol = rule.protocol.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') {
      otherProtocols.push(protocol);
      continue;
    }
    const ports = portsOf(rule.port);
    const key = `${protocol} ${ports.from}-${ports.to}`;
    const entry = byRange.get(key) ?? { ...ports, protocol, sources: new Set<string>() };
    entry.sources.add(sourceOf(rule));
    byRange.set(key, entry);
  }
  const portRules: ReadInboundRule[] = [...byRange.values()].map(({ sources, ...range }) => ({
    ...range,
    sources: sources.has(IPV4_ANYWHERE) && sources.has(IPV6_ANYWHERE) ? [ANYWHERE] : [...sources],
  }));
  return firewallInbound(portRules, otherProtocols);
}

/**
 * `inboundRules()`: the instance (one GET: a gone instance is `HostNotFoundError`), then the rules
 * of the firewall group it sits in (one page: a group holds at most 50 rules). An instance in no
 * group is on Vultr's default networking, which lets everything in.
 * https://www.vultr.com/api/#operation/list-firewall-group-rules
 */
export function vultrInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { instanceId } = vultrIds.decode(id, 'inboundRules');
      const found = await getIfFound(client, {
        path: `/v2/instances/${instanceId}`,
        operation: 'inboundRules',
        schema: instanceEnvelope,
        signal: options?.signal,
      });
      const instance = found?.instance;
      if (instance === undefined)
        throw new HostNotFoundError(id, { provider: 'vultr', operation: 'inboundRules' });
      const groupId = instance.firewall_group_id;
      if (!groupId) return { kind: 'cloud-default' };
      const rules = await listAll(
        client,
        {
          path: `/v2/firewalls/${groupId}/rules`,
          key: 'firewall_rules',
          item: ruleSchema,
          operation: 'inboundRules',
        },
        options,
      );
      return readGroupRules(rules);
    },
  };
}
