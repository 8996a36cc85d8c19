import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { PAGE_SIZE, type SecurityGroupRule } from './scaleway-api.js';
import { scalewayIds } from './scaleway-ids.js';
import { instanceApi } from './scaleway-sdk.js';
import { serverIfAny } from './scaleway-servers.js';
import { GROUP_TAG } from './scaleway-tags.js';

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';

/**
 * The rules of a group whose inbound default policy is `drop`, in `InboundRule` words: its
 * accepted inbound rules (Scaleway keeps one rule per address range, so `0.0.0.0/0` together with
 * `::/0` for one protocol and range is anywhere). A rule without ports covers every port.
 */
export function readGroupRules(rules: readonly SecurityGroupRule[]): HostInbound {
  const byRange = new Map<
    string,
    { from: number; to: number; protocol: 'tcp' | 'udp'; sources: Set<string> }
  >();
  const otherProtocols = new Set<string>();
  for (const rule of rules) {
    if (rule.direction !== 'inbound' || rule.action !== 'accept') continue;
    const protocol = rule.protocol.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') {
      otherProtocols.add(protocol === 'any' ? 'all' : protocol);
      continue;
    }
    const from = rule.destPortFrom ?? 1;
    const to = rule.destPortTo ?? (rule.destPortFrom == null ? 65535 : from);
    const key = `${protocol} ${from}-${to}`;
    const entry = byRange.get(key) ?? { from, to, protocol, sources: new Set<string>() };
    entry.sources.add(rule.ipRange);
    byRange.set(key, entry);
  }
  const portRules: ReadInboundRule[] = [...byRange.values()].map(({ sources, ...range }) => ({
    ...range,
    sources: sources.has(IPV4_ANYWHERE) && sources.has(IPV6_ANYWHERE) ? [ANYWHERE] : [...sources],
  }));
  return firewallInbound(portRules, [...otherProtocols]);
}

/**
 * `inboundRules()`: the server (one GET: a gone server is `HostNotFoundError`); a server behind
 * the Project's shared security group is on the cloud's default networking. For its own group,
 * the group (its default policy) and its rules (one page: at most 100), in parallel. A group
 * whose default inbound policy is `accept` lets every port in.
 * https://www.scaleway.com/en/developers/api/instance/#path-security-groups-list-rules
 */
export function scalewayInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { zone, serverId } = scalewayIds.decode(id, 'inboundRules');
      const server = await serverIfAny(client, zone, serverId, 'inboundRules', options);
      if (server === undefined)
        throw new HostNotFoundError(id, { provider: 'scaleway', operation: 'inboundRules' });
      const groupId = server.securityGroup?.id;
      if (!groupId || !server.tags?.includes(GROUP_TAG)) return { kind: 'cloud-default' };
      const api = instanceApi(client, { operation: 'inboundRules', signal: options?.signal });
      const [group, rules] = await Promise.all([
        api.getSecurityGroup({ zone, securityGroupId: groupId }),
        api.listSecurityGroupRules({ zone, securityGroupId: groupId, perPage: PAGE_SIZE }).all(),
      ]);
      if (group.securityGroup?.inboundDefaultPolicy === 'accept') return { kind: 'firewall', allows: 'all' };
      return readGroupRules(rules);
    },
  };
}
