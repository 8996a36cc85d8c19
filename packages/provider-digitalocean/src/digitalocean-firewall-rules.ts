import type { ResolvedHostSpec } from '@provision/core';

const EVERYWHERE = { addresses: ['0.0.0.0/0', '::/0'] };

// https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_create
// "ports": a port, a range "8000-9000", or "0" for every port of the protocol.
function ports(from: number, to: number): string {
  if (from === 1 && to === 65535) return '0';
  return from === to ? String(from) : `${from}-${to}`;
}

function inboundRules(inbound: NonNullable<ResolvedHostSpec['inbound']>) {
  return inbound === 'all'
    ? [
        { protocol: 'tcp', ports: '0', sources: EVERYWHERE },
        { protocol: 'udp', ports: '0', sources: EVERYWHERE },
      ]
    : inbound.map((rule) => ({
        protocol: rule.protocol,
        ports: ports(rule.from, rule.to),
        sources: EVERYWHERE,
      }));
}

/**
 * The firewall body for a host's `inbound`: exactly the requested ports from anywhere, and all
 * outbound traffic (a DigitalOcean firewall without outbound rules blocks it all, which would
 * break package installs in user-data). It targets one tag and nothing else (`firewallTag`: only the host's
 * droplets made with `inbound` carry it): a firewall's tags choose which droplets it guards.
 */
export function firewallBody(name: string, tag: string, inbound: NonNullable<ResolvedHostSpec['inbound']>) {
  return {
    name,
    tags: [tag],
    inbound_rules: inboundRules(inbound),
    outbound_rules: [
      { protocol: 'tcp', ports: '0', destinations: EVERYWHERE },
      { protocol: 'udp', ports: '0', destinations: EVERYWHERE },
      // ICMP has no ports; the API still requires the field and answers "0".
      { protocol: 'icmp', ports: '0', destinations: EVERYWHERE },
    ],
  };
}

type Rule = { protocol: string; ports?: string | null | undefined; sources?: unknown };

const normal = (rules: readonly Rule[]) =>
  JSON.stringify(
    rules
      .map((rule) => [rule.protocol, rule.ports === 'all' ? '0' : (rule.ports ?? '0'), rule.sources ?? null])
      .sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right))),
  );

/** Whether a firewall's inbound rules are exactly those `firewallBody` writes for `inbound`. */
export function sameInboundRules(
  firewall: { readonly inbound_rules?: readonly Rule[] | null | undefined },
  inbound: NonNullable<ResolvedHostSpec['inbound']>,
): boolean {
  return normal(firewall.inbound_rules ?? []) === normal(inboundRules(inbound));
}
