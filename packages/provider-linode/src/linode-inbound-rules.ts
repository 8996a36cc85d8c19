import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { cloudErrorClass, getIfFound, type JsonClient } from '@provision/provider-utils';
import { type Firewall, firewallPage, linodeSchema } from './linode-api.js';
import { listAll } from './linode-client.js';
import { linodeIds } from './linode-ids.js';

type Rule = NonNullable<NonNullable<Firewall['rules']>['inbound']>[number];
type PortRange = { from: number; to: number };

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';
const EVERY_PORT: PortRange = { from: 1, to: 65535 };

/** A rule's addresses in `InboundRule` words: `undefined` when both families' "anywhere" are there. */
function sourcesOf(rule: Rule): string[] | undefined {
  const addresses = [...(rule.addresses?.ipv4 ?? []), ...(rule.addresses?.ipv6 ?? [])];
  return addresses.includes(IPV4_ANYWHERE) && addresses.includes(IPV6_ANYWHERE) ? undefined : addresses;
}

/** `ports` is a comma-separated list of ports and ranges ("80, 443, 8000-9000"); none: every port. */
function portsOf(ports: string | null | undefined): PortRange[] {
  if (ports === undefined || ports === null || ports.trim() === '') return [EVERY_PORT];
  return ports.split(',').map((piece) => {
    const [from = 0, to = from] = piece.trim().split('-').map(Number);
    return { from, to };
  });
}

/** The ports of 1-65535 that `closed` leaves open, as ranges. */
function complement(closed: readonly PortRange[]): PortRange[] {
  const open: PortRange[] = [];
  let next = 1;
  for (const range of [...closed].sort((a, b) => a.from - b.from)) {
    if (range.from > next) open.push({ from: next, to: range.from - 1 });
    next = Math.max(next, range.to + 1);
  }
  if (next <= 65535) open.push({ from: next, to: 65535 });
  return open;
}

/**
 * What one enabled firewall lets in, never less than it does:
 * - `inbound_policy: DROP`: its ACCEPT rules (ports per TCP/UDP rule, ICMP and IPENCAP as
 *   `otherProtocols`). Its DROP rules are not subtracted: under a DROP policy they matter only
 *   ahead of an ACCEPT rule for the same traffic, which this answer then still reports open.
 * - `inbound_policy: ACCEPT`: every port except those a DROP rule closes to anywhere (both IPv4
 *   and IPv6 `0.0.0.0/0`, `::/0`), and every other protocol (`'all'`). A port dropped only for
 *   some sources stays open to the others, so it is reported open to anywhere.
 */
function admitted(firewall: Firewall): { rules: ReadInboundRule[]; others: string[] } {
  const inbound = firewall.rules?.inbound ?? [];
  const rules: ReadInboundRule[] = [];
  const others: string[] = [];
  if (firewall.rules?.inbound_policy === 'ACCEPT') {
    for (const protocol of ['tcp', 'udp'] as const) {
      const closed = inbound
        .filter(
          (rule) =>
            rule.action === 'DROP' &&
            rule.protocol.toLowerCase() === protocol &&
            sourcesOf(rule) === undefined,
        )
        .flatMap((rule) => portsOf(rule.ports));
      for (const range of complement(closed)) rules.push({ ...range, protocol, sources: [ANYWHERE] });
    }
    return { rules, others: ['all'] };
  }
  for (const rule of inbound) {
    if (rule.action !== 'ACCEPT') continue;
    const protocol = rule.protocol.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') {
      others.push(protocol);
      continue;
    }
    const sources = sourcesOf(rule) ?? [ANYWHERE];
    for (const range of portsOf(rule.ports)) rules.push({ ...range, protocol, sources });
  }
  return { rules, others };
}

/**
 * `inboundRules()`: the Linode (one GET: a gone Linode is `HostNotFoundError`), then the firewalls
 * assigned to it (one page), whoever attached them: the one `provision()` made, or one attached in
 * Cloud Manager. Only an enabled firewall filters (Linode allows one enabled firewall per Linode);
 * without one the Linode is on Linode's default networking, which lets everything in.
 * https://techdocs.akamai.com/linode-api/reference/get-linode-firewalls
 */
export function linodeInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { linodeId } = linodeIds.decode(id, 'inboundRules');
      const notFound = () => new HostNotFoundError(id, { provider: 'linode', operation: 'inboundRules' });
      const linode = await getIfFound(client, {
        path: `/v4/linode/instances/${linodeId}`,
        operation: 'inboundRules',
        schema: linodeSchema,
        signal: options?.signal,
      });
      if (linode === undefined) throw notFound();
      const firewalls = await listAll(
        client,
        {
          path: `/v4/linode/instances/${linodeId}/firewalls`,
          operation: 'inboundRules',
          schema: firewallPage,
        },
        options,
      ).catch((error: unknown) => {
        // Deleted between the two requests.
        throw cloudErrorClass(error) === 'not_found' ? notFound() : error;
      });
      const enabled = firewalls.filter((firewall) => (firewall.status ?? 'enabled') === 'enabled');
      if (enabled.length === 0) return { kind: 'cloud-default' };
      const read = enabled.map(admitted);
      return firewallInbound(
        read.flatMap((one) => one.rules),
        read.flatMap((one) => one.others),
      );
    },
  };
}
