import type { ResolvedHostSpec } from '@provision/core';

const EVERYWHERE = { addresses: ['0.0.0.0/0', '::/0'] };

// https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_create
// "ports": a port, a range "8000-9000", or "0" for every port of the protocol.
function ports(from: number, to: number): string {
  if (from === 1 && to === 65535) return '0';
  return from === to ? String(from) : `${from}-${to}`;
}

/**
 * The firewall body for a host's `inbound`: exactly the requested ports from anywhere, and all
 * outbound traffic (a DigitalOcean firewall without outbound rules blocks it all, which would
 * break package installs in user-data).
 */
// No `tags` on the firewall: on DigitalOcean a firewall's tags choose which droplets it guards,
// so tagging it with a managed tag would apply it to every managed droplet.
export function firewallBody(
  name: string,
  dropletId: number,
  inbound: NonNullable<ResolvedHostSpec['inbound']>,
) {
  const rules =
    inbound === 'all'
      ? [
          { protocol: 'tcp', ports: '0', sources: EVERYWHERE },
          { protocol: 'udp', ports: '0', sources: EVERYWHERE },
        ]
      : inbound.map((rule) => ({
          protocol: rule.protocol,
          ports: ports(rule.from, rule.to),
          sources: EVERYWHERE,
        }));
  return {
    name,
    droplet_ids: [dropletId],
    inbound_rules: rules,
    outbound_rules: [
      { protocol: 'tcp', ports: '0', destinations: EVERYWHERE },
      { protocol: 'udp', ports: '0', destinations: EVERYWHERE },
      // ICMP has no ports; the API still requires the field and answers "0".
      { protocol: 'icmp', ports: '0', destinations: EVERYWHERE },
    ],
  };
}
