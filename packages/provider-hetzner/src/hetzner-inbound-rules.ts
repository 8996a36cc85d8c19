import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { type Firewall, firewallEnvelope, serverEnvelope } from './hetzner-api.js';
import { hetznerIds } from './hetzner-ids.js';

type Rule = NonNullable<Firewall['rules']>[number];

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';

/** A rule's `source_ips` (CIDR networks) in `InboundRule` words: anywhere when both families' "anywhere" are there. */
function sourcesOf(rule: Rule): string[] {
  const sources = rule.source_ips ?? [];
  if (sources.includes(IPV4_ANYWHERE) && sources.includes(IPV6_ANYWHERE)) return [ANYWHERE];
  return [...sources];
}

/**
 * `port` is one port `"80"` or a range `"80-85"` (tcp and udp only). Anything else, should the API
 * ever answer without one, reads as every port: the wider reading never hides an open port.
 */
function portsOf(port: string | null | undefined): { from: number; to: number } {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(port ?? '');
  if (match === null) return { from: 1, to: 65535 };
  const from = Number(match[1]);
  return { from, to: Number(match[2] ?? from) };
}

/**
 * `inboundRules()`: the server (one GET: a gone server is `HostNotFoundError`), whose
 * `public_net.firewalls` names the firewalls applied to it, then one GET per firewall for its
 * rules. A server without a firewall is on Hetzner's
 * default networking, which lets everything in. A firewall deleted between the two reads guards
 * nothing any more and is left out. https://docs.hetzner.cloud/reference/cloud#firewalls-get-a-firewall
 */
export function hetznerInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { serverId } = hetznerIds.decode(id, 'inboundRules');
      const found = await getIfFound(client, {
        path: `/servers/${serverId}`,
        operation: 'inboundRules',
        schema: serverEnvelope,
        signal: options?.signal,
      });
      if (found === undefined)
        throw new HostNotFoundError(id, { provider: 'hetzner', operation: 'inboundRules' });
      const firewallIds = [...new Set((found.server.public_net?.firewalls ?? []).map((entry) => entry.id))];
      const firewalls: Firewall[] = [];
      // One after the other: at most a few firewalls, and the request log stays in a stable order.
      for (const firewallId of firewallIds) {
        const answer = await getIfFound(client, {
          path: `/firewalls/${firewallId}`,
          operation: 'inboundRules',
          schema: firewallEnvelope,
          signal: options?.signal,
        });
        if (answer !== undefined) firewalls.push(answer.firewall);
      }
      if (firewalls.length === 0) return { kind: 'cloud-default' };
      const portRules: ReadInboundRule[] = [];
      const otherProtocols: string[] = [];
      for (const rule of firewalls.flatMap((firewall) => firewall.rules ?? [])) {
        if (rule.direction !== 'in') continue;
        const protocol = rule.protocol.toLowerCase();
        if (protocol !== 'tcp' && protocol !== 'udp') {
          otherProtocols.push(protocol);
          continue;
        }
        portRules.push({ ...portsOf(rule.port), protocol, sources: sourcesOf(rule) });
      }
      return firewallInbound(portRules, otherProtocols);
    },
  };
}
