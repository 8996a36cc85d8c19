import type { HostInbound, InboundRule } from '@provision/core';
import { formatPortRule } from '../parse/ports.js';

/** One open port range in JSON: `sources` is `"anywhere"` or the cloud's sources, sorted. */
export interface PortRuleView {
  readonly from: number;
  readonly to: number;
  readonly protocol: 'tcp' | 'udp';
  readonly sources: 'anywhere' | readonly string[];
}

/**
 * What may reach a host, in JSON (`status --ports`): `firewall` is `false` when no per-host firewall
 * guards it (the cloud's default networking applies; `allows` is then `null`), else `allows` is
 * `"all"` or the rules. `otherProtocols` lists port-less protocols also let in (`icmp`, `all`).
 * Documented in the README.
 */
export interface PortsView {
  readonly firewall: boolean;
  readonly allows: 'all' | readonly PortRuleView[] | null;
  readonly otherProtocols: readonly string[];
}

function ruleView(rule: InboundRule): PortRuleView {
  return { from: rule.from, to: rule.to, protocol: rule.protocol, sources: rule.sources ?? 'anywhere' };
}

/** The provider's answer in its stable JSON shape (see `PortsView`). */
export function portsView(inbound: HostInbound): PortsView {
  if (inbound.kind !== 'firewall') return { firewall: false, allows: null, otherProtocols: [] };
  return {
    firewall: true,
    allows: inbound.allows === 'all' ? 'all' : inbound.allows.map(ruleView),
    otherProtocols: inbound.otherProtocols ?? [],
  };
}

function formatRule(rule: InboundRule): string {
  const ports = formatPortRule(rule);
  return rule.sources === undefined ? ports : `${ports} from ${rule.sources.join(' ') || 'nowhere'}`;
}

/** The ports in one line: `22/tcp, 80-81/tcp from 198.51.100.0/24`, `all (...)`, or the default networking. */
export function formatPorts(inbound: HostInbound): string {
  if (inbound.kind !== 'firewall')
    return "no per-host firewall: the cloud's default networking applies (not read here)";
  const others = (inbound.otherProtocols ?? []).map((protocol) =>
    protocol === 'all' ? 'every protocol (by a rule of all)' : protocol,
  );
  const also = others.length === 0 ? '' : `; also ${others.join(', ')}`;
  if (inbound.allows === 'all') return `all (every tcp and udp port, from anywhere)${also}`;
  if (inbound.allows.length === 0) return `none (the firewall lets no port in)${also}`;
  return `${inbound.allows.map(formatRule).join(', ')}${also}`;
}
