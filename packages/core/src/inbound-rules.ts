import { compareText } from './compare-text.js';
import type { HostInbound, InboundRule } from './spec/v1/host-inbound.js';

/** A rule as a plugin read it from its cloud: ports, protocol and sources (`undefined`: anywhere). */
export interface ReadInboundRule {
  readonly from: number;
  readonly to: number;
  readonly protocol: 'tcp' | 'udp';
  /** Where it admits traffic from; `undefined` (or a list holding `'anywhere'`) for anywhere. */
  readonly sources?: readonly string[] | undefined;
}

/** The sources word for "anywhere", for plugins mapping a cloud's `0.0.0.0/0` plus `::/0`. */
export const ANYWHERE = 'anywhere';

function compare(a: InboundRule, b: InboundRule): number {
  return compareText(a.protocol, b.protocol) || a.from - b.from || a.to - b.to;
}

/**
 * The `HostInbound` of a host behind a firewall with these rules: ports clamped to 1-65535
 * (a cloud's port 0 means every port), sorted, identical ranges merged with their sources joined
 * (anywhere wins), and `'all'` when every TCP and every UDP port is open from anywhere.
 * `otherProtocols` are the port-less protocols the firewall also admits.
 */
export function firewallInbound(
  rules: readonly ReadInboundRule[],
  otherProtocols: readonly string[] = [],
): HostInbound {
  const merged = new Map<string, { rule: InboundRule; sources: Set<string> | undefined }>();
  for (const rule of rules) {
    const from = Math.max(1, rule.from);
    const to = Math.min(65535, Math.max(from, rule.to));
    const key = `${rule.protocol}:${from}-${to}`;
    const anywhere = rule.sources === undefined || rule.sources.includes(ANYWHERE);
    const entry = merged.get(key) ?? { rule: { from, to, protocol: rule.protocol }, sources: new Set() };
    if (anywhere || entry.sources === undefined) entry.sources = undefined;
    else for (const source of rule.sources ?? []) entry.sources.add(source);
    merged.set(key, entry);
  }
  const allows = [...merged.values()]
    .map(({ rule, sources }) => (sources === undefined ? rule : { ...rule, sources: [...sources].sort() }))
    .sort(compare);
  const every = (protocol: 'tcp' | 'udp') =>
    allows.some(
      (rule) =>
        rule.protocol === protocol && rule.from === 1 && rule.to === 65535 && rule.sources === undefined,
    );
  const others = [...new Set(otherProtocols)].sort();
  return {
    kind: 'firewall',
    allows: every('tcp') && every('udp') ? 'all' : allows,
    ...(others.length === 0 ? {} : { otherProtocols: others }),
  };
}
