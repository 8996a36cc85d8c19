import {
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import type { Firewall } from './gcp-api.js';
import type { GcpApi } from './gcp-client.js';
import { denyRuleName, rulesFilter } from './gcp-firewall.js';
import { gcpIds } from './gcp-ids.js';
import { getInstance } from './gcp-instances.js';
import { listFirewalls } from './gcp-listing.js';
import { firewallNameOf } from './gcp-names.js';

const ANYWHERE_V4 = '0.0.0.0/0';

// What the `default` network's own rules let in from anywhere when no deny rule of ours stands
// before them. https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc
const NETWORK_DEFAULTS: ReadInboundRule[] = [
  { from: 22, to: 22, protocol: 'tcp' },
  { from: 3389, to: 3389, protocol: 'tcp' },
];

/** `ports` is `["22", "80-85"]`; none means every port. Anything unreadable reads as every port. */
function rangesOf(ports: readonly string[] | null | undefined): Array<{ from: number; to: number }> {
  if (ports === null || ports === undefined || ports.length === 0) return [{ from: 1, to: 65535 }];
  return ports.map((port) => {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(port);
    if (match === null) return { from: 1, to: 65535 };
    const from = Number(match[1]);
    return { from, to: Number(match[2] ?? from) };
  });
}

/** The allow rule's entries in `InboundRule` words, and the protocols without ports it admits. */
export function readAllowRule(rule: Firewall): { rules: ReadInboundRule[]; others: string[] } {
  const sources = (rule.sourceRanges ?? []).includes(ANYWHERE_V4)
    ? undefined
    : [...(rule.sourceRanges ?? [])];
  const rules: ReadInboundRule[] = [];
  const others: string[] = [];
  for (const entry of rule.allowed ?? []) {
    const protocol = entry.IPProtocol.toLowerCase();
    const protocols: readonly ('tcp' | 'udp')[] =
      protocol === 'all'
        ? (['tcp', 'udp'] as const)
        : protocol === 'tcp' || protocol === 'udp'
          ? [protocol]
          : [];
    if (protocols.length === 0) others.push(protocol);
    if (protocol === 'all') others.push('icmp');
    for (const each of protocols)
      for (const range of rangesOf(protocol === 'all' ? undefined : entry.ports))
        rules.push({ ...range, protocol: each, ...(sources === undefined ? {} : { sources }) });
  }
  return { rules, others };
}

/**
 * `inboundRules()`: the instance (a gone one is `HostNotFoundError`); one without provision's
 * network tag is on the `default` network's rules (`cloud-default`); one with it, one listing of
 * its two rules: the allow rule's ports, and, should the deny rule be missing, the network's own
 * SSH, RDP and ICMP rules as well (the wider reading never hides an open port).
 */
export function gcpInboundRules(api: GcpApi) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const ref = gcpIds.decode(id, 'inboundRules');
      const instance = await getInstance(api.client, ref, 'inboundRules', options);
      if (instance === undefined)
        throw new HostNotFoundError(id, { provider: 'gcp', operation: 'inboundRules' });
      const tag = firewallNameOf(ref.instance);
      if (!(instance.tags?.items ?? []).includes(tag)) return { kind: 'cloud-default' };
      const rules = await listFirewalls(
        api.client,
        ref.project,
        rulesFilter(ref.instance),
        'inboundRules',
        options,
      );
      const allow = rules.find((rule) => rule.name === tag && (rule.targetTags ?? []).includes(tag));
      const denied = rules.some((rule) => rule.name === denyRuleName(tag) && (rule.denied ?? []).length > 0);
      const read = allow === undefined ? { rules: [], others: [] } : readAllowRule(allow);
      if (!denied) return firewallInbound([...read.rules, ...NETWORK_DEFAULTS], [...read.others, 'icmp']);
      if (allow === undefined) return { kind: 'firewall', allows: [] };
      return firewallInbound(read.rules, read.others);
    },
  };
}
